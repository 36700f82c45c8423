/* 柜面投诉应对: 待复核 on a card that fell due after the site was built.
 *
 * The build marks the cards already past their review; a site served for
 * months would miss the later ones, so each card's badge carries its due date
 * and the component `review-date` (card.html) compares it with today's
 * (ckb.today(): YYYY-MM-DD, local time).
 */
ckb.component("review-date", {
  mount(badge) {
    if (badge.dataset.due < ckb.today()) badge.hidden = false
  },
})
