/* 柜面投诉应对: site search ranked by ckb-query.js, inside Material's search worker.
 *
 * The build (macros/integration/search_index.py) writes the worker as: its data (ckb.queryData),
 * ckb-query.js, this script, then Material's own worker. This listener runs
 * first: it keeps the index's documents when Material sets the worker up, and
 * answers each query itself, in Material's result format (groups of one
 * page's documents, best first, the page's own document last), so that the
 * page and 话术速查 rank cards alike. Material still builds its index and
 * answers the setup; it never sees a query.
 */
(() => {
  "use strict"

  const SETUP = 0, QUERY = 2, RESULT = 3          // Material's worker message types
  const PAGE_WEIGHT = 0.5                          // a page, or a section that is not a card, counts less than a card
  const SHOWN = 0.5                                // sections this close to a page's best stay in view
  const MAX_SHOWN = 3
  const data = ckb.queryData
  const reader = ckb.query.create(data)
  const keysLabel = `${data.keywordsLabel}：`
  let pages = new Map()                            // page location -> its own document
  let ranking = null

  const pageOf = location => location.split("#")[0]
  const plain = text => String(text).replace(/[\u200b]/g, "")
  const isCard = location => (location.split("#")[1] || "").startsWith(data.cardPrefix)
  const labels = new RegExp(`(${data.labels.join("|")})：`, "g")  // a card's part labels are in every card

  function setUp(documents) {
    pages = new Map(documents.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc]))
    ranking = ckb.query.collection(documents.map(doc => {
      const card = isCard(doc.location)
      const text = plain(doc.text).replace(/<[^>]*>/g, " ")
      const at = card ? text.lastIndexOf(keysLabel) : -1
      return {
        source: doc,
        weight: card ? 1 : PAGE_WEIGHT,
        title: plain(doc.title),
        keys: at < 0 ? "" : text.slice(at + keysLabel.length),
        body: (at < 0 ? text : text.slice(0, at)).replace(labels, " "),
      }
    }))
  }

  const escape = word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

  /* <mark> the matched words in the text parts of a snippet, never inside a tag */
  function highlight(html, words) {
    if (!words.length) return html
    const pattern = new RegExp([...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join("|"), "gi")
    return plain(html).split(/(<[^>]*>)/).map(part =>
      part.startsWith("<") ? part : part.replace(pattern, "<mark>$&</mark>")).join("")
  }

  function shown({ doc, hits, score }) {
    const source = doc.source
    return {
      ...source,
      title: highlight(source.title, hits),
      text: highlight(source.text, hits),
      score,
      terms: {},
    }
  }

  function search(query) {
    if (!ranking) return []
    const groups = new Map()
    for (const result of ranking.rank(reader.understand(query))) {
      const item = shown(result)
      const page = pageOf(item.location)
      if (!groups.has(page)) groups.set(page, [])
      groups.get(page).push(item)
    }
    const ordered = [...groups.entries()].map(([page, items]) => {
      items.sort((a, b) => b.score - a.score)
      const own = items.findIndex(item => item.location === page)
      const [self] = own < 0 ? [{ ...pages.get(page), score: 0, terms: {} }] : items.splice(own, 1)
      const best = items.length ? items[0].score : self.score
      items.forEach((item, index) => {
        if (index < MAX_SHOWN && item.score >= best * SHOWN) item.score = best
      })
      return { best, items: self.location !== undefined ? [...items, self] : items }
    })
    return ordered.sort((a, b) => b.best - a.best).map(group => group.items)
  }

  addEventListener("message", event => {
    const message = event.data
    if (message && message.type === SETUP) {
      setUp(message.data.docs)
    } else if (message && message.type === QUERY) {
      event.stopImmediatePropagation()
      postMessage({ type: RESULT, data: { items: search(message.data) } })
    }
  })
})()
