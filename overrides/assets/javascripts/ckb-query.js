/* 柜面投诉应对: how a staff query is read and what it finds.
 *
 * One script for site search (run inside Material's search worker), for
 * 话术速查 (run in the page) and for the tests (run in node). Its data,
 * ckb.queryData, is written by the build (macros/domain/query.py): the words to
 * cut a query into, the staff vocabulary, the filler of spoken sentences, the
 * words of emergencies and the ranking documents, one per card and per section
 * of the course, which both places rank.
 *
 *   客户说要去找媒体曝光怎么办
 *   → cut into words, longest first:   客户说 要 去 找媒体 曝光 怎么办
 *   → filler dropped:                   去 找媒体 曝光
 *   → staff words read as the course:   曝光 means 媒体
 *   → each concept weighs by how rare its words are among the documents (客户,
 *     投诉 are everywhere and weigh little), a title or keyword hit more than text.
 *
 * A word the course does not use counts toward a course word that sounds the same (or as an accent
 * says it) and shares a character with it (voice input's 待慢 for 怠慢; a lone character no document
 * holds, as the one-character word it sounds like: 枯 for 哭), and, a little, toward one it only
 * shares characters with (冲进 ~ 冲击); a staff phrase said with words between or one changed
 * (这门课归根到底讲了啥 for 这门课讲了啥) counts, less, as the phrase. When nothing matches the words
 * themselves, the closest documents by shared words and characters are a guess, and say so. A
 * query naming an emergency (the course is silent on them) is flagged, the company's instruction first.
 *
 * The documents are ranked by ckb-ranking.js, which comes before this script;
 * ckb-spoken.js and ckb-emergency.js come after it.
 * Classic script, no DOM: `self` is a window (where ckb.js made the namespace
 * `ckb`), the search worker (where the build's data script made it) or node.
 */
