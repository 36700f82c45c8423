/* 柜面投诉应对: the SCORM package's cmi.suspend_data — the learner's records, compacted.
 *
 * scorm-launch.js (the launch page, scorm.html) writes it after each change and reads it
 * at the start of a visit; this script only turns records into text and back.
 *
 * suspend_data (SCORM 1.2: at most 4,096 characters) is JSON, versioned (`v`):
 *   {"v":1, "q":{quiz id: [attempt, state, first, last, best, answers]},
 *           "s":{role-play id: [last, best]}}
 * state: 1 submitted + 2 scored; a score [right, total] or 0; answers: one per
 * question of the quiz as built (the page's config), 0 or [version prefix,
 * answer, correct 1/0] (an answer of option or item numbers as base-36 digits);
 * endings by their index in the config. An answer whose question changed since
 * (its version prefix differs) is dropped on restore. When the record is too
 * long, detail goes first (LEVELS): the answers of completed quizzes, then all
 * answers (scores and endings stay); then the records are written by position
 * in the built order, {"v":1, "k":signature of that order, "p":[quiz...],
 * "e":"two characters per role-play"}, and last of all whole records go, the
 * role-plays first and the exam last. At the content as it is, everything is
 * kept (about 1,600 characters); at 10x, scores and endings (tests/test_scorm.py
 * measures both). suspend_data that is not this format, or positional from a
 * package of another order, is ignored: the page works, nothing is restored.
 *
 * A classic script, loaded before scorm-launch.js; no inline parts (an LMS's CSP may forbid them).
 */
