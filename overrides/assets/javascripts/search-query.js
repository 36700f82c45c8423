/* 柜面投诉应对: Enter in site search opens the best card.
 *
 * Material's Enter opens the first result link, which is always a page's own
 * row (its title), even when the page is listed for one of its cards. Staff
 * pressing Enter want the card: the first section result, a card if any.
 * Ranking itself happens in the search worker (search-worker.js, ckb-query.js).
 * The search box is Material's and stays across pages: one listener, added once.
 */
(() => {
  "use strict"

  const QUERY = "[data-md-component=search-query]"

  function bestSection() {
    const links = [...document.querySelectorAll(".md-search-result__list .md-search-result__link")]
      .filter(link => link.offsetParent !== null)
    const prefix = `#${ckb.config.anchors.card}`
    return links.find(link => link.hash.startsWith(prefix)) || links.find(link => link.hash) || null
  }

  window.addEventListener("keydown", event => {
    if (event.key !== "Enter" || event.isComposing || !event.target.matches?.(QUERY)) return
    const link = bestSection()
    if (!link) return
    event.preventDefault()
    event.stopImmediatePropagation()
    link.click()
  }, true)
})()
