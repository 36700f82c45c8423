/* 柜面投诉应对: the header's site search, as staff use it.
 *
 * - Text that arrives without a key (pasted, or written by some voice inputs) is
 *   searched too: Material reads the query on keyup only, so an input that no
 *   key follows is passed on as one.
 * - Enter opens the best result: the company's emergency instruction when the
 *   query names an emergency, else the first card (or section), not the page row
 *   Material's Enter would open.
 * - What a query found is told to search-gaps.js, which notes the queries that
 *   found nothing or only a guess.
 * Ranking itself happens in the search worker (search-worker.js, ckb-query.js).
 * The search box is Material's and stays across pages: listeners added once.
 */
(() => {
  "use strict"

  const QUERY = "[data-md-component=search-query]"
  const RESULTS = ".md-search-result__list"

  const shownLinks = () => [...document.querySelectorAll(`${RESULTS} .md-search-result__link`)]
    .filter(link => link.offsetParent !== null)
  /* The rows search-worker.js puts above the results: the emergency instruction (a link
     to 紧急情况) and the guess note (a link to 话术速查 with ?filter=) */
  const page = name => ckb.config.pages?.[name] ? new URL(ckb.config.pages[name], ckb.root).pathname : null
  const isEmergency = link => link.pathname === page("emergency")
  const isGuess = link => link.pathname === page("quick") && new URL(link.href).searchParams.has("filter")

  function best() {
    const links = shownLinks()
    const prefix = `#${ckb.config.anchors.card}`
    return links.find(isEmergency) || links.find(link => link.hash.startsWith(prefix))
      || links.find(link => link.hash) || null
  }

  window.addEventListener("keydown", event => {
    if (event.key !== "Enter" || event.isComposing || !event.target.matches?.(QUERY)) return
    const link = best()
    if (!link) return
    event.preventDefault()
    event.stopImmediatePropagation()
    link.click()
  }, true)

  /* Material searches on keyup: text set without one gets one */
  document.addEventListener("input", event => {
    if (!event.target.matches?.(QUERY) || event.isComposing) return
    event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }, true)

  /* Each time Material draws the results of the box's query */
  function watch() {
    const list = document.querySelector(RESULTS)
    const box = document.querySelector(QUERY)
    if (!list || !box) return
    new MutationObserver(() => {
      const query = box.value.trim()
      const links = shownLinks()
      const results = new Set(links.filter(link => !isEmergency(link) && !isGuess(link)).map(link => link.href)).size
      ckb.searchGaps?.typed(box, "search", query, { results, guess: links.some(isGuess) })
    }).observe(list, { childList: true })
  }

  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", watch) : watch()
})()
