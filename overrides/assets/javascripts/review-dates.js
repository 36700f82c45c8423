/* 柜面投诉应对: 待复核 on a card that fell due after the site was built.
 *
 * The build marks the cards already past their review; a site served for
 * months would miss the later ones, so each card's badge carries its due date
 * and the component `review-date` (card.html) compares it with today's
 * (YYYY-MM-DD, local time). Today is written out by hand: toLocaleDateString
 * loads the browser's locale data, a tenth of a second on a slow phone.
 */
(() => {
  "use strict"

  const today = () => {
    const now = new Date()
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(part => String(part).padStart(2, "0")).join("-")
  }

  ckb.component("review-date", {
    mount(badge) {
      if (badge.dataset.due < today()) badge.hidden = false
    },
  })
})()
