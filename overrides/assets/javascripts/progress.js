/* 柜面投诉应对: 我的进度 — what this browser remembers of quizzes and role-plays.
 *
 * A summary on top (quizzes done, role-plays ended well, the exam's latest score,
 * 通过 or 未通过 against the pass mark), then
 * one row per quiz (first attempt, latest, best) and per role-play (latest and
 * best ending, marked ✔ or ✘ besides their colour). Records are read through
 * the checks of records.js (ckb.quizRecords, ckb.scenarioRecords), so a damaged one
 * shows as nothing and breaks nothing. One button forgets them all and tells the rest
 * of the page (ckb.config.events.progressCleared). In the SCORM package it says that the
 * LMS keeps the records (with xAPI on, xapi.js's `learner` says who they are sent as).
 * The component `progress` mounts on progress.html's table.
 */
(() => {
  "use strict"

  const score = result => result ? `${result.score} / ${result.total}` : "—"

  function mount(progress) {
    const { good } = ckb.config.endings
    const ending = value => value ? `${good.includes(value) ? "✔" : "✘"} ${value}` : "—"
    const rows = [...progress.querySelectorAll(".ckb-progress__row")]

    const fill = () => {
      let quizzesDone = 0
      let scenariosGood = 0
      let exam = null
      for (const row of rows) {
        if (row.dataset.quiz) {
          const record = ckb.quizRecords.read(row.dataset.quiz)
          row.querySelector(".ckb-progress__first").textContent = score(record?.first)
          row.querySelector(".ckb-progress__last").textContent = score(record?.last)
          row.querySelector(".ckb-progress__best").textContent = score(record?.best)
          quizzesDone += Boolean(record?.last)
          if (row.dataset.quiz === "exam") exam = record?.last
        } else {
          const record = ckb.scenarioRecords.read(row.dataset.scenario)
          row.querySelector(".ckb-progress__last").textContent = ending(record?.last)
          row.querySelector(".ckb-progress__best").textContent = ending(record?.best)
          scenariosGood += good.includes(record?.best)
        }
      }
      progress.querySelector(".ckb-progress__quizzes-done").textContent = quizzesDone
      const scenariosDone = progress.querySelector(".ckb-progress__scenarios-good")
      if (scenariosDone) scenariosDone.textContent = scenariosGood
      progress.querySelector(".ckb-progress__exam").textContent = exam ? score(exam) : "未交卷"
      const verdict = exam && ckb.quizRecords.examVerdict(exam)
      const said = progress.querySelector(".ckb-progress__exam-verdict")
      said.hidden = !verdict
      said.textContent = verdict ? `（${verdict.passed ? "✔ 通过" : "✘ 未通过"}，及格线 ${verdict.mark}%）` : ""
    }

    const lms = ckb.config.lms
    const learner = progress.querySelector(".ckb-learner")
    if (lms && !ckb.config.xapi && learner) {
      learner.replaceChildren(ckb.element("h2", "ckb-learner__title", "学习记录"),
                              ckb.element("p", "ckb-learner__note", lms.records))
      learner.hidden = false
    }
    progress.querySelector(".ckb-progress__summary").hidden = false
    const actions = progress.querySelector(".ckb-progress__actions")
    actions.hidden = false
    actions.querySelector("button").addEventListener("click", () => {
      for (const row of rows)
        row.dataset.quiz ? ckb.quizRecords.forget(row.dataset.quiz) : ckb.scenarioRecords.forget(row.dataset.scenario)
      fill()
      document.dispatchEvent(new Event(ckb.config.events.progressCleared))
      progress.querySelector(".ckb-progress__status").textContent = "已清除本浏览器中的全部进度。"
    })
    fill()
  }

  ckb.component("progress", { mount })
})()
