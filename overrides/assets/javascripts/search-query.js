/* 柜面投诉应对: a Chinese query typed without spaces finds what it finds with them.
 *
 * The search index holds words cut by jieba (客户 / 哭了); staff type 客户哭了.
 * Before Material reads the query (on keyup), split it into the index's own
 * words (search-words.js, written by the build), longest match first, joined
 * by U+200B: invisible, and a separator for Material's search. Material's own
 * splitting then has single words to work on and adds no stray fragments.
 * ckbWords.split is also what 话术速查's filter uses (phrasebook.js).
 */
var ckbWords = (() => {
  "use strict"

  const JOINER = "\u200b"
  const words = new Set(typeof __ckbSearchWords === "undefined" ? [] : __ckbSearchWords)
  const longest = Math.max(1, ...[...words].map(word => word.length))

  function splitRun(run) {
    const parts = []
    for (let start = 0; start < run.length;) {
      let length = Math.min(longest, run.length - start)
      while (length > 1 && !words.has(run.slice(start, start + length)))
        length--
      parts.push(run.slice(start, start + length))
      start += length
    }
    return parts.join(JOINER)
  }

  const segment = query => query.replaceAll(JOINER, "").replace(/[\u3400-\u9fff]+/g, splitRun)
  const split = query => segment(query).split(JOINER)

  document.addEventListener("keyup", event => {
    const input = event.target
    if (event.isComposing || !(input instanceof HTMLInputElement) || !input.matches("[data-md-component=search-query]"))
      return
    const segmented = segment(input.value)
    if (segmented === input.value)
      return
    const caret = segment(input.value.slice(0, input.selectionStart)).length
    input.value = segmented
    input.setSelectionRange(caret, caret)
  }, true)

  return { split }
})()
