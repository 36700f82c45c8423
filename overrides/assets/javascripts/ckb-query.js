/* 柜面投诉应对: how a staff query is read and how cards are ranked.
 *
 * One script for site search (run inside Material's search worker) and for
 * 话术速查 (run in the page). Its data, ckb.queryData, is written by the build
 * (macros/domain/query.py): the index's words, the staff vocabulary and the filler of
 * spoken sentences.
 *
 *   客户说要去找媒体曝光怎么办
 *   → cut into words, longest first:   客户说 要 去 找媒体 曝光 怎么办
 *   → filler dropped:                   去 找媒体 曝光
 *   → staff words read as the course:   曝光 means 媒体
 *   → each concept weighs by how rare its words are among the cards (客户, 投诉
 *     are everywhere and weigh little), a title or keyword hit more than text.
 *
 * Classic script, no DOM: `self` is a window (where ckb.js made the namespace
 * `ckb`) or the search worker (where the build's data script made it).
 */
self.ckb = self.ckb || {}
ckb.query = (() => {
  "use strict"

  const HAN = /[\u3400-\u9fff]/
  const JOINERS = /[\u200b\u00ad]/g
  const FIELD_WEIGHTS = { title: 3, keys: 2.5, body: 1 }
  const OTHER_WORD = 0.6  // a word of the query's vocabulary group, not the word said

  const normalise = text => String(text).normalize("NFKC").toLowerCase().replace(JOINERS, "")

  function create(data) {
    const synonyms = new Map()  // a word -> every word of its vocabulary groups
    for (const group of data.groups || [])
      for (const word of group)
        synonyms.set(word, [...new Set([...(synonyms.get(word) || []), ...group])])
    const filler = new Set(data.filler || [])
    const dictionary = new Set([...(data.words || []), ...synonyms.keys(), ...filler])
    const longest = Math.min(8, Math.max(1, ...[...dictionary].map(word => word.length)))

    /* Longest known word first; an unknown character stands alone */
    function cutRun(run) {
      const words = []
      for (let start = 0; start < run.length;) {
        let length = Math.min(longest, run.length - start)
        while (length > 1 && !dictionary.has(run.slice(start, start + length)))
          length--
        words.push(run.slice(start, start + length))
        start += length
      }
      return words
    }

    function cut(query) {
      const words = []
      for (const chunk of normalise(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))
        for (const part of chunk.split(/([\u3400-\u9fff]+)/).filter(Boolean))
          HAN.test(part) ? words.push(...cutRun(part)) : words.push(part)
      return words
    }

    /* A single character the dictionary does not know (the 鼻 of 鼻子) says
       little; it counts only when the query has nothing else */
    const known = word => word.length > 1 || synonyms.has(word) || !HAN.test(word)

    /* The concepts of a query: each a word with the words that mean the same */
    function understand(query) {
      const words = cut(query)
      const meaningful = words.filter(word => !filler.has(word))
      const clear = meaningful.filter(known)
      const unknownPairs = pairs(words)
      if (!clear.length && unknownPairs.length)  // 高铁: two unknown characters are read as one word
        return unknownPairs.map(pair => ({ ...pair, weight: 1 }))
      const kept = clear.length ? clear : meaningful.length ? meaningful : words  // a query of filler only is taken as typed
      const concepts = []
      for (const word of new Set(kept))
        concepts.push({ word, alternatives: [word, ...(synonyms.get(word) || []).filter(other => other !== word)], weight: 1 })
      return clear.length ? [...concepts, ...unknownPairs] : concepts
    }

    /* Characters the dictionary does not know, next to each other, may still
       be a word of the cards (嚎啕 of 嚎啕大哭): each pair counts half */
    function pairs(words) {
      const found = []
      let run = ""
      for (const word of [...words, ""]) {
        if (word.length === 1 && HAN.test(word) && !known(word) && !filler.has(word)) {
          run += word
          continue
        }
        for (let at = 0; at + 2 <= run.length; at++)
          found.push({ word: run.slice(at, at + 2), alternatives: [run.slice(at, at + 2)], weight: 0.5 })
        run = ""
      }
      return found
    }

    return { cut, understand }
  }

  /* Prepare documents ({id, title, keys, body, weight}) for ranking. How
     rare a word is comes from the cards (documents without `weight` or with
     weight 1): a section of prose must not make 客户 rare. */
  function collection(documents) {
    const docs = documents.map(doc => ({
      ...doc,
      weight: doc.weight ?? 1,
      title: normalise(doc.title || ""),
      keys: normalise(doc.keys || ""),
      body: normalise(doc.body || ""),
    }))
    const cards = docs.filter(doc => doc.weight === 1)
    const frequency = new Map()
    const idf = word => {
      if (!frequency.has(word)) {
        let count = 0
        for (const doc of cards)
          if (doc.title.includes(word) || doc.keys.includes(word) || doc.body.includes(word)) count++
        frequency.set(word, count)
      }
      const count = frequency.get(word)
      return Math.log(1 + (cards.length - count + 0.5) / (count + 0.5))
    }

    function fieldWeight(doc, word) {
      if (doc.title.includes(word)) return FIELD_WEIGHTS.title
      if (doc.keys.includes(word)) return FIELD_WEIGHTS.keys
      return doc.body.includes(word) ? FIELD_WEIGHTS.body : 0
    }

    /* The documents that match, best first, each with its score and the
       words that matched (for highlighting) */
    function rank(concepts) {
      if (!concepts.length) return []
      /* The word as said counts fully; the others of its group half */
      const weighted = concepts.map(concept => concept.alternatives.map((word, index) =>
        [word, concept.weight * (index ? OTHER_WORD : 1) * idf(word)]))
      const counted = concepts.filter(concept => concept.weight === 1).length || 1
      const results = []
      docs.forEach((doc, order) => {
        let score = 0
        let matched = 0
        const hits = []
        for (const alternatives of weighted) {
          let best = 0
          for (const [word, weight] of alternatives) {
            const hit = weight && fieldWeight(doc, word) * weight
            if (hit) hits.push(word)
            if (hit > best) best = hit
          }
          score += best
          matched += best > 0
        }
        if (score > 0)
          results.push({ doc, order, hits, score: doc.weight * score * (1 + Math.min(1, matched / counted)) })
      })
      return results.sort((a, b) => b.score - a.score || a.order - b.order)
    }

    return { rank, size: docs.length }
  }

  return { create, collection, normalise }
})()
