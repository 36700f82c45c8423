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
 * - after each change, writes cmi.suspend_data (compacted: scorm-suspend.js) and
 *   calls LMSCommit("");
 * - keeps the page the learner is on in cmi.core.lesson_location, and opens
 *   it at the next visit;
 * - on leaving (pagehide): cmi.core.session_time, cmi.core.exit ("suspend"
 *   until the exam is passed or failed), LMSCommit(""), LMSFinish("").
 * Without an LMS (the package opened on its own) it opens the site's home page
 * instead: the site works as before, nothing is recorded.
 *
 * cmi.suspend_data is written and read by scorm-suspend.js (loaded first), which says
 * its format and what it gives up when the records are too long.
 *
 * A classic script without inline parts: it also runs where the LMS's
 * Content-Security-Policy forbids inline scripts.
 */
var ckbScorm = (() => {
  "use strict"

  const { codec, LIMIT, isObject } = ckbScormSuspend
  const TYPING_DELAY = 1000  // ms: records written by typing are committed once it pauses
  const FIND_API_LIMIT = 10  // the ADL wrapper gives up after 7 parents; some LMSs nest deeper

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