var ckbScormSuspend = (() => {
  "use strict"

  const LIMIT = 4096  // SCORM 1.2 CMIString4096
  const FORMAT = 1  // of suspend_data, `v`
  const VERSION_PREFIX = 3  // characters of a question's version kept per answer
  const SUBMITTED = 1
  const SCORED = 2

  const isObject = value => typeof value === "object" && value !== null && !Array.isArray(value)

  /* The codec of a site as built (`config`: the page's #ckb-scorm; the tests give a larger one) */
  function codec(config) {
    const scope = new URL(".", location.href).pathname  // Material's __md_scope of the site's root pages
    const storageKey = key => `${scope}.ckb.${key}`
    const quizKey = id => `${config.memory.quiz}${id}`
    const scenarioKey = id => `${config.memory.scenario}${id}`

    const isScore = value => isObject(value) && Number.isInteger(value.score) && Number.isInteger(value.total)
      && value.total > 0 && value.score >= 0 && value.score <= value.total
    const packScore = value => isScore(value) ? [value.score, value.total] : 0
    const unpackScore = value => Array.isArray(value) && value.length === 2 && isScore({ score: value[0], total: value[1] })
      ? { score: value[0], total: value[1] } : null
    const isDigitList = answer => answer.every(item => Number.isInteger(item) && item >= 0 && item < 36)

    function packAnswers(record, questions) {
      const answers = isObject(record.answers) ? record.answers : {}
      const packed = questions.map(([id, version]) => {
        const saved = answers[id]
        if (!isObject(saved) || saved.version !== version || !Array.isArray(saved.answer)) return 0
        const answer = isDigitList(saved.answer) ? saved.answer.map(item => item.toString(36)).join("") : saved.answer
        const entry = [version.slice(0, VERSION_PREFIX), answer]
        if (typeof saved.correct === "boolean") entry.push(saved.correct ? 1 : 0)
        return entry
      })
      while (packed.length && packed[packed.length - 1] === 0) packed.pop()
      return packed
    }

    function unpackAnswers(packed, questions) {
      const answers = {}
      if (!Array.isArray(packed)) return answers
      packed.forEach((entry, index) => {
        const question = questions[index]
        if (!question || !Array.isArray(entry) || entry.length < 2 || typeof entry[0] !== "string") return
        if (!question[1].startsWith(entry[0])) return  // the question changed since
        let answer = entry[1]
        if (typeof answer === "string") answer = [...answer].map(digit => parseInt(digit, 36))
        if (!Array.isArray(answer) || answer.some(item => !(typeof item === "string" || Number.isInteger(item)))) return
        const saved = { version: question[1], answer }
        if (entry[2] === 0 || entry[2] === 1) saved.correct = entry[2] === 1
        answers[question[0]] = saved
      })
      return answers
    }

    /* The records as they are in this browser: {quizzes: {id: record}, scenarios: {id: record}} */
    function collect(storage) {
      const read = key => {
        try {
          const value = JSON.parse(storage.getItem(storageKey(key)))
          return isObject(value) ? value : null
        } catch {
          return null
        }
      }
      const records = { quizzes: {}, scenarios: {} }
      for (const id of Object.keys(config.quizzes)) {
        const record = read(quizKey(id))
        if (record && record.version === config.records.quiz) records.quizzes[id] = record
      }
      for (const id of config.scenarios) {
        const record = read(scenarioKey(id))
        if (record) records.scenarios[id] = record
      }
      return records
    }

    /* One quiz record: [attempt, state, first, last, best(, answers)] */
    function packQuiz(id, record, withAnswers) {
      const state = (record.submitted === true ? SUBMITTED : 0) + (record.scored === true ? SCORED : 0)
      const entry = [Number.isInteger(record.attempt) && record.attempt > 0 ? record.attempt : 1, state,
        packScore(record.first), packScore(record.last), packScore(record.best)]
      const keep = withAnswers === "all" || (withAnswers === "unfinished" && !(state & SCORED))
      const answers = keep ? packAnswers(record, config.quizzes[id]) : []
      if (answers.length) entry.push(answers)
      return entry
    }

    function unpackQuiz(id, entry) {
      if (!Array.isArray(entry) || entry.length < 5) return null
      const [attempt, state, first, last, best, answers] = entry
      if (!Number.isInteger(attempt) || attempt < 1 || !Number.isInteger(state)) return null
      return {
        version: config.records.quiz, attempt, answers: unpackAnswers(answers, config.quizzes[id]), flags: [],
        submitted: Boolean(state & SUBMITTED), scored: Boolean(state & SCORED),
        first: unpackScore(first), last: unpackScore(last), best: unpackScore(best),
      }
    }

    const endingIndex = ending => config.endings.indexOf(ending)
    const endingAt = index => Number.isInteger(index) && index >= 0 && config.endings[index] ? config.endings[index] : null

    /* The order of quizzes and role-plays as built: positional records are read only
       by a package of the same order */
    const quizIds = Object.keys(config.quizzes)
    const signature = [...JSON.stringify([quizIds, config.scenarios, config.endings])]
      .reduce((value, char) => (Math.imul(value, 31) + char.charCodeAt(0)) >>> 0, 7).toString(36)

    /* From the most detail to the least: the first that fits is written.
       Keyed records name each quiz and role-play; positional ones (past 10x the
       content) give them in the built order, and the last of them go first. */
    const LEVELS = [
      { answers: "all" },
      { answers: "unfinished" },
      { answers: "none" },
      { positional: true },
      { positional: true, trim: true },
    ]

    function keyed(records, level) {
      const quizzes = {}
      for (const [id, record] of Object.entries(records.quizzes)) quizzes[id] = packQuiz(id, record, level.answers)
      const scenarios = {}
      for (const [id, record] of Object.entries(records.scenarios)) {
        const entry = [endingIndex(record.last), endingIndex(record.best)]
        if (entry.some(index => index >= 0)) scenarios[id] = entry
      }
      return JSON.stringify({ v: FORMAT, q: quizzes, s: scenarios })
    }

    function positional(records, level) {
      const endingChar = ending => endingIndex(ending) >= 0 ? endingIndex(ending).toString(36) : "-"
      const quizzes = quizIds.map(id => records.quizzes[id] ? packQuiz(id, records.quizzes[id], "none") : 0)
      const scenarios = config.scenarios.map(id => records.scenarios[id]
        ? endingChar(records.scenarios[id].last) + endingChar(records.scenarios[id].best) : "--")
      /* The exam is kept the longest, then the chapter quizzes, then the role-plays */
      const drops = [...scenarios.keys()].reverse().map(index => ["s", index])
        .concat(quizIds.map((id, index) => ["q", index]).filter(([, index]) => quizIds[index] !== config.exam).reverse(),
          [["q", quizIds.indexOf(config.exam)]])
      const render = () => {
        const q = [...quizzes]
        while (q.length && q[q.length - 1] === 0) q.pop()
        return JSON.stringify({ v: FORMAT, k: signature, p: q, e: scenarios.join("").replace(/-+$/, "") })
      }
      let text = render()
      for (const [kind, index] of drops) {
        if (!level.trim || text.length <= LIMIT) break
        if (index < 0) continue
        if (kind === "s") scenarios[index] = "--"
        else quizzes[index] = 0
        text = render()
      }
      return text
    }

    const encodeAt = (records, level) => level.positional ? positional(records, level) : keyed(records, level)

    /* suspend_data for these records: the most detail that fits in LIMIT */
    function encode(records) {
      for (const level of LEVELS) {
        const text = encodeAt(records, level)
        if (text.length <= LIMIT) return text
      }
      return JSON.stringify({ v: FORMAT, q: {}, s: {} })
    }

    /* The records suspend_data holds, or null when it is not this format (damaged, another course's) */
    function decode(text) {
      let data
      try {
        data = JSON.parse(text)
      } catch {
        return null
      }
      if (!isObject(data) || data.v !== FORMAT) return null
      const records = { quizzes: {}, scenarios: {} }
      const addScenario = (id, last, best) => {
        const record = { version: config.records.scenario, last: endingAt(last), best: endingAt(best) }
        if (record.last || record.best) records.scenarios[id] = record
      }
      if (isObject(data.q) && isObject(data.s)) {
        for (const [id, entry] of Object.entries(data.q)) {
          const record = Object.hasOwn(config.quizzes, id) ? unpackQuiz(id, entry) : null
          if (record) records.quizzes[id] = record
        }
        for (const [id, entry] of Object.entries(data.s))
          if (config.scenarios.includes(id) && Array.isArray(entry) && entry.length === 2) addScenario(id, ...entry)
        return records
      }
      if (data.k !== signature || !Array.isArray(data.p) || typeof data.e !== "string") return null
      data.p.forEach((entry, index) => {
        const record = index < quizIds.length ? unpackQuiz(quizIds[index], entry) : null
        if (record) records.quizzes[quizIds[index]] = record
      })
      config.scenarios.forEach((id, index) =>
        addScenario(id, parseInt(data.e[2 * index], 36), parseInt(data.e[2 * index + 1], 36)))
      return records
    }

    /* The LMS's record is this learner's: it replaces what this browser holds for the course
       (on a shared counter PC, the previous learner's records) */
    function restore(records, storage) {
      try {
        for (const id of Object.keys(config.quizzes)) {
          const record = records.quizzes[id]
          if (record) storage.setItem(storageKey(quizKey(id)), JSON.stringify(record))
          else storage.removeItem(storageKey(quizKey(id)))
        }
        for (const id of config.scenarios) {
          const record = records.scenarios[id]
          if (record) storage.setItem(storageKey(scenarioKey(id)), JSON.stringify(record))
          else storage.removeItem(storageKey(scenarioKey(id)))
        }
      } catch {
        /* storage blocked: the site starts empty, and records nothing here */
      }
    }

    return { encode, encodeAt, decode, collect, restore, LEVELS }
  }

  return { codec, LIMIT, isObject }
})()
