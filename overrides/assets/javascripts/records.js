/* 柜面投诉应对: a learner's records in this browser, their shapes, and the nav's ✔.
 *
 * The one place that knows what a quiz's and a role-play's record hold; quizzes and
 * the exam write them (quiz.js, exam.js), role-plays theirs (scenario.js), 我的进度
 * and the nav's chapter marks read them, and the SCORM package packs them in the
 * same formats (versions in ckb.config.records, macros/contracts.py). Each is kept in
 * ckb.memory (memory.js), versioned and checked when read: a damaged field or record
 * is dropped alone.
 *
 *   quiz.<id>      {version, attempt, seed, answers: {question id: {version, answer,
 *                   correct}}, flags, submitted, scored, first, last, best, path, title}
 *                  (first, last, best: {score, total} or null)
 *   scenario.<id>  {version, last, best}  (endings, as ckb.config.endings names them)
 *
 * `ckb.quizRecords`: read, load (for a quiz's questions as they are now), score,
 * remember, newAttempt, forget, examVerdict (通过 or 未通过 against the pass mark).
 * `ckb.scenarioRecords`: read, remember, forget.
 * The component `chapter-marks` (every page, main.html) marks the chapters whose quiz
 * was completed in the nav; it follows ckb:progress-cleared.
 */
