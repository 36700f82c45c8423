/* 柜面投诉应对: quizzes that grade, explain and remember.
 *
 * The page already works without this script: each question shows its options
 * and a collapsible answer. This adds 提交, grading, 答对 N / M, 重做, the exam,
 * progress kept in this browser (shown by progress.js), nav marks for
 * completed chapters, and the `quiz:submitted` event.
 *
 * A classic script, not a module: browsers refuse module scripts opened from
 * file://, and the offline copy of the site must run it too.
 */
(() => {
  "use strict"

  const LETTERS = "ABCDEFGHIJ"

  /* Quiz records live in ckbMemory (memory.js) under quiz.<quiz id> */
  const memory = {
    read: quizId => ckbMemory.read(`quiz.${quizId}`),
    write: (quizId, record) => ckbMemory.write(`quiz.${quizId}`, record)
  }

  /* --- Reading, grading and showing one question --------------------------- */

  const normalise = text => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase()

  function kindOf(question) {
    const type = question.dataset.type
    return type === "fill_blank" || type === "ordering" ? type : "choice"
  }

  function answerOf(question) {
    switch (kindOf(question)) {
      case "choice":
        return [...question.querySelectorAll(".ckb-option__input")]
          .filter(input => input.checked).map(input => Number(input.value))
      case "fill_blank":
        return [...question.querySelectorAll(".ckb-blank__input")].map(input => input.value)
      case "ordering":
        return [...question.querySelectorAll(".ckb-order__item")].map(item => Number(item.dataset.rank))
    }
  }

  function isAnswered(question, answer) {
    switch (kindOf(question)) {
      case "choice": return answer.length > 0
      case "fill_blank": return answer.every(value => value.trim() !== "")
      case "ordering": return true
    }
  }

  function grade(question, answer) {
    switch (kindOf(question)) {
      case "choice": {
        const options = [...question.querySelectorAll(".ckb-option")]
        const right = options.flatMap((option, index) => option.dataset.correct === "true" ? [index] : [])
        const wrong = answer.filter(index => !right.includes(index))
        const missed = right.filter(index => !answer.includes(index))
        return { correct: !wrong.length && !missed.length, wrong, missed }
      }
      case "fill_blank": {
        const inputs = [...question.querySelectorAll(".ckb-blank__input")]
        const ok = inputs.map((input, index) =>
          JSON.parse(input.dataset.answers).map(normalise).includes(normalise(answer[index] || "")))
        return { correct: ok.every(Boolean), ok }
      }
      case "ordering": {
        const ok = answer.map((rank, position) => rank === position)
        return { correct: ok.every(Boolean), ok }
      }
    }
  }

  function summaryOf(question, result) {
    if (result.correct)
      return "✔ 回答正确。"
    if (kindOf(question) === "choice" && question.dataset.type === "multiple") {
      const letters = indexes => indexes.map(index => LETTERS[index]).join("、")
      const parts = []
      if (result.missed.length) parts.push(`漏选 ${letters(result.missed)}`)
      if (result.wrong.length) parts.push(`错选 ${letters(result.wrong)}`)
      const partial = result.missed.length && !result.wrong.length ? "✘ 部分正确" : "✘ 回答错误"
      return `${partial}：${parts.join("；")}。`
    }
    if (kindOf(question) === "fill_blank") {
      const blanks = result.ok.flatMap((ok, index) => ok ? [] : [`第 ${index + 1} 空`])
      return `✘ 回答错误：${blanks.join("、")}不对。`
    }
    if (kindOf(question) === "ordering")
      return `✘ 顺序不对：${result.ok.filter(ok => !ok).length} 项位置错误。`
    return "✘ 回答错误。"
  }

  function showResult(question, answer, result) {
    clearMarks(question)
    if (kindOf(question) === "choice") {
      question.querySelectorAll(".ckb-option").forEach((option, index) => {
        const chosen = answer.includes(index)
        const missed = result.missed.includes(index)
        if (!chosen && !missed) return
        const right = chosen && !result.wrong.includes(index)
        option.classList.add(`ckb-option--${right ? "right" : missed ? "missed" : "wrong"}`)
        option.querySelector(".ckb-option__verdict").textContent = right ? "✔ 正确" : missed ? "○ 漏选" : "✘ 错误"
        option.querySelector(".ckb-option__feedback").hidden = !chosen
      })
    } else {
      const selector = kindOf(question) === "fill_blank" ? ".ckb-blank__verdict" : ".ckb-order__verdict"
      question.querySelectorAll(selector).forEach((verdict, index) => {
        verdict.textContent = result.ok[index] ? "✔" : "✘"
        verdict.setAttribute("aria-label", result.ok[index] ? "正确" : "错误")
      })
    }
    question.classList.add(result.correct ? "ckb-question--right" : "ckb-question--wrong")
    question.querySelector(".ckb-question__result").textContent = `${summaryOf(question, result)}请看下方解析。`
    question.querySelector(".ckb-answer").open = true
  }

  function clearMarks(question) {
    question.classList.remove("ckb-question--right", "ckb-question--wrong")
    question.querySelectorAll(".ckb-option").forEach(option => {
      option.classList.remove("ckb-option--right", "ckb-option--wrong", "ckb-option--missed")
      option.querySelector(".ckb-option__feedback").hidden = true
    })
    question.querySelectorAll(".ckb-option__verdict, .ckb-blank__verdict, .ckb-order__verdict").forEach(verdict => {
      verdict.textContent = ""
      verdict.removeAttribute("aria-label")
    })
    question.querySelector(".ckb-question__result").textContent = ""
    question.querySelector(".ckb-answer").open = false
  }

  function restoreAnswer(question, answer) {
    switch (kindOf(question)) {
      case "choice":
        question.querySelectorAll(".ckb-option__input").forEach(input => {
          input.checked = answer.includes(Number(input.value))
        })
        break
      case "fill_blank":
        question.querySelectorAll(".ckb-blank__input").forEach((input, index) => {
          input.value = answer[index] || ""
        })
        break
      case "ordering": {
        const list = question.querySelector(".ckb-order")
        const items = [...list.children]
        for (const rank of answer)
          list.append(items.find(item => Number(item.dataset.rank) === rank))
      }
    }
  }

  function resetAnswer(question) {
    question.querySelector(".ckb-question__form").reset()
    if (kindOf(question) === "ordering") {
      const list = question.querySelector(".ckb-order")
      const items = [...list.children].sort((a, b) => a.dataset.initial - b.dataset.initial)
      list.append(...items)
    }
    clearMarks(question)
  }

  /* Ordering: buttons move an item up or down, by keyboard or touch */
  function enableOrdering(question) {
    const list = question.querySelector(".ckb-order")
    if (!list) return
    ;[...list.children].forEach((item, index) => { item.dataset.initial = index })
    list.querySelectorAll(".ckb-order__moves").forEach(moves => { moves.hidden = false })
    list.addEventListener("click", event => {
      const button = event.target.closest(".ckb-order__move")
      if (!button) return
      const item = button.closest(".ckb-order__item")
      const target = button.dataset.move === "-1" ? item.previousElementSibling : item.nextElementSibling?.nextElementSibling
      if (button.dataset.move === "-1" && !target) return announce(question, "已在第一位。")
      if (button.dataset.move === "1" && !item.nextElementSibling) return announce(question, "已在最后一位。")
      list.insertBefore(item, target || null)
      button.focus()
      const position = [...list.children].indexOf(item) + 1
      announce(question, `“${item.querySelector(".ckb-order__text").textContent}”已移到第 ${position} 位。`)
      question.dispatchEvent(new Event("change", { bubbles: true }))
    })
  }

  function announce(question, text) {
    question.querySelector(".ckb-question__result").textContent = text
  }

  /* --- A quiz: its questions, its record in memory, its score -------------- */

  function loadRecord(quizId, questions) {
    const stored = memory.read(quizId) || {}
    const versions = Object.fromEntries(questions.map(q => [q.dataset.question, q.dataset.version]))
    const answers = Object.fromEntries(Object.entries(stored.answers || {})
      .filter(([id, saved]) => versions[id] === saved.version))
    return { ...stored, answers, flags: (stored.flags || []).filter(id => id in versions) }
  }

  function score(record, questions) {
    const answered = questions.filter(q => record.answers[q.dataset.question])
    const right = answered.filter(q => record.answers[q.dataset.question].correct)
    return { done: answered.length === questions.length, score: right.length, total: questions.length }
  }

  function remember(quiz, record, questions) {
    const result = score(record, questions)
    if (result.done && (quiz.dataset.mode !== "exam" || record.submitted)) {
      record.last = { score: result.score, total: result.total }
      if (!record.best || result.score / result.total >= record.best.score / record.best.total)
        record.best = record.last
    }
    record.path = location.pathname
    record.title = quiz.dataset.title
    memory.write(quiz.dataset.quiz, record)
  }

  function save(question, record, answer, result) {
    record.answers[question.dataset.question] = {
      version: question.dataset.version, answer, correct: result.correct
    }
  }

  function dispatchSubmitted(quiz, question, result) {
    question.dispatchEvent(new CustomEvent("quiz:submitted", {
      bubbles: true,
      detail: { quizId: quiz.dataset.quiz, questionId: question.dataset.question, correct: result.correct }
    }))
  }

  function setUpPractice(quiz, questions) {
    let record = loadRecord(quiz.dataset.quiz, questions)
    const summary = quiz.querySelector(".ckb-quiz__summary")

    const showScore = () => {
      const result = score(record, questions)
      summary.hidden = !result.done
      summary.querySelector(".ckb-quiz__score").textContent =
        result.done ? `本章测验完成：答对 ${result.score} / ${result.total}` : ""
    }

    for (const question of questions) {
      const saved = record.answers[question.dataset.question]
      if (saved) {
        restoreAnswer(question, saved.answer)
        showResult(question, saved.answer, grade(question, saved.answer))
      }
      question.querySelector(".ckb-question__form").addEventListener("submit", event => {
        event.preventDefault()
        const answer = answerOf(question)
        if (!isAnswered(question, answer))
          return announce(question, "请先作答，再提交。")
        const result = grade(question, answer)
        showResult(question, answer, result)
        save(question, record, answer, result)
        remember(quiz, record, questions)
        showScore()
        markCompletedChapters()
        dispatchSubmitted(quiz, question, result)
      })
    }
    showScore()

    summary.querySelector(".ckb-quiz__retry").addEventListener("click", () => {
      questions.forEach(resetAnswer)
      record = { ...record, answers: {} }
      memory.write(quiz.dataset.quiz, record)
      showScore()
      quiz.querySelector("input, .ckb-order__move").focus()
    })
  }

  /* --- The exam: answer everything, flag, submit once, answer sheet -------- */

  function setUpExam(quiz, questions) {
    let record = loadRecord(quiz.dataset.quiz, questions)
    const panel = quiz.querySelector(".ckb-exam__panel")
    const sheet = quiz.querySelector(".ckb-exam__sheet")
    const status = quiz.querySelector(".ckb-exam__status")
    const submit = quiz.querySelector(".ckb-exam__submit")
    const unanswered = () => questions.filter(q => !isAnswered(q, answerOf(q)) || !q.dataset.touched)

    const refreshOverview = () => {
      for (const question of questions) {
        const id = question.dataset.question
        const answered = isAnswered(question, answerOf(question)) && question.dataset.touched
        const flagged = record.flags.includes(id)
        const state = `${answered ? "已答" : "未答"}${flagged ? " · ⚑ 已标记" : ""}`
        quiz.querySelector(`.ckb-exam__entry[data-question="${id}"] .ckb-exam__state`).textContent = state
        question.querySelector(".ckb-question__flag").setAttribute("aria-pressed", String(flagged))
      }
    }

    const saveProgress = () => {
      record.answers = Object.fromEntries(questions.filter(q => q.dataset.touched).map(q => {
        const answer = answerOf(q)
        return [q.dataset.question, { version: q.dataset.version, answer, correct: grade(q, answer).correct }]
      }))
      remember(quiz, record, questions)
    }

    const showSheet = () => {
      const list = sheet.querySelector(".ckb-exam__results")
      list.replaceChildren(...questions.map(question => {
        const correct = record.answers[question.dataset.question]?.correct
        const item = document.createElement("li")
        const link = document.createElement("a")
        link.href = `#q-${question.dataset.question}`
        link.textContent = question.querySelector(".ckb-question__name").textContent
        item.append(link, ` ${correct ? "✔ 正确" : "✘ 错误"}`)
        item.className = correct ? "ckb-exam__result--right" : "ckb-exam__result--wrong"
        return item
      }))
      const result = score(record, questions)
      sheet.querySelector(".ckb-quiz__score").textContent = `综合测验：答对 ${result.score} / ${result.total}`
      questions.forEach(question => {
        question.querySelector(".ckb-question__fieldset").disabled = true
        question.querySelector(".ckb-question__actions").hidden = true
        const answer = answerOf(question)
        showResult(question, answer, grade(question, answer))
      })
      panel.hidden = true
      sheet.hidden = false
    }

    for (const question of questions) {
      const saved = record.answers[question.dataset.question]
      if (saved) {
        restoreAnswer(question, saved.answer)
        question.dataset.touched = "true"
      }
      for (const type of ["input", "change"])
        question.addEventListener(type, () => {
          question.dataset.touched = "true"
          saveProgress()
          refreshOverview()
        })
      question.querySelector(".ckb-question__form").addEventListener("submit", event => event.preventDefault())
      question.querySelector(".ckb-question__flag").addEventListener("click", () => {
        const id = question.dataset.question
        record.flags = record.flags.includes(id) ? record.flags.filter(f => f !== id) : [...record.flags, id]
        saveProgress()
        refreshOverview()
      })
    }

    submit.addEventListener("click", () => {
      const missing = unanswered()
      if (missing.length) {
        const numbers = missing.map(q => questions.indexOf(q) + 1).join("、")
        status.textContent = `还有 ${missing.length} 题未作答：第 ${numbers} 题。请答完再交卷。`
        return
      }
      record.submitted = true
      saveProgress()
      showSheet()
      questions.forEach(question => dispatchSubmitted(quiz, question, record.answers[question.dataset.question]))
      markCompletedChapters()
      sheet.querySelector(".ckb-exam__heading").focus()
    })

    sheet.querySelector(".ckb-quiz__retry").addEventListener("click", () => {
      questions.forEach(question => {
        resetAnswer(question)
        question.querySelector(".ckb-question__fieldset").disabled = false
        question.querySelector(".ckb-question__actions").hidden = false
        delete question.dataset.touched
      })
      record = { ...record, answers: {}, flags: [], submitted: false }
      memory.write(quiz.dataset.quiz, record)
      status.textContent = ""
      sheet.hidden = true
      panel.hidden = false
      refreshOverview()
      quiz.querySelector("input, .ckb-order__move").focus()
    })

    panel.hidden = false
    refreshOverview()
    if (record.submitted) showSheet()
  }

  function setUpQuiz(quiz) {
    const questions = [...quiz.querySelectorAll(".ckb-question")]
    for (const question of questions) {
      question.querySelector(".ckb-question__actions").hidden = false
      enableOrdering(question)
    }
    if (quiz.dataset.mode === "exam")
      setUpExam(quiz, questions)
    else
      setUpPractice(quiz, questions)
  }

  /* --- The navigation marks chapters whose quiz was completed --------------- */

  /* A chapter's quiz id is its page name: origins/ or origins.html -> origins */
  function quizIdOf(link) {
    const segments = new URL(link.href, location.href).pathname.split("/").filter(Boolean)
    return (segments.pop() || "").replace(/\.html$/, "")
  }

  function markCompletedChapters() {
    for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
      const id = quizIdOf(link)
      const done = id && memory.read(id)?.last
      let mark = link.querySelector(".ckb-nav-done")
      if (done && !mark) {
        mark = document.createElement("span")
        mark.className = "ckb-nav-done"
        mark.title = "本章测验已完成"
        mark.textContent = "✔"
        const label = document.createElement("span")
        label.className = "ckb-visually-hidden"
        label.textContent = "（本章测验已完成）"
        link.append(mark, label)
      } else if (!done && mark) {
        mark.nextElementSibling?.remove()
        mark.remove()
      }
    }
  }

  document.addEventListener("ckb:progress-cleared", markCompletedChapters)
  document$.subscribe(() => {
    document.querySelectorAll(".ckb-quiz").forEach(setUpQuiz)
    markCompletedChapters()
  })
})()
