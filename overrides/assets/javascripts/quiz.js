/* 柜面投诉应对: chapter quizzes that measure what a learner knows.
 *
 * The page already works without this script: each question shows its options
 * and a collapsible answer, to read the quiz as a worksheet. This runs a chapter
 * quiz in attempts, as in Moodle: the first submitted answer of a question counts
 * and locks it until 重做 starts a new attempt of the whole quiz; 我的进度 shows the
 * first attempt's score and the best. A question's 查看答案 is hidden until it is
 * answered, so the first attempt is the learner's own.
 *
 * The questions' kinds, shuffling and events are quiz-kinds.js's; the records
 * records.js's; the exam is exam.js. The component `quiz` mounts on a chapter's
 * quiz (quiz.html).
 */
(() => {
  "use strict"

  function mount(quiz) {
    const kinds = ckb.quizKinds
    const records = ckb.quizRecords
    const questions = kinds.questionsOf(quiz)
    let record = records.load(quiz.dataset.quiz, questions, kinds.valid)
    const summary = quiz.querySelector(".ckb-quiz__summary")

    const showScore = () => {
      const result = records.score(record, questions)
      summary.hidden = !result.done
      summary.querySelector(".ckb-quiz__score").textContent =
        result.done ? `本章测验第 ${record.attempt} 次完成：答对 ${result.score} / ${result.total}` : ""
    }

    const start = () => {
      for (const question of questions) {
        kinds.resetAnswer(question)
        const saved = kinds.setOut(question, record)
        if (saved) kinds.showResult(question, saved.answer, kinds.kindOf(question).grade(question, saved.answer))
        else kinds.holdAnswer(question)
        kinds.lock(question, Boolean(saved))
      }
      showScore()
    }

    for (const question of questions) {
      question.addEventListener("input", () => {
        if (!question.querySelector(".ckb-question__fieldset").disabled) kinds.announce(question, "")
      })
      question.querySelector(".ckb-question__form").addEventListener("submit", event => {
        event.preventDefault()
        if (record.answers[question.dataset.question]) return  // the first answer counts
        const kind = kinds.kindOf(question)
        const answer = kind.answer(question)
        if (!kind.answered(answer))
          return kinds.announce(question, "请先作答，再提交。")
        const result = kind.grade(question, answer)
        record.answers[question.dataset.question] = { version: question.dataset.version, answer, correct: result.correct }
        kinds.showResult(question, answer, result)
        kinds.lock(question, true)
        records.remember(quiz, record, questions)
        showScore()
        ckb.chapterMarks()
        kinds.dispatchSubmitted(quiz, question, record)
        kinds.dispatchCompleted(quiz, record, questions)
      })
    }

    summary.querySelector(".ckb-quiz__retry").addEventListener("click", () => {
      record = records.newAttempt(quiz, record)
      start()
      quiz.querySelector("input, .ckb-order__move").focus()
    })
    start()
  }

  ckb.component("quiz", { mount })
})()