(() => {
  "use strict"

  const isObject = value => ckb.memory.isObject(value)
  const stores = {}
  const store = (kind, check) =>
    stores[kind] || (stores[kind] = ckb.memory.store(ckb.config.memory[kind], ckb.config.records[kind], check))

  /* --- Quizzes and the exam ------------------------------------------------------------ */

  const isScore = value => isObject(value) && Number.isInteger(value.score)
    && Number.isInteger(value.total) && value.total > 0 && value.score >= 0 && value.score <= value.total

  const emptyQuiz = () => ({
    attempt: 1, seed: ckb.seed(), answers: {}, flags: [], submitted: false,
    scored: false, first: null, last: null, best: null,
  })

  /* A stored record as this version reads it (the store gives it one of this version or
     of none): checked field by field; one from before versions keeps its scores and
     starts a new attempt */
  function checkQuiz(stored) {
    const scores = {
      first: isScore(stored.first) ? stored.first : null,
      last: isScore(stored.last) ? stored.last : null,
      best: isScore(stored.best) ? stored.best : null,
    }
    if (stored.version === undefined)
      return { ...emptyQuiz(), ...scores, first: scores.first || scores.best }
    if (!isObject(stored.answers)) return null
    const answers = Object.fromEntries(Object.entries(stored.answers).filter(([, saved]) =>
      isObject(saved) && typeof saved.version === "string" && Array.isArray(saved.answer)
      && (saved.correct === undefined || typeof saved.correct === "boolean")))
    return {
      ...emptyQuiz(),
      ...scores,
      attempt: Number.isInteger(stored.attempt) && stored.attempt > 0 ? stored.attempt : 1,
      seed: Number.isInteger(stored.seed) ? stored.seed : ckb.seed(),
      answers,
      flags: Array.isArray(stored.flags) ? stored.flags.filter(id => typeof id === "string") : [],
      submitted: stored.submitted === true,
      scored: stored.scored === true,
    }
  }
  const quizzes = () => store("quiz", checkQuiz)

  /* The record of a quiz, keeping only answers to its questions as they are now
     (`valid(question, answer)`: the answer fits the question's kind) */
  function load(quizId, questions, valid) {
    const record = quizzes().read(quizId) || emptyQuiz()
    const byId = new Map(questions.map(question => [question.dataset.question, question]))
    record.answers = Object.fromEntries(Object.entries(record.answers).filter(([id, saved]) =>
      byId.has(id) && byId.get(id).dataset.version === saved.version && valid(byId.get(id), saved.answer)))
    record.flags = record.flags.filter(id => byId.has(id))
    return record
  }

  function score(record, questions) {
    const answered = questions.filter(q => record.answers[q.dataset.question])
    const right = answered.filter(q => record.answers[q.dataset.question].correct)
    return { done: answered.length === questions.length, score: right.length, total: questions.length }
  }

  /* Keep the record; once every question is answered (the exam: handed in), the attempt's score */
  function remember(quiz, record, questions) {
    const result = score(record, questions)
    if (result.done && (quiz.dataset.mode !== "exam" || record.submitted) && !record.scored) {
      record.last = { score: result.score, total: result.total }
      if (record.attempt === 1 && !record.first) record.first = record.last
      if (!record.best || result.score / result.total >= record.best.score / record.best.total)
        record.best = record.last
      record.scored = true
    }
    record.path = location.pathname
    record.title = quiz.dataset.title
    quizzes().write(quiz.dataset.quiz, record)
  }

  /* 重做: a new attempt of the whole quiz, kept at once */
  function newAttempt(quiz, record) {
    const next = { ...record, attempt: record.attempt + 1, seed: ckb.seed(), answers: {}, flags: [],
                   submitted: false, scored: false }
    quizzes().write(quiz.dataset.quiz, next)
    return next
  }

  /* 通过 or 未通过 against the pass mark, and the mark itself: whole numbers only
     (score × 100 ≥ mark × total), so 32 / 40 at 80 % passes exactly */
  function examVerdict(result) {
    const mark = Number(ckb.config.exam?.passPercent)
    if (!Number.isInteger(mark) || !result?.total) return null
    const passed = result.score * 100 >= mark * result.total
    const needed = Math.ceil(mark * result.total / 100)
    return { passed, mark, needed, percent: Math.floor(result.score * 100 / result.total) }
  }

  ckb.quizRecords = {
    read: id => quizzes().read(id), forget: id => quizzes().forget(id),
    load, score, remember, newAttempt, examVerdict,
  }

  /* --- Role-plays ---------------------------------------------------------------------- */

  const endings = () => ckb.config.endings.all  // best first
  const isEnding = value => endings().includes(value)
  const isBetter = (ending, than) => endings().indexOf(ending) < endings().indexOf(than)
  /* One from before versions keeps its known endings */
  const checkScenario = stored =>
    ({ last: isEnding(stored.last) ? stored.last : null, best: isEnding(stored.best) ? stored.best : null })
  const scenarios = () => store("scenario", checkScenario)

  ckb.scenarioRecords = {
    read: id => scenarios().read(id),
    forget: id => scenarios().forget(id),
    /* The ending reached: the latest, and the best so far */
    remember(id, ending) {
      const record = scenarios().read(id) || { last: null, best: null }
      record.last = ending
      if (!record.best || isBetter(ending, record.best)) record.best = ending
      scenarios().write(id, record)
      return record
    },
  }

  /* --- The nav marks chapters whose quiz was completed ---------------------------------- */

  /* A chapter's quiz id is its page name: origins/ or origins.html -> origins */
  function quizIdOf(link) {
    const segments = new URL(link.href, location.href).pathname.split("/").filter(Boolean)
    return (segments.pop() || "").replace(/\.html$/, "")
  }

  function markCompletedChapters() {
    for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
      const id = quizIdOf(link)
      const done = id && quizzes().read(id)?.last
      let mark = link.querySelector(".ckb-nav-done")
      if (done && !mark) {
        mark = ckb.element("span", "ckb-nav-done", "✔")
        mark.title = "本章测验已完成"
        link.append(mark, ckb.element("span", "ckb-visually-hidden", "（本章测验已完成）"))
      } else if (!done && mark) {
        mark.nextElementSibling?.remove()
        mark.remove()
      }
    }
  }

  ckb.chapterMarks = markCompletedChapters
  ckb.component("chapter-marks", { mount: markCompletedChapters })
  document.addEventListener(ckb.config.events.progressCleared, markCompletedChapters)
})()
