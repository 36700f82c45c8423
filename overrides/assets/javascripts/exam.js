/* 柜面投诉应对: 综合测验, the exam: no key in the page until 交卷.
 *
 * The page has no answer, feedback, explanation or right-option marker: a learner
 * answers and flags questions, moves with the navigator (one box per question:
 * answered, ⚑ flagged, the current one), and hands in once (交卷, only when every
 * question is answered). Then the key is loaded (exam-key.js, written by the build,
 * a classic script so it loads from file:// too) and the result shown: the score,
 * 通过 or 未通过 against the pass mark (ckb.config.exam.passPercent) and the mark,
 * each chapter's score and every wrong question linked to its explanation.
 *
 * The questions' kinds, shuffling and events are quiz-kinds.js's; the records
 * records.js's. The component `exam` mounts on exam.html's quiz; its cleanup stops
 * watching the questions when the page is left.
 */
(() => {
  "use strict"

  /* exam-key.js sets ckb.examKey */
  function loadKey(url) {
    if (ckb.examKey) return Promise.resolve(ckb.examKey)
    return new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = url
      script.onload = () => ckb.examKey ? resolve(ckb.examKey) : reject(new Error("empty key"))
      script.onerror = reject
      document.head.append(script)
    })
  }

  /* Give the questions what the page held back: right options, feedback, blanks, order, answer */
  function applyKey(kinds, question, key) {
    kinds.options(question).forEach(option => {
      const index = kinds.optionIndex(option)
      option.dataset.correct = String(key.correct.includes(index))
      option.querySelector(".ckb-option__feedback").textContent = key.feedback[index] || ""
    })
    question.querySelectorAll(".ckb-blank__input").forEach((input, index) => {
      input.dataset.answers = JSON.stringify(key.blanks[index] || [])
    })
    question.querySelectorAll(".ckb-order__item").forEach(item => {
      item.dataset.rank = key.ranks[Number(item.dataset.item)]
    })
    if (!question.querySelector(".ckb-answer")) {
      const details = ckb.element("details", "ckb-answer")
      details.innerHTML = `<summary>查看答案</summary>${key.answer}`  // built from training.yml, escaped by the build
      question.append(details)
    }
    kinds.relabel(question)
  }

  function showVerdict(element, result) {
    const verdict = ckb.quizRecords.examVerdict(result)
    element.hidden = !verdict
    if (!verdict) return
    element.classList.toggle("ckb-exam__verdict--passed", verdict.passed)
    element.classList.toggle("ckb-exam__verdict--failed", !verdict.passed)
    element.textContent = `${verdict.passed ? "✔ 通过" : "✘ 未通过"}：答对 ${verdict.percent}%，` +
      `及格线 ${verdict.mark}%（${result.total} 题至少答对 ${verdict.needed} 题）。`
  }

  function mount(quiz) {
    const kinds = ckb.quizKinds
    const records = ckb.quizRecords
    const questions = kinds.questionsOf(quiz)
    let record = records.load(quiz.dataset.quiz, questions, kinds.valid)
    const panel = quiz.querySelector(".ckb-exam__panel")
    const sheet = quiz.querySelector(".ckb-exam__sheet")
    const status = quiz.querySelector(".ckb-exam__status")
    const submit = quiz.querySelector(".ckb-exam__submit")
    const entry = id => quiz.querySelector(`.ckb-exam__entry[data-question="${id}"]`)
    const isAnswered = question => question.dataset.touched && kinds.kindOf(question).answered(kinds.kindOf(question).answer(question))
    quiz.querySelector(".ckb-exam__nojs").hidden = true

    const refreshOverview = () => {
      for (const question of questions) {
        const id = question.dataset.question
        const answered = isAnswered(question)
        const flagged = record.flags.includes(id)
        const box = entry(id)
        box.classList.toggle("ckb-exam__entry--answered", Boolean(answered))
        box.classList.toggle("ckb-exam__entry--flagged", flagged)
        box.querySelector(".ckb-exam__state").textContent = `${answered ? "已答" : "未答"}${flagged ? " · ⚑ 已标记" : ""}`
        question.querySelector(".ckb-question__flag").setAttribute("aria-pressed", String(flagged))
      }
    }

    /* Answers are kept as given; nothing is graded before 交卷 */
    const saveProgress = () => {
      record.answers = Object.fromEntries(questions.filter(q => q.dataset.touched).map(q =>
        [q.dataset.question, { version: q.dataset.version, answer: kinds.kindOf(q).answer(q) }]))
      records.remember(quiz, record, questions)
    }

    const showSheet = key => {
      record.submitted = true
      for (const question of questions) {
        applyKey(kinds, question, key[question.dataset.question])
        const answer = kinds.kindOf(question).answer(question)
        const result = kinds.kindOf(question).grade(question, answer)
        record.answers[question.dataset.question] = { version: question.dataset.version, answer, correct: result.correct }
        kinds.lock(question, true)
        question.querySelector(".ckb-question__actions").hidden = true
        kinds.showResult(question, answer, result)
      }
      records.remember(quiz, record, questions)
      const result = records.score(record, questions)
      sheet.querySelector(".ckb-quiz__score").textContent = `综合测验：答对 ${result.score} / ${result.total}`
      showVerdict(sheet.querySelector(".ckb-exam__verdict"), result)
      const chapters = new Map()
      for (const question of questions) {
        const chapter = question.dataset.chapter
        const tally = chapters.get(chapter) || { right: 0, total: 0 }
        tally.total++
        tally.right += record.answers[question.dataset.question].correct
        chapters.set(chapter, tally)
      }
      sheet.querySelector("tbody").replaceChildren(...[...chapters].map(([chapter, tally]) => {
        const row = ckb.element("tr")
        const name = ckb.element("th", "", chapter)
        name.scope = "row"
        row.append(name, ckb.element("td", "", `${tally.right} / ${tally.total}`))
        return row
      }))
      const wrong = questions.filter(question => !record.answers[question.dataset.question].correct)
      sheet.querySelector(".ckb-exam__results").replaceChildren(...wrong.map(question => {
        const item = ckb.element("li")
        const link = ckb.element("a", "", question.querySelector(".ckb-question__name").textContent)
        link.href = `#${ckb.config.anchors.question}${question.dataset.question}`
        item.append("✘ ", link, "：看解析")
        return item
      }))
      sheet.querySelector(".ckb-exam__wrong-heading").hidden = !wrong.length
      panel.hidden = true
      sheet.hidden = false
    }

    const finish = async (announceSheet) => {
      try {
        const key = await loadKey(quiz.dataset.key)
        showSheet(key)
        if (announceSheet) {
          questions.forEach(question => kinds.dispatchSubmitted(quiz, question, record))
          kinds.dispatchCompleted(quiz, record, questions)
          ckb.chapterMarks()
          sheet.querySelector(".ckb-exam__heading").focus()
        }
      } catch {
        status.textContent = "✘ 答案没有加载成功，请检查网络后再点一次“交卷”。"
      }
    }

    for (const question of questions) {
      if (kinds.setOut(question, record)) question.dataset.touched = "true"
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

    /* The box of the question in view is the current one */
    const observer = new IntersectionObserver(seen => {
      for (const sight of seen) {
        if (!sight.isIntersecting) continue
        quiz.querySelectorAll(".ckb-exam__box[aria-current]").forEach(box => box.removeAttribute("aria-current"))
        const box = entry(sight.target.dataset.question).querySelector(".ckb-exam__box")
        box.setAttribute("aria-current", "step")
        const row = box.closest(".ckb-exam__overview")
        row.scrollLeft = box.offsetLeft - row.offsetLeft - row.clientWidth / 2  // the current box in sight
      }
    }, { rootMargin: "-30% 0px -60% 0px" })
    questions.forEach(question => observer.observe(question))

    submit.addEventListener("click", () => {
      const missing = questions.filter(question => !isAnswered(question))
      if (missing.length) {
        const numbers = missing.map(q => questions.indexOf(q) + 1).join("、")
        status.textContent = `还有 ${missing.length} 题未作答：第 ${numbers} 题。请答完再交卷。`
        return
      }
      saveProgress()
      finish(true)
    })

    sheet.querySelector(".ckb-quiz__retry").addEventListener("click", () => {
      record = records.newAttempt(quiz, record)
      questions.forEach(question => {
        kinds.resetAnswer(question)
        kinds.lock(question, false)
        question.querySelector(".ckb-question__actions").hidden = false
        delete question.dataset.touched
        kinds.shuffle(question, record.seed)
      })
      status.textContent = ""
      sheet.hidden = true
      panel.hidden = false
      refreshOverview()
      quiz.querySelector("input, .ckb-order__move").focus()
    })

    panel.hidden = false
    refreshOverview()
    if (record.submitted) finish(false)
    return () => observer.disconnect()  // the page is left: stop watching its questions
  }

  ckb.component("exam", { mount })
})()
