/* 柜面投诉应对: ranking the documents a staff query is read against.
 *
 * The other half of ckb-query.js (which reads a query into concepts, each a word
 * with the words that mean the same and a factor for each): the documents the
 * build wrote (one per card and per section of the course; site search adds its
 * pages) scored for those concepts. A word weighs by how rare it is among the
 * cards and sections, a title or keyword hit more than text, a long body's less.
 * Each word is looked for only in the documents that hold its rarest character,
 * so a query costs what it finds, not what the site holds (2,000 cards or 20).
 *
 * Classic script, no DOM: a window, Material's search worker or node.
 */
self.ckb = self.ckb || {}
ckb.ranking = (() => {
  "use strict"

  const JOINERS = /[\u200b\u00ad]/g
  const FIELD_WEIGHTS = { title: 3, keys: 2.5, body: 1 }
  const WEIGHTS = { card: 1, section: 1, page: 0.5 }
  const LENGTH_NORM = 0.3  // how much a long body's hits are discounted (0: not at all)
  const SENTENCE = 6       // characters: a query this long is a sentence about the counter

  const normalise = text => String(text).normalize("NFKC").toLowerCase().replace(JOINERS, "")

  /* Prepare documents ({id, kind, title, keys, staff, body}) for ranking. How rare a
     word is comes from the cards and sections: a page of prose (kind `page`,
     site search only) must not make 客户 rare. `direct`: the least factor of a
     word that counts as one said (not only a close word). `staff`: the words staff
     used for the document (vocabulary.staff_words); one weighs as a keyword when it
     is said whole (or heard), as text when a word of its group is (记者 does not bring
     the card whose staff word is 电视台的人 above 暗访, whose keyword is 偷拍, for 记者偷拍)
     or a part of it is (投诉 of 再投诉). */
  function collection(documents, { direct = 1 } = {}) {
    const docs = documents.map(doc => ({
      ...doc,
      weight: doc.weight ?? WEIGHTS[doc.kind] ?? WEIGHTS.card,
      title: normalise(doc.title || ""),
      keys: normalise(doc.keys || ""),
      staff: normalise(doc.staff || ""),
      staffWords: new Set(normalise(doc.staff || "").split(/\s+/).filter(Boolean)),
      body: normalise(doc.body || ""),
    }))

    /* Which documents hold a character (in any field), each listed once */
    const index = new Map()
    const seen = new Int32Array(0x10000)  // a character's last document + 1
    docs.forEach((doc, at) => {
      for (const char of doc.title + doc.keys + doc.staff + doc.body) {
        const code = char.length === 1 ? char.charCodeAt(0) : -1
        if (code >= 0 && seen[code] === at + 1) continue
        if (code >= 0) seen[code] = at + 1
        const list = index.get(char)
        if (!list) index.set(char, [at])
        else if (list[list.length - 1] !== at) list.push(at)
      }
    })
    /* How many of the first `count` documents hold each character */
    const share = count => new Map([...index].map(([char, list]) => {
      let held = 0
      while (held < list.length && list[held] < count) held++
      return [char, held]
    }))

    /* a word (and whether said) -> [[document, field weight, only in a staff word]] of the documents that hold it */
    const holding = new Map()
    function holders(word, said = true) {
      const key = said ? word : `\u0000${word}`
      if (!holding.has(key)) {
        let candidates = []
        for (const [number, char] of [...new Set(word)].entries()) {
          const list = index.get(char) || []
          if (number === 0 || list.length < candidates.length) candidates = list
        }
        const found = []
        for (const at of candidates) {
          const weight = fieldWeight(docs[at], word, said)
          if (weight) found.push([at, weight, partOfStaffWord(docs[at], word)])
        }
        holding.set(key, found)
      }
      return holding.get(key)
    }
    const courseSize = docs.filter(doc => doc.kind !== "page").length
    const idf = word => {
      const count = holders(word).filter(([at]) => docs[at].kind !== "page").length
      return Math.log(1 + (courseSize - count + 0.5) / (count + 0.5))
    }

    /* A word in a long text is more likely there by chance: the body counts less
       the longer it is than the documents' average (as BM25's length norm) */
    const course = docs.filter(doc => doc.kind !== "page")
    const averageBody = course.reduce((sum, doc) => sum + doc.body.length, 0) / (course.length || 1)
    for (const doc of docs)
      doc.bodyWeight = FIELD_WEIGHTS.body * Math.pow(averageBody / Math.max(doc.body.length, 1), LENGTH_NORM)

    /* Found only inside a staff word (大厅 of 大厅起哄): no word said matched */
    const partOfStaffWord = (doc, word) => !(doc.title.includes(word) || doc.keys.includes(word) ||
      doc.body.includes(word) || doc.staffWords.has(word))

    function fieldWeight(doc, word, said = true) {
      if (doc.title.includes(word)) return FIELD_WEIGHTS.title
      if (doc.keys.includes(word) || (said && doc.staffWords.has(word))) return FIELD_WEIGHTS.keys
      return doc.body.includes(word) || doc.staff.includes(word) ? doc.bodyWeight : 0
    }

    /* Whether any document holds one of these words */
    const anywhere = alternatives => alternatives.some(([word]) => holders(word).length > 0)

    /* The documents that match concepts ({word, alternatives: [[word, factor]],
       weight, fallback}), best first, each with its score, the words that matched
       (for highlighting), and whether a word said (or a word of its group)
       matched, not only a close word or an unknown pair */
    function rank(concepts) {
      if (!concepts.length) return []
      /* A known word that no document holds (nor its group) counts toward the words close to it */
      const used = concepts.map(concept =>
        concept.fallback && !anywhere(concept.alternatives) ? concept.fallback : concept.alternatives)
      const weighted = concepts.map((concept, at) => used[at].map(([word, factor]) =>
        [word, concept.weight * factor * idf(word), concept.weight === 1 && factor >= direct,
         factor > direct || factor === 1]))
      const counted = concepts.filter(concept => concept.weight === 1).length || 1
      const found = new Map()  // document -> {score, matched, sure, hits}
      for (const alternatives of weighted) {
        const best = new Map()  // document -> its best hit for this concept
        for (const [word, weight, sure, said] of alternatives) {
          if (!weight) continue
          for (const [at, field, partly] of holders(word, said)) {
            if (!found.has(at)) found.set(at, { score: 0, matched: 0, sure: false, hits: [] })
            const entry = found.get(at)
            entry.hits.push(word)
            entry.sure ||= sure && !partly  // a part of a staff word (大厅 of 大厅起哄) is no word said
            best.set(at, Math.max(best.get(at) || 0, field * weight))
          }
        }
        for (const [at, hit] of best) {
          found.get(at).score += hit
          found.get(at).matched += hit > 0
        }
      }
      const results = []
      for (const [at, { score, matched, sure, hits }] of found)
        if (score > 0)
          results.push({ doc: docs[at], order: at, hits, sure,
                         score: docs[at].weight * score * (1 + Math.min(1, matched / counted)) })
      return results.sort((a, b) => b.score - a.score || a.order - b.order)
    }

    /* The documents holding the most of these rare characters: the last guess. Two
       of them at least for a query of a few characters (高铁 shares one with 提高 by
       chance), one for a sentence (SENTENCE characters or more) */
    function closest(characters, length) {
      if (!characters.length) return []
      const least = length >= SENTENCE ? 1 : Math.min(2, characters.length)
      const held = new Map()  // document -> the characters it holds, in the query's order
      for (const char of characters)
        for (const [at] of holders(char))
          held.has(at) ? held.get(at).push(char) : held.set(at, [char])
      const results = []
      for (const [at, hits] of held) {
        const doc = docs[at]
        const score = hits.reduce((sum, char) => sum + fieldWeight(doc, char) * idf(char), 0) * doc.weight
        if (hits.length >= least) results.push({ doc, order: at, hits, sure: false, score })
      }
      return results.sort((a, b) => b.score - a.score || a.order - b.order)
    }

    return { rank, closest, share, size: docs.length }
  }

  return { collection, normalise }
})()
