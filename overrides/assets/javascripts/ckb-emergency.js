/* 柜面投诉应对: whether a staff query names an emergency, which the course does
 * not cover (the company's instruction then comes first, never a card).
 *
 * The words are the build's (training.yml's emergencies, ckb.queryData.emergency);
 * a query names one when it holds one of them, said as written, with a few
 * characters between, or as voice input writes it (自沙 for 自杀). It hears as
 * ckb-query.js hears, whose reader hands it its tools (`create(data, hearing)`).
 * Classic script, no DOM, like ckb-query.js.
 */
self.ckb = self.ckb || {}
ckb.emergency = (() => {
  "use strict"

  const GAPPED = 3   // characters of an emergency's phrase that may be said with others between
  const GAP = 3      // characters that may come between them, in all
  const APART = 6    // characters an emergency's two parts may be apart (揪…头发)
  const PERSONS = ["他", "她"]  // who else a threat's 你 may be (not 我: 还不如杀了我 is a figure)
  /* A threat or an intent is said now, whatever the context (理赔被拒，客户说要自杀) */
  const INTENT = ["要", "想", "扬言", "威胁", "企图", "准备"]
  /* A likeness is a figure of speech (说话跟机关枪似的, 像炸弹一样): what it likens is no emergency;
     but a thing like one is a thing (像枪一样的东西) */
  const SIMILE = /(?:像|跟|如同|好比)[^|]{1,6}?(?:似的|一样|一般|没区别|没什么区别|没啥区别|没两样|差不多|有什么区别|有啥区别|有何区别|有什么两样)(?!的?(?:东西|玩意|物件|物品))/g
  const HAN = /[\u3400-\u9fff]/
  const SIGN_APART = 4  // characters a sign may come after the part of the body (脸憋得发青)
  const escape = word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const either = words => words.map(escape).join("|")

  /* `hearing`: { normalise, knownAt, sound, common, charShare, sharesAChar, inOrder, filler } of the reader */
  function create(data, hearing) {
    const { normalise, knownAt, sound, common, charShare, sharesAChar, inOrder } = hearing
    const filler = hearing.filler || new Set()
    /* An emergency's words; one written "揪…头发" is two parts in this order, at most
       APART characters apart (揪着同事头发) */
    const words = data.emergency?.words || []
    /* A threat said to the teller is said of anyone (弄死你 is 弄死她, 死给你看 is 死给他看) */
    const emergencies = words.filter(word => !word.includes("…")).map(normalise)
      .flatMap(word => word.includes("你") && word.length > 2 ? [word, ...PERSONS.map(person => word.replaceAll("你", person))] : [word])
    const patterns = words.filter(word => word.includes("…")).map(word => [normalise(word),
      new RegExp(word.split("…").map(part => escape(normalise(part))).join(`.{0,${APART}}`))])
    /* Figures of speech that hold an emergency's word (煽风点火): taken out first, longest first;
       one written "被踢…皮球" is its parts in this order, at most APART characters apart */
    const figures = (data.emergency?.figures || []).sort((a, b) => b.length - a.length).map(figure =>
      figure.includes("…") ? new RegExp(figure.split("…").map(part => escape(normalise(part))).join(`.{0,${APART}}`), "g")
        : normalise(figure))

    /* A sign on the body (嘴唇…发紫, 浑身…冰凉) names an emergency; what a mood does to a face
       (气得脸发青, 吓得脸色发白) is taken out first (气得嘴唇发紫 still counts) */
    const signs = data.emergency?.signs || {}
    const [body, marks, moods, shows] = ["body", "signs", "moods", "mood_signs"].map(field => (signs[field] || []).map(normalise))
    const sign = body.length && marks.length ? new RegExp(`(?:${either(body)}).{0,${SIGN_APART}}(?:${either(marks)})`) : null
    const mood = moods.length && shows.length ? new RegExp(`(?:${either(moods)}).{0,${SIGN_APART}}?(?:${either(shows)})`, "g") : null

    /* A context makes some emergency words ordinary: a query about a claim (理赔, 火灾险, 去年)
       names what the claim is for (心梗, 火灾, 被盗), a protest lies on the floor (躺在地上 …
       不起来); unless it says it is happening now (突然, 正在). Those words, the words that hold
       them (着火了) or that they hold (毒 of 中毒) and those that sound like them (着伙), do not
       count in it; a threat or an intent still does (要自杀, 扬言跳楼) */
    const contexts = (data.emergency?.contexts || []).map(context => {
      const named = (context.conditions || []).map(normalise)
      const namedSounds = new Set(named.map(sound))
      return {
        conditions: new Set(words.map(normalise).filter(word => named.some(condition => word.includes(condition) &&
          !INTENT.some(intent => word.includes(intent + condition))) || namedSounds.has(sound(word)))),
        unsaid: named.map(condition => new RegExp(`(?<!${INTENT.join("|")})${escape(condition)}`, "g")),
        words: (context.words || []).map(normalise),
        now: (context.now || []).map(normalise),
      }
    })
    /* The contexts a query's text makes (none, mostly) */
    const made = text => contexts.filter(context => context.words.some(word => text.includes(word)) &&
      !context.now.some(word => text.includes(word)))

    /* Heard by its sound: a word that sounds like one and shares a character with it
       (自沙 for 自杀); for a word of two characters, its first (到地 is not 倒地) or one
       no document of the course holds (条楼 is 跳楼, 婚迷 is 昏迷: the course never says 楼
       or 迷, so they are not a course word misheard); never one made of a known word's
       characters, nor a common word (拿到 is not 拿刀) */
    const heardAs = new Map()  // a sound -> the emergency words of that sound
    for (const word of emergencies.filter(word => word.length >= 2 && HAN.test(word)))
      heardAs.set(sound(word), [...(heardAs.get(sound(word)) || []), word])
    const sizes = [...new Set([...heardAs.values()].flat().map(word => word.length))]
    /* An emergency's phrase of four characters or more also counts said with a few
       characters between (捂着自己胸口 for 捂着胸口, 把钱都交出来 for 钱交出来) */
    const gapped = emergencies.filter(word => word.length >= GAPPED && HAN.test(word))

    return function emergency(query) {
      const said = figures.reduce((left, figure) => typeof figure === "string" ? left.split(figure).join("|")
        : left.replace(figure, "|"), normalise(query).replace(/[^\p{L}\p{N}]+/gu, ""))
        .replace(SIMILE, "|").replace(mood || /$^/, "|")
      const contextsMade = made(said)
      const text = contextsMade.reduce((left, context) => context.unsaid.reduce((rest, named) => rest.replace(named, "|"), left), said)
      const counts = word => !contextsMade.some(context => context.conditions.has(word))
      if (emergencies.some(word => counts(word) && text.includes(word)) ||
          patterns.some(([word, pattern]) => counts(word) && pattern.test(text)) ||
          (sign && sign.test(text)))
        return true
      if (gapped.some(word => {
        if (!counts(word)) return false
        const [length, span] = inOrder(word, text)
        return length === word.length && span <= word.length + GAP
      })) return true
      /* A word heard by its sound: the characters it changes are not ones the query says as
         part of a known word (人直接 is not 人质: 直 is the 直 of 直接; 一把到 is 一把刀), nor
         a word of filler, typed as itself (要他命 is not 要塌: 他 is 他) */
      const known = new Uint8Array(text.length)
      for (let start = 0; start < text.length;) {
        const length = knownAt(text, start)
        if (length > 1) known.fill(1, start, start + length)
        start += length
      }
      return sizes.some(size => {
        for (let at = 0; at + size <= text.length; at++) {
          const part = text.slice(at, at + size)
          if (common.has(part) || !heardAs.has(sound(part))) continue
          if (heardAs.get(sound(part)).some(word => counts(word) &&
              (size > 2 ? sharesAChar(part, word) : part[0] === word[0] || (part[1] === word[1] && !charShare.get(part[1]))) &&
              ![...part].some((char, i) => char !== word[i] && (known[at + i] || filler.has(char)))))
            return true
        }
        return false
      })
    }
  }

  return { create }
})()
