/* 柜面投诉应对: site search ranked by ckb-query.js, inside Material's search worker.
 *
 * The build (macros/integration/search_index.py) writes the worker as: its data (ckb.queryData),
 * ckb-query.js, this script, then Material's own worker. This listener runs
 * first: it keeps the index's documents when Material sets the worker up, and
 * answers each query itself, in Material's result format (groups of one
 * page's documents, best first, each group's page row first), so that site
 * search and 话术速查 rank the same documents, the cards and sections the
 * build wrote into ckb.queryData.docs; the index's other pages rank beside them
 * at a lower weight. Material still builds its index and answers the setup; it
 * never sees a query.
 *
 * Above the results, as rows of their own: the company's emergency instruction
 * when the query names an emergency, and a plain note when nothing matched the
 * words themselves and the results are the closest guess.
 *
 * `ckb.siteSearch(data, indexDocuments).search(query)` is the whole answer, with
 * no worker around it: the tests run the query sets through it in node.
 */
(() => {
  "use strict"

  const SETUP = 0, QUERY = 2, RESULT = 3          // Material's worker message types
  const SHOWN = 0.5                                // sections this close to a page's best stay in view
  const MAX_SHOWN = 3
  const BEST_SHOWN = 3                             // the best results of all stay in view, whatever their page's best
  const NOTICE_SCORE = 1e6                         // the emergency and the guess note come first

  const pageOf = location => location.split("#")[0]
  const plain = text => String(text).replace(/[\u200b]/g, "")
  const escape = word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

  /* <mark> the matched words in the text parts of a snippet, never inside a tag */
  function highlight(html, words) {
    if (!words.length) return html
    const pattern = new RegExp([...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join("|"), "gi")
    return plain(html).split(/(<[^>]*>)/).map(part =>
      part.startsWith("<") ? part : part.replace(pattern, "<mark>$&</mark>")).join("")
  }

  const html = text => String(text).replace(/[&<>"]/g, char => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char])

  function siteSearch(data, indexDocuments) {
    const labels = new RegExp(`(${data.labels.join("|")})：`, "g")  // a card's part labels are in every card
    const keysLabel = `${data.keywordsLabel}：`
    const shownAs = new Map(indexDocuments.map(doc => [doc.location, doc]))
    const ours = new Set((data.docs || []).map(doc => doc.url))
    const pages = new Map(indexDocuments.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc]))
    /* The index's entries that are not a card or section of the course: pages, and
       sections of pages that are not chapters of the course */
    const others = indexDocuments.filter(doc => !ours.has(doc.location)).map(doc => {
      const text = plain(doc.text).replace(/<[^>]*>/g, " ")
      const at = text.lastIndexOf(keysLabel)
      return { id: doc.location, url: doc.location, kind: "page", title: plain(doc.title),
               keys: at < 0 ? "" : text.slice(at + keysLabel.length),
               body: (at < 0 ? text : text.slice(0, at)).replace(labels, " ") }
    })
    const found = ckb.query.finder(data, others)

    function shown({ doc, hits, score }) {
      const source = shownAs.get(doc.url) || { location: doc.url, title: html(doc.title), text: html(doc.body) }
      return { ...source, title: highlight(source.title, hits), text: highlight(source.text, hits), score,
               terms: Object.fromEntries([...new Set(hits)].map(hit => [hit, true])) }
    }

    const notice = (location, title, text) => [{ location, title: html(title), text: html(text), score: NOTICE_SCORE, terms: {} }]

    function search(query) {
      const { results, guess, emergency } = found.find(query)
      const groups = new Map()
      /* the best sections and cards of all (a page's own row heads its group whatever its score) */
      const leading = new Set(results.map(result => result.doc.url).filter(url => url.includes("#")).slice(0, BEST_SHOWN))
      for (const result of results) {
        const item = shown(result)
        const page = pageOf(item.location)
        if (!groups.has(page)) groups.set(page, [])
        groups.get(page).push(item)
      }
      const ordered = [...groups.entries()].map(([page, items]) => {
        items.sort((a, b) => b.score - a.score)
        const own = items.findIndex(item => item.location === page)
        const [self] = own < 0 ? [{ ...(pages.get(page) || { location: page, title: "", text: "" }), score: 0, terms: {} }]
          : items.splice(own, 1)
        return { best: items.length ? items[0].score : self.score, items, self }
      }).sort((a, b) => b.best - a.best)
      /* A page's rows in view: the best of all results, and those close to the page's best
         that score no lower than the next page's best (which would come after them) */
      ordered.forEach(({ best, items }, at) => {
        const next = at + 1 < ordered.length ? ordered[at + 1].best : 0
        items.forEach((item, index) => {
          if (leading.has(item.location) || (index < MAX_SHOWN && item.score >= best * SHOWN && item.score >= next))
            item.score = best
        })
      })
      /* Material reads the first item's score as the group's */
      const rows = ordered.map(({ items, self }) => [...items, self])
      const quick = `${data.pages.quick}?filter=${encodeURIComponent(query)}`
      if (guess)
        rows.unshift(notice(quick, "没有完全匹配的内容", "下面是按相同的字词猜的最接近的结果，请核对后再用。在话术速查中查看 →"))
      if (emergency) {
        const instruction = data.emergency
        rows.unshift(notice(instruction.url || quick, `⚠ ${instruction.title}`, `${instruction.source}：${instruction.text}`))
      }
      return rows
    }

    return { search, emergencyOf: query => found.reader.emergency(query), guessOf: query => found.find(query).guess }
  }

  ckb.siteSearch = siteSearch

  if (typeof importScripts !== "function") return  // not in the worker: the tests call ckb.siteSearch
  let answer = null
  addEventListener("message", event => {
    const message = event.data
    if (message && message.type === SETUP) {
      answer = siteSearch(ckb.queryData, message.data.docs)
    } else if (message && message.type === QUERY) {
      event.stopImmediatePropagation()
      postMessage({ type: RESULT, data: { items: answer ? answer.search(message.data) : [] } })
    }
  })
})()
