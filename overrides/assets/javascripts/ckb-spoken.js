/* 柜面投诉应对: a staff query as it was said, read as the words it says.
 *
 * Staff from all over the country type and dictate as they speak: regional words, and the
 * English words staff mix in, are read as the common words they say (vocabulary.dialect:
 * 唔见咗 is 不见了, 那嘎达 is 那里, gun is 枪), written in simplified characters (搶 is 抢),
 * and pinyin typed for words as the course's words or the emergencies' that sound like it
 * (ke hu ku le is 哭了, you ren qiang jie is 抢劫, kehukule too; the initials bgwds are 不关我的事,
 * the one word they start). ckb-query.js reads every query through
 * `create(data, hearing)(text)`, with the text already normalised and its own hearing:
 * `{ sound, spelling, alike, bySound, longest }` (how a word sounds, its syllables, how a
 * syllable sounds, the course's words by their sound, the longest word heard), and hears a
 * word's sound by `sounding(data)`. Classic script, no DOM, like ckb-query.js.
 */
self.ckb = self.ckb || {}
ckb.spoken = (() => {
  "use strict"

  const HAN = /[\u3400-\u9fff]/
  const escape = word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

  /* How a word sounds: its syllables without tones, as the word reads (data.readings: 着火 is zhao
     huo) or else its characters do (data.sounds), each as an accent hears it (data.alike, the
     build's: 女师 sounds like 律师, 性任 like 信任); `spelling`: the syllables, for pinyin typed */
  function sounding(data) {
    const soundOf = new Map(), heardAs = data.alike || {}, readings = data.readings || {}
    for (const [syllable, characters] of Object.entries(data.sounds || {}))
      for (const char of characters) soundOf.set(char, syllable)
    const alike = syllable => heardAs[syllable] || syllable
    const spelling = word => readings[word] || [...word].map(char => soundOf.get(char) || char).join(" ")
    const sound = word => spelling(word).split(" ").map(alike).join(" ")
    return { sound, spelling, alike }
  }

  function create(data, hearing) {
    const { sound, spelling, alike, bySound, longest } = hearing

    /* Traditional characters as the simplified ones the course writes (搶 is 抢), first */
    const pairs = data.simplified || ""  // each traditional character, then the simplified one
    const simplified = new Map(Array.from({ length: pairs.length / 2 }, (_, at) => [pairs[2 * at], pairs[2 * at + 1]]))
    const simplify = text => simplified.size ? text.replace(/[\u3400-\u9fff]/g, char => simplified.get(char) || char) : text

    /* Regional speech and the English words staff mix in, longest first; an English word only
       whole (gun, not the gun of begun). A word written in traditional characters is read as
       typed, before the text is simplified: 係 is 是, but 系 (of 联系, 关系) is itself */
    const whole = word => /^[a-z]+$/.test(word) ? `(?<![a-z])${word}(?![a-z])` : escape(word)
    const reader = entries => {
      const dialect = new Map(entries)
      const words = new RegExp([...dialect.keys()].sort((a, b) => b.length - a.length).map(whole).join("|"), "g")
      return dialect.size ? text => text.replace(words, word => dialect.get(word)) : text => text
    }
    const regionalWords = Object.entries(data.dialect || {})
    const traditional = reader(regionalWords.filter(([word]) => simplify(word) !== word))
    const regional = reader(regionalWords.filter(([word]) => simplify(word) === word))
    const dialect = new Set(regionalWords.map(([word]) => word))

    /* Pinyin: a run of syllables is read as the words that sound like them, longest first; a
       syllable that starts none is dropped */
    const syllables = new Set(Object.keys(data.sounds || {}))
    let spelt = null  // a sound -> a word of that sound, made at the first query in pinyin
    const words = () => {
      spelt = new Map([...bySound].map(([heard, found]) => [heard, found[0]]))
      for (const word of (data.emergency?.words || []).filter(word => !word.includes("…") && HAN.test(word)))
        if (!spelt.has(sound(word))) spelt.set(sound(word), word)
      return spelt
    }
    /* Pinyin typed without spaces (huifang) is its syllables, the fewest that spell it, the
       longer first where two ways tie (fangan is fang an); a word that is not all syllables
       stays as typed, and so does an English word staff mix in */
    const syllabify = token => {
      const best = []  // from each place to the end: [syllables, the first one's length]
      best[token.length] = [0, 0]
      for (let at = token.length - 1; at >= 0; at--) {
        best[at] = null
        for (let size = Math.min(6, token.length - at); size >= 1; size--) {
          const rest = best[at + size]
          if (rest && syllables.has(token.slice(at, at + size)) && (!best[at] || rest[0] + 1 < best[at][0]))
            best[at] = [rest[0] + 1, size]
        }
      }
      if (!best[0] || best[0][0] < 2) return token
      const parts = []
      for (let at = 0; at < token.length; at += best[at][1]) parts.push(token.slice(at, at + best[at][1]))
      return parts.join(" ")
    }
    /* Pinyin initials (bgwds for 不关我的事): three letters or more that are no syllable, read
       as the one course word, staff word or emergency that they start, if only one does */
    let initialled = null  // initials -> the words they start, made at the first query that needs it
    const initialsOf = () => {
      initialled = new Map()
      const named = [...(hearing.words || []), ...(data.emergency?.words || [])]
      for (const word of new Set(named.filter(word => !word.includes("…") && word.length >= 3 && HAN.test(word)))) {
        const heard = spelling(word).split(" ")
        if (!heard.every(part => syllables.has(part))) continue
        const initials = heard.map(part => part[0]).join("")
        initialled.set(initials, [...(initialled.get(initials) || []), word])
      }
      return initialled
    }
    let latin = null  // the words of the course and the emergencies in Latin letters (cpr, aed): as typed
    const initials = token => {
      latin = latin || new Set([...(hearing.words || []), ...(data.words || []), ...(data.emergency?.words || [])]
        .filter(word => /^[a-z0-9]+$/.test(word)))
      if (token.length < 3 || dialect.has(token) || latin.has(token) || /[aeiouv]/.test(token)) return token
      const found = (initialled || initialsOf()).get(token)
      return found && found.length === 1 ? found[0] : token
    }
    const unspaced = text => syllables.size ? text.replace(/[a-z]+/g, token =>
      dialect.has(token) ? token : initials(syllabify(token))) : text

    const spell = text => text.replace(/[a-z]+(?:\s+[a-z]+)+/g, run => {
      const typed = run.split(/\s+/), parts = typed.map(alike)
      if (!typed.every(part => syllables.has(part))) return run
      const known = spelt || words()
      let out = ""
      for (let at = 0; at < parts.length;) {
        let size = Math.min(longest, parts.length - at)
        while (size >= 2 && !known.has(parts.slice(at, at + size).join(" "))) size--
        if (size >= 2) out += known.get(parts.slice(at, at + size).join(" "))
        at += Math.max(size, 1)
      }
      return out || run
    })

    /* A syllable typed against a character (抢jie, voice input giving up on one character) is
       read with it as the word the two sound like, if that word keeps the character */
    const mixed = text => [/([\u3400-\u9fff])([a-z]+)(?![a-z])/g, /(?<![a-z])([a-z]+)([\u3400-\u9fff])/g]
      .reduce((left, pattern, before) => left.replace(pattern, (all, one, other) => {
        const [latin, char] = before ? [one, other] : [other, one]
        if (dialect.has(latin) || !syllables.has(latin)) return all
        const heard = before ? `${alike(latin)} ${sound(char)}` : `${sound(char)} ${alike(latin)}`
        const word = [...(bySound.get(heard) || []), (spelt || words()).get(heard)]
          .find(word => word && (before ? word[word.length - 1] : word[0]) === char)
        return word || all
      }), text)

    return text => regional(mixed(spell(unspaced(simplify(traditional(text))))))
  }

  return { create, sounding }
})()
