/* 柜面投诉应对: queries that found nothing, or only a guess, noted so that the
 * content owners learn what staff could not find.
 *
 * 话术速查 and site search tell it what each query finds as it is typed:
 * `ckb.searchGaps.typed(box, place, query, {results, guess})`. A query is settled
 * when the box is left or submitted (change, Enter), when the page is hidden, or
 * after a pause of SETTLE ms. A settled query that found nothing or only a guess:
 * - is counted in this browser (ckb.memory `search.gaps`, versioned and checked on
 *   read; the most recent LIMIT), listed on 我的进度 (component `search-gaps`);
 * - is announced as `ckb:search-gap` {query, place, results, guess, page} on the
 *   document, which xapi.js sends as a statement when xAPI is on.
 * Every run of digits is replaced by # before the query is kept or announced: no
 * phone, ID or policy number leaves the box. A query is noted once a page view.
 */
(() => {
  "use strict"

  const SETTLE = 2500
  const LIMIT = 50
  const MAX_LENGTH = 100

  const mask = query => String(query).normalize("NFKC").replace(/\p{Nd}+/gu, "#").trim().slice(0, MAX_LENGTH)

  const isEntry = entry => ckb.memory.isObject(entry) && typeof entry.query === "string" && entry.query
    && typeof entry.place === "string" && Number.isInteger(entry.count) && entry.count > 0
    && Number.isInteger(entry.results) && entry.results >= 0 && typeof entry.last === "string"
  /* A damaged entry is dropped alone; the others are kept */
  const check = record => ({ queries: Array.isArray(record.queries) ? record.queries.filter(isEntry) : [] })

  let store = null
  const memory = () => store ||
    (store = ckb.memory.store(ckb.config.searchGapsMemory, ckb.config.records.searchGaps, check))
  const read = () => memory().read() || { queries: [] }

  const pending = new Map()   // place -> {query, outcome, box, timer}
  const noted = new Set()     // place + query already noted in this page view
  const listening = new WeakSet()

  function note(place, query, outcome) {
    const masked = mask(query)
    const key = `${place}\n${masked}`
    if (!masked || noted.has(key) || (outcome.results > 0 && !outcome.guess)) return
    noted.add(key)
    const state = read()
    const today = new Date().toISOString().slice(0, 10)
    const old = state.queries.find(entry => entry.query === masked && entry.place === place)
    const entry = { query: masked, place, count: (old?.count || 0) + 1, results: outcome.results, last: today }
    memory().write("", { queries: [entry, ...state.queries.filter(other => other !== old)].slice(0, LIMIT) })
    ckb.emit(document, ckb.config.events.searchGap, { query: masked, place, results: outcome.results,
                                                    guess: outcome.guess, page: location.pathname })
  }

  function settle(place) {
    const waiting = pending.get(place)
    if (!waiting) return
    clearTimeout(waiting.timer)
    pending.delete(place)
    note(place, waiting.query, waiting.outcome)
  }

  function typed(box, place, query, outcome) {
    clearTimeout(pending.get(place)?.timer)
    if (!query.trim()) {
      pending.delete(place)
      return
    }
    pending.set(place, { query, outcome, timer: setTimeout(() => settle(place), SETTLE) })
    if (!listening.has(box)) {
      listening.add(box)
      box.addEventListener("change", () => settle(place))
      box.addEventListener("keydown", event => { if (event.key === "Enter" && !event.isComposing) settle(place) })
    }
  }

  const settleAll = () => [...pending.keys()].forEach(settle)
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") settleAll() })
  window.addEventListener("pagehide", settleAll)

  /* 我的进度: this browser's queries that found nothing, most recent first */
  function mount(element) {
    const list = element.querySelector(".ckb-search-gaps__list")
    const entries = read().queries
    element.hidden = !entries.length
    list.replaceChildren(...entries.map(entry => {
      const row = ckb.element("tr")
      row.append(ckb.element("td", "", entry.query), ckb.element("td", "", element.dataset[entry.place] || entry.place),
                 ckb.element("td", "", entry.results ? "只有猜测" : "没有"), ckb.element("td", "", String(entry.count)),
                 ckb.element("td", "", entry.last))
      return row
    }))
  }

  ckb.searchGaps = { typed, mask, read }
  ckb.component("search-gaps", { mount })
})()
