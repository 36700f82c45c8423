/* 柜面投诉应对: the SCORM 1.2 launch page (scorm.html) — one LMS session for the whole site.
 *
 * The LMS opens scorm.html; it shows the site's pages in a full-size frame, so
 * that one session spans every page change, and it:
 * - finds the LMS's `API` object as the SCORM 1.2 run-time says: this window's
 *   parents up to a limit, then window.opener and its parents;
 * - calls LMSInitialize("") once per visit; sets cmi.core.lesson_status to
 *   "incomplete" unless it is already passed, failed or completed;
 * - restores the learner's progress from cmi.suspend_data into this browser's
 *   records (memory.js's keys, under Material's scope) before the first page
 *   loads, so another machine resumes where the learner left off;
 * - listens to the frame's learning events (re-attached at every page load):
 *   `ckb:answered` in the exam -> cmi.interactions.n.{id,type,student_response,result,time,
 *   correct_responses.0.pattern}: the right answer from the exam's key (exam-key.js, which
 *   the page loads at 交卷), and the time the learner last changed that question's answer
 *   (the frame's input events, and clicks of an order's moves, in the exam, noted here as
 *   they happen: not change, which a text box fires only when it loses focus, at 交卷;
 *   a question answered in an earlier visit gets the 交卷 time);
 *   `ckb:quiz-completed` of the exam -> cmi.core.score.{raw,min,max} (percentage)
 *   and lesson_status passed / failed against the mastery score (the LMS's
 *   cmi.student_data.mastery_score, else mkdocs.yml's, written into the page);
 *   the best exam score counts, as 我的进度's 最好 does;
 * - after each change, writes cmi.suspend_data (compacted, see `encode`) and
 *   calls LMSCommit("");
 * - keeps the page the learner is on in cmi.core.lesson_location, and opens
 *   it at the next visit;
 * - on leaving (pagehide): cmi.core.session_time, cmi.core.exit ("suspend"
 *   until the exam is passed or failed), LMSCommit(""), LMSFinish("").
 * Without an LMS (the package opened on its own) it opens the site's home page
 * instead: the site works as before, nothing is recorded.
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
 * A classic script without inline parts: it also runs where the LMS's
 * Content-Security-Policy forbids inline scripts.
 */