self.ckb = self.ckb || {}
ckb.query = (() => {
  "use strict"

  const HAN = /[\u3400-\u9fff]/
  const OTHER_WORD = 0.6   // a word of the query's vocabulary group, not the word said
  const SOUND_WORD = 0.8   // a course word that sounds like a word said and shares a character with it
  const NEAR_WORD = 0.45   // a course word that shares characters with a word said, times how close
  const NEAR_LEAST = 0.5   // closeness below this does not count (two characters of four)
  const NEAR_MOST = 3      // course words a word said may count toward
  const COMMON_CHAR = 0.3  // a character in more than this share of documents says nothing alone
  const SOUND_LONGEST = 5  // characters of the longest stretch heard as a course word
  const PHRASE_LEAST = 3   // characters of a staff phrase found, in order, for it to count
  const PHRASE_SHARE = 0.7 // and this share of its characters at least
  const PHRASE_WEIGHT = 0.5  // a phrase found so counts this much, times its share found
  const GAP = 6             // characters a gapped phrase may span beyond its own
  const COMMON_SAYS = 0.5    // what a common character (客, 投) says of a phrase, against a rare one's 1:
                             // 客户来投诉 is not 代客户投诉, whose 代 is what it says

  const normalise = text => ckb.ranking.normalise(text)  // ckb-ranking.js, loaded by the time a query comes
  const chars = word => [...new Set(word)].filter(char => HAN.test(char))

  /* --- Reading a query --------------------------------------------------------- */

  function create(data, share) {
    const synonyms = new Map()  // a word -> every word of its vocabulary groups
    for (const group of data.groups || [])
      for (const word of group) {
        const had = synonyms.get(word)  // most words are in one group: it is shared, not copied
        synonyms.set(word, had ? [...new Set([...had, ...group])] : group)
      }
    /* A query as it was said: regional speech and pinyin read as the words they say (ckb-spoken.js) */
    const read = text => spoken(normalise(text))
    const filler = new Set(data.filler || [])
    /* The words staff used for a card or section are words: a query is cut into them, and they match whole */
    const staffWords = (data.docs || []).flatMap(doc => normalise(doc.staff || "").split(/\s+/)).filter(Boolean)
    const dictionary = new Set([...(data.words || []), ...synonyms.keys(), ...filler, ...staffWords])
    const longest = [...dictionary].reduce((most, word) => Math.max(most, Math.min(8, word.length)), 1)
    /* How many of the documents hold a character: a character in most of them
       (客, 的) makes no two words close */
    const documents = (data.docs || []).length
    const charShare = share || ckb.ranking.collection(data.docs || []).share(documents)
    const rareChar = char => (charShare.get(char) || 0) <= COMMON_CHAR * documents && !filler.has(char)

    /* The course's terms and staff words, and the cards' keywords (two characters
       or more), by each rare character they hold */
    const courseWords = new Set([...synonyms.keys(),
      ...(data.docs || []).flatMap(doc => normalise(`${doc.keys || ""} ${doc.staff || ""}`).split(/\s+/))])
    const byChar = new Map()
    const listed = (map, key, word) => map.has(key) ? map.get(key).push(word) : map.set(key, [word])
    for (const word of courseWords) {
      if (word.length < 2 || filler.has(word) || !HAN.test(word)) continue
      for (const char of chars(word))
        if (rareChar(char)) listed(byChar, char, word)
    }

    /* How a word sounds, as an accent hears it (ckb-spoken.js), and the course's words and
       emergencies by their sound */
    const { sound, spelling, alike } = ckb.spoken.sounding(data)
    const bySound = new Map()
    for (const word of new Set([...courseWords, ...(data.words || [])]))
      if (word.length >= 2 && HAN.test(word) && !filler.has(word))
        listed(bySound, sound(word), word)
    const sharesAChar = (word, other) => [...other].some(char => word.includes(char))
    const singles = new Map(), inWords = new Set([...dictionary].join(""))  // 哭, 骂 by their sound; 咋 of 咋办
    for (const word of synonyms.keys()) if (word.length === 1 && HAN.test(word)) listed(singles, spelling(word), word)
    /* Common words that sound like a course word or an emergency's (回复 for 恢复, 拿到 for 拿刀;
       the build found them in jieba's dictionary): voice input writes a common word when it
       is said, so they are what was said, not a homophone */
    const common = new Set(data.common || [])
    /* The course's words that sound like a word the course does not know */
    const soundsLike = word => word.length < 2 || common.has(word) ? [] : (bySound.get(sound(word)) || []).filter(other =>
      other !== word && sharesAChar(word, other))

    const spoken = ckb.spoken.create(data, { sound, spelling, alike, bySound, longest: SOUND_LONGEST, words: courseWords })

    /* The longest known word at a place of a run (1: none) */
    const knownAt = (run, start) => {
      let length = Math.min(longest, run.length - start)
      while (length > 1 && !dictionary.has(run.slice(start, start + length)))
        length--
      return length
    }

    /* How many of the documents say a word: of two words a stretch may be heard as, the likelier */
    const documentTexts = (data.docs || []).map(doc =>
      normalise(`${doc.title || ""} ${doc.keys || ""} ${doc.staff || ""} ${doc.body || ""}`))
    const saying = new Map()
    const said = word => {
      if (!saying.has(word)) saying.set(word, documentTexts.filter(text => text.includes(word)).length)
      return saying.get(word)
    }

    /* A stretch where no known word starts (骂 of 大骂 is one) that sounds like a course word of its
       length and shares a character with it is heard as that word (为啥要头诉 is 为啥要投诉), a
       character no document holds as a one-character word of its sound (一直枯 is 一直哭) */
    function heard(run) {
      const unknownFrom = []  // how many characters from each place start no known word
      for (let at = run.length - 1; at >= 0; at--)
        unknownFrom[at] = knownAt(run, at) > 1 || synonyms.has(run[at]) ? 0 : 1 + (unknownFrom[at + 1] || 0)
      const hearAt = (start, loose) => {
        let found = null
        for (let size = Math.min(SOUND_LONGEST, unknownFrom[start] || 0); size >= 2; size--) {
          const part = run.slice(start, start + size), spelt = spelling(part)
          const likes = common.has(part) ? [] : (bySound.get(sound(part)) || []).filter(other => other.length === size &&
            sharesAChar(part, other)).sort((a, b) => (spelling(b) === spelt) - (spelling(a) === spelt))
          if (likes.length) found = [likes[0], size, spelling(likes[0]) === spelt]  // the same sound before an accent's
        }
        const one = !found && !loose && unknownFrom[start] === 1 && !charShare.get(run[start]) &&
          !inWords.has(run[start]) && singles.get(spelling(run[start]))  // alone: not the 码 of 代码
        return one ? [one[0], 1] : found
      }
      let out = "", loose = false  // whether the character before starts no known word either
      for (let start = 0; start < run.length;) {
        let length = knownAt(run, start)
        let word = run.slice(start, start + length)
        const here = length === 1 && hearAt(start, loose)
        /* Two readings that overlap (来投素: 来头, or 来 and 投诉): a word of the same sound before one an
           accent makes alike (资原这 is 资源 这, not 资 原则), then the word the course says more often */
        const next = here && here[1] > 1 && hearAt(start + 1)
        if (here && !(next && (next[2] > here[2] || (next[2] === here[2] && said(next[0]) > said(here[0])))))
          [word, length] = here
        loose = length === 1 && word === run[start] && !synonyms.has(word)
        out += word
        start += length
      }
      return out
    }

    /* Known words over as much of a run as can be, in as few words as can be, the longer
       word first where two cuts tie (解释错不在自己 is 解释 错不在自己, not 解释错 不在 自己);
       an unknown character stands alone */
    function cutRun(run) {
      const text = heard(run), end = text.length
      const best = []  // from each place to the end: [unknown characters, words, the first word's length]
      best[end] = [0, 0, 0]
      for (let start = end - 1; start >= 0; start--)
        for (let length = Math.min(longest, end - start); length >= 1; length--) {
          const word = text.slice(start, start + length), rest = best[start + length], was = best[start]
          const cost = [rest[0] + (length === 1 && !synonyms.has(word) ? 1 : 0), rest[1] + 1, length]
          if ((length === 1 || dictionary.has(word)) && (!was || cost[0] < was[0] || (cost[0] === was[0] && cost[1] < was[1])))
            best[start] = cost
        }
      const words = []
      for (let start = 0; start < end; start += best[start][2]) words.push(text.slice(start, start + best[start][2]))
      return words
    }

    function cut(query) {
      const words = []
      for (const chunk of read(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))
        for (const part of chunk.split(/([\u3400-\u9fff]+)/).filter(Boolean))
          HAN.test(part) ? words.push(...cutRun(part)) : words.push(part)
      return words
    }

    /* A single character the dictionary does not know (the 鼻 of 鼻子) says
       little; it counts only when the query has nothing else */
    const known = word => word.length > 1 || synonyms.has(word) || !HAN.test(word)

    /* The words of the course a word said is close to: they share rare characters */
    function near(word) {
      const close = new Map()
      for (const char of chars(word))
        for (const other of byChar.get(char) || []) {
          if (other === word || close.has(other)) continue
          const shared = chars(other).filter(c => word.includes(c) && rareChar(c)).length
          const closeness = 2 * shared / (word.length + other.length)
          if (closeness >= NEAR_LEAST) close.set(other, closeness)
        }
      return [...close].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).slice(0, NEAR_MOST)
    }

    /* A word with what it may mean: itself, its vocabulary group, and (for a word
       the course does not know) the course words close to it, each with a factor */
    function meanings(word, unknown) {
      const found = new Map([[word, 1]])
      const add = (other, factor) => { if (!(found.get(other) >= factor)) found.set(other, factor) }
      for (const other of synonyms.get(word) || []) add(other, OTHER_WORD)
      if (unknown)
        for (const other of soundsLike(word)) {
          add(other, SOUND_WORD)
          for (const synonym of synonyms.get(other) || []) add(synonym, SOUND_WORD * OTHER_WORD)
        }
      if (unknown)
        for (const [other, closeness] of near(word)) {
          add(other, NEAR_WORD * closeness)
          for (const synonym of synonyms.get(other) || []) add(synonym, NEAR_WORD * closeness * OTHER_WORD)
        }
      return [...found]
    }

    /* The concepts of a query: each a word with the words that mean the same */
    function understand(query) {
      const words = cut(query)
      const meaningful = words.filter(word => !filler.has(word))
      const clear = meaningful.filter(known)
      const unknownPairs = pairs(words)
      const more = gapped(words.filter(word => HAN.test(word)), new Set(words))
      if (!clear.length && unknownPairs.length)  // 高铁: two unknown characters are read as one word
        return [...unknownPairs.map(pair => ({ ...pair, weight: 1 })), ...more]
      const kept = clear.length ? clear : meaningful.length ? meaningful : words  // a query of filler only is taken as typed
      const concepts = []
      for (const word of new Set(kept))
        concepts.push({ word, alternatives: meanings(word, !dictionary.has(word)), weight: 1,
                        fallback: dictionary.has(word) ? meanings(word, true) : null })
      return clear.length ? [...concepts, ...unknownPairs, ...more] : [...concepts, ...more]
    }

    /* A staff phrase of the vocabulary said with words between or a word changed
       (这门课归根到底讲了啥 for 这门课讲了啥): most of its characters, in its order,
       close together, and most of what they say (its rare characters). It counts as the phrase, less than the phrase said */
    const phrasesByChar = new Map()  // a character -> the phrases that hold it (once each)
    for (const word of synonyms.keys())
      if (word.length >= PHRASE_LEAST && HAN.test(word))
        for (const char of new Set(word)) listed(phrasesByChar, char, word)
    function gapped(said, words) {
      const text = said.join("")
      /* Where each staff phrase the query said lies: a phrase of another group found inside one
         of them is not said (在职业务员 holds 职业务员, but it is not 离职业务员) */
      const saidAt = []
      for (let at = 0, index = 0; index < said.length; at += said[index].length, index++)
        if (said[index].length >= PHRASE_LEAST && synonyms.has(said[index]))
          saidAt.push([at, at + said[index].length, synonyms.get(said[index])])
      const present = new Set(text)
      const candidates = new Set()  // the phrases holding a character of the query
      for (const char of present)
        for (const phrase of phrasesByChar.get(char) || []) candidates.add(phrase)
      const found = []
      for (const phrase of candidates) {
        let inside = 0, weighed = 0, all = 0  // characters present; and weighed by what they say
        for (const char of phrase) {
          const weight = rareChar(char) ? 1 : COMMON_SAYS
          inside += present.has(char)
          weighed += present.has(char) * weight
          all += weight
        }
        if (inside < PHRASE_LEAST || inside < PHRASE_SHARE * phrase.length || weighed < PHRASE_SHARE * all) continue
        if (words.has(phrase) || text.includes(phrase)) continue
        const [length, span, start] = inOrder(phrase, text)
        if (saidAt.some(([from, to, group]) => from <= start && start + span <= to && !group.includes(phrase))) continue
        if (length >= PHRASE_LEAST && length >= PHRASE_SHARE * phrase.length && span <= phrase.length + GAP)
          found.push({ word: phrase, alternatives: meanings(phrase, false), weight: PHRASE_WEIGHT * length / phrase.length })
      }
      return found
    }
    /* The most characters of `phrase` found in `text` in its order, the least span they take and where */
    function inOrder(phrase, text) {
      let best = [0, 0, 0]
      for (let start = 0; start < text.length; start++) {
        if (!phrase.includes(text[start])) continue
        let at = phrase.indexOf(text[start]), length = 1, end = start
        for (let i = start + 1; i < text.length && i - start <= phrase.length + GAP && at < phrase.length - 1; i++) {
          const next = phrase.indexOf(text[i], at + 1)
          if (next > at) { at = next; length++; end = i }
        }
        if (length > best[0] || (length === best[0] && end - start + 1 < best[1])) best = [length, end - start + 1, start]
      }
      return best
    }

    /* Characters the dictionary does not know, next to each other, may still
       be a word of the documents (嚎啕 of 嚎啕大哭) or close to one (冲进 ~ 冲击):
       each pair counts half */
    function pairs(words) {
      const found = []
      let run = ""
      for (const word of [...words, ""]) {
        if (word.length === 1 && HAN.test(word) && !known(word) && !filler.has(word)) {
          run += word
          continue
        }
        for (let at = 0; at + 2 <= run.length; at++)
          found.push({ word: run.slice(at, at + 2), alternatives: meanings(run.slice(at, at + 2), true), weight: 0.5 })
        run = ""
      }
      return found
    }

    /* The characters of a query for the last guess: its rare ones (高铁's, which no document
       holds: nothing), else those of its words the documents hold, else any they hold */
    const characters = query => {
      const words = cut(query), said = chars(words.filter(word => !filler.has(word)).join(""))
      const rare = said.filter(rareChar), held = said.filter(char => charShare.get(char))
      return rare.length ? rare : held.length ? held : chars(words.join("")).filter(char => charShare.get(char))
    }

    /* Whether the query names an emergency: ckb-emergency.js, hearing as this reader hears but by the
       same sound only (an accent's likeness raises false alarms: 砸了你们 is not 炸了你们) */
    const emergency = ckb.emergency.create(data, { normalise: read, knownAt, sound: spelling, common, charShare, sharesAChar, inOrder,
                                                   filler })

    return { cut, understand, characters, emergency }
  }

  /* --- What a query finds ------------------------------------------------------------ */

  /* `find(query)` → {results, guess, emergency}: the documents best first; `guess`
     when none matched a word said (only close words or shared characters), and
     then they are the closest, not a match; `emergency` when the query names one */
  function finder(data, extra = []) {
    const ranking = ckb.ranking.collection([...(data.docs || []), ...extra], { direct: OTHER_WORD })
    const reader = create(data, ranking.share((data.docs || []).length))
    return {
      reader,
      size: ranking.size,
      find(query) {
        const emergency = reader.emergency(query)
        let results = ranking.rank(reader.understand(query))
        const guess = !results.some(result => result.sure)
        if (guess && emergency) return { results: [], guess: false, emergency }  // no guess beside an emergency
        const length = normalise(query).replace(/\s+/g, "").length
        if (!results.length) results = ranking.closest(reader.characters(query), length)
        return { results, guess: guess && results.length > 0, emergency }
      },
    }
  }

  return { create, finder, normalise }
})()