var ckbScorm = (() => {
  "use strict"

  const LIMIT = 4096  // SCORM 1.2 CMIString4096
  const FORMAT = 1  // of suspend_data, `v`
  const VERSION_PREFIX = 3  // characters of a question's version kept per answer
  const SUBMITTED = 1
  const SCORED = 2
  const TYPING_DELAY = 1000  // ms: records written by typing are committed once it pauses
  const FIND_API_LIMIT = 10  // the ADL wrapper gives up after 7 parents; some LMSs nest deeper

  const isObject = value => typeof value === "object" && value !== null && !Array.isArray(value)

  /* --- Finding the LMS (SCORM 1.2 RTE 3.3.6.1) ------------------------------- */

  function searchUp(start) {
    let win = start
    for (let tries = 0; win && tries <= FIND_API_LIMIT; tries++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API
      } catch {
        /* another origin's window: not ours to read */
      }
      if (!win.parent || win.parent === win) return null
      win = win.parent
    }
    return null
  }

  function findAPI() {
    return searchUp(window.parent === window ? null : window.parent) || (window.opener ? searchUp(window.opener) : null)
  }

  /* --- suspend_data: the learner's records, compacted -------------------------- */

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

  /* --- The session ------------------------------------------------------------ */

  const pad = (number, width) => String(number).padStart(width, "0")

  /* CMITimespan, HHHH:MM:SS.SS */
  function timespan(milliseconds) {
    const hundredths = Math.max(0, Math.round(milliseconds / 10))
    const seconds = Math.floor(hundredths / 100)
    return `${pad(Math.min(9999, Math.floor(seconds / 3600)), 4)}:${pad(Math.floor(seconds / 60) % 60, 2)}:` +
      `${pad(seconds % 60, 2)}.${pad(hundredths % 100, 2)}`
  }

  /* CMITime, HH:MM:SS */
  const clock = date => `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`

  /* CMIIdentifier: letters, digits, - and _ only */
  const identifier = text => String(text).replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 255) || "question"

  const INTERACTION_TYPES = { single: "choice", multiple: "choice", true_false: "true-false",
    fill_blank: "fill-in", ordering: "sequencing" }
  const letter = index => Number.isInteger(index) && index >= 0 && index < 26 ? String.fromCharCode(97 + index) : null

  /* cmi.interactions.n.student_response in SCORM 1.2's format for the type */
  function studentResponse(detail, question) {
    const numbers = String(detail.response).split(",").filter(Boolean).map(Number)
    if (detail.type === "true_false") {
      const input = question?.querySelector(`.ckb-option__input[value="${numbers[0]}"]`)
      const text = input?.closest(".ckb-option")?.querySelector(".ckb-option__text")?.textContent.trim()
      return text === "错误" ? "f" : text === "正确" ? "t" : (numbers[0] === 0 ? "t" : "f")
    }
    if (INTERACTION_TYPES[detail.type] === "choice" || detail.type === "ordering") {
      const letters = numbers.map(letter)
      if (letters.every(Boolean)) return letters.join(",")
    }
    return String(detail.response).slice(0, 255)
  }

  /* cmi.interactions.n.correct_responses.0.pattern: the right answer in the format of
     student_response, from the exam's key entry ({correct, blanks, ranks}: quiz.js's) */
  function correctPattern(detail, key, question) {
    if (!isObject(key)) return null
    if (detail.type === "fill_blank") {
      const firsts = Array.isArray(key.blanks) ? key.blanks.map(accepted => Array.isArray(accepted) ? accepted[0] : null) : []
      return firsts.length && firsts.every(text => typeof text === "string") ? firsts.join("|").slice(0, 255) : null
    }
    if (detail.type === "ordering") {
      const count = Array.isArray(key.ranks) ? key.ranks.length : 0
      return count ? studentResponse({ ...detail, response: [...Array(count).keys()].join(",") }, question) : null
    }
    if (!Array.isArray(key.correct) || !key.correct.length) return null
    return studentResponse({ ...detail, response: [...key.correct].sort((a, b) => a - b).join(",") }, question)
  }

  function start(api, config) {
    const { encode, decode, collect, restore } = codec(config)
    const call = (name, ...args) => {
      try {
        return String(api[name](...args))
      } catch {
        return "false"
      }
    }
    const get = element => call("LMSGetValue", element)
    const set = (element, value) => call("LMSSetValue", element, String(value)) === "true"
    const frame = document.getElementById("ckb-scorm-frame")
    const openSite = (page = config.start) => { frame.src = page }
    const root = new URL(".", location.href).pathname

    if (call("LMSInitialize", "") !== "true") return openSite()  // no session: the site alone
    const began = Date.now()
    let finished = false

    const status = get("cmi.core.lesson_status")
    if (!["passed", "failed", "completed"].includes(status)) set("cmi.core.lesson_status", "incomplete")
    const lmsMastery = parseFloat(get("cmi.student_data.mastery_score"))
    const mastery = Number.isFinite(lmsMastery) ? lmsMastery : config.masteryScore

    const bookmark = get("cmi.core.lesson_location")  // the page the learner was last on
    let suspended = get("cmi.suspend_data")
    const records = suspended ? decode(suspended) : { quizzes: {}, scenarios: {} }
    if (records) restore(records, localStorage)

    const saveProgress = () => {
      let data
      try {
        data = encode(collect(localStorage))
      } catch {
        return false  // storage blocked: nothing to tell
      }
      if (data === suspended) return false
      if (set("cmi.suspend_data", data)) suspended = data
      return true
    }

    /* Changes come in bursts (交卷 answers 40 questions at once): one commit for each.
       Typing in the exam changes the records at each keystroke: those wait a moment. */
    let pending = null
    let due = Infinity
    const commitSoon = (delay = 0) => {
      if (finished) return
      const at = Date.now() + delay
      if (pending !== null && due <= at) return
      clearTimeout(pending)
      due = at
      pending = setTimeout(() => {
        pending = null
        due = Infinity
        saveProgress()
        call("LMSCommit", "")
      }, delay)
    }

    const answered = event => {
      const detail = event.detail || {}
      if (detail.quiz !== config.exam) return commitSoon()  // practice: its record changed
      const count = parseInt(get("cmi.interactions._count"), 10)
      const n = Number.isInteger(count) && count >= 0 ? count : 0
      const prefix = `cmi.interactions.${n}.`
      set(`${prefix}id`, identifier(detail.question))
      set(`${prefix}type`, INTERACTION_TYPES[detail.type] || "performance")
      set(`${prefix}student_response`, studentResponse(detail, event.target.closest?.(".ckb-question")))
      set(`${prefix}result`, detail.correct ? "correct" : "wrong")
      set(`${prefix}time`, clock(answeredAt.get(detail.question) || new Date()))
      let key = null
      try {
        key = frame.contentWindow.ckb.examKey[detail.question]
      } catch {
        /* no key in the page: no correct response told */
      }
      const pattern = correctPattern(detail, key, event.target.closest?.(".ckb-question"))
      if (pattern !== null) set(`${prefix}correct_responses.0.pattern`, pattern)
      commitSoon()
    }

    /* When each exam question was last answered: the learner's own input (a choice, a text
       typed: both fire input), an order's move, in this visit */
    const answeredAt = new Map()
    const noteAnswer = event => {
      const target = event.target  // an element of the frame's window: not an instance of this window's Element
      const question = typeof target?.closest === "function" && target.closest(".ckb-exam .ckb-question[data-question]")
      if (!question || question.querySelector(".ckb-question__fieldset")?.disabled) return
      if (event.type === "click" && !target.closest(".ckb-order__move")) return
      answeredAt.set(question.dataset.question, new Date())
    }

    const completed = event => {
      const detail = event.detail || {}
      if (detail.quiz === config.exam && Number.isInteger(detail.score) && detail.total > 0) {
        const raw = Math.round(detail.score / detail.total * 100)
        const before = parseFloat(get("cmi.core.score.raw"))
        const passedBefore = get("cmi.core.lesson_status") === "passed"
        if (!(before > raw) && !(passedBefore && raw < mastery)) {  // the best exam counts
          set("cmi.core.score.min", 0)
          set("cmi.core.score.max", 100)
          set("cmi.core.score.raw", raw)
          set("cmi.core.lesson_status", raw >= mastery ? "passed" : "failed")
        }
      }
      commitSoon()
    }

    const listen = () => {
      let page
      try {
        page = frame.contentDocument
        document.title = page.title || document.title
      } catch {
        return  // not the site's page
      }
      if (!page) return
      const path = new URL(page.URL).pathname
      const here = path.startsWith(root) ? decodeURIComponent(path.slice(root.length)) : ""
      if (config.pages.includes(here) && here !== get("cmi.core.lesson_location"))
        set("cmi.core.lesson_location", here)
      for (const type of ["input", "click"]) page.addEventListener(type, noteAnswer, true)
      page.addEventListener(config.events.answered, answered)
      page.addEventListener(config.events.quizCompleted, completed)
      page.addEventListener(config.events.scenarioEnded, () => commitSoon())
      page.addEventListener(config.events.progressCleared, () => commitSoon())
      commitSoon()
    }

    const leave = () => {
      if (finished) return
      if (pending !== null) clearTimeout(pending)
      saveProgress()
      const done = ["passed", "failed"].includes(get("cmi.core.lesson_status"))
      set("cmi.core.session_time", timespan(Date.now() - began))
      set("cmi.core.exit", done ? "" : "suspend")
      call("LMSCommit", "")
      call("LMSFinish", "")
      finished = true
    }

    frame.addEventListener("load", listen)
    window.addEventListener("storage", () => commitSoon(TYPING_DELAY))  // the exam keeps answers as typed
    window.addEventListener("pagehide", leave)
    document.addEventListener("visibilitychange", () => {  // a phone may close a hidden tab unannounced
      if (document.visibilityState === "hidden" && !finished) {
        saveProgress()
        call("LMSCommit", "")
      }
    })
    call("LMSCommit", "")
    openSite(config.pages.includes(bookmark) ? bookmark : config.start)
  }

  const config = JSON.parse(document.getElementById("ckb-scorm").textContent)
  const api = findAPI()
  if (api) start(api, config)
  else location.replace(config.start)  // opened on its own: the site as before

  /* For the tests */
  return { codec, config, timespan, LIMIT }
})()
