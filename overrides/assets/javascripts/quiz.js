/* 柜面投诉应对: quizzes that measure what a learner knows.
 *
 * The page already works without this script: each question shows its options
 * and, in a chapter quiz, a collapsible answer. This adds:
 * - chapter quizzes in attempts, as in Moodle: the first submitted answer of a
 *   question counts and locks it until 重做 starts a new attempt of the whole
 *   quiz; 我的进度 shows the first attempt's score and the best. A question's
 *   查看答案 is hidden until it is answered (the first attempt is the learner's
 *   own); without this script it stays, for reading the quiz as a worksheet;
 * - the exam's result says 通过 or 未通过 against ckb.config.exam.passPercent
 *   (mkdocs.yml's extra.exam_pass_percent) and names the mark;
 * - the exam: no key in the page; answer, flag, move with the navigator, 交卷
 *   once, then the key is loaded (exam-key.js) and the result shown: score, per
 *   chapter, each wrong question linked to its explanation;
 * - choice options shuffled per attempt (true/false keeps 正确 / 错误), letters
 *   following the order shown; print keeps the source order;
 * - versioned records in this browser (ckb.memory, memory.js), checked on read;
 *   `ckb.quizRecords` reads and forgets them for 我的进度 (progress.js);
 * - nav marks for completed chapters (the component `chapter-marks`, on every page);
 * - learning events for records elsewhere (SCORM, xAPI), on document:
 *   `ckb:answered`   {quiz, mode, question, name, type, chapter, attempt, response, correct}
 *                    once per question per attempt (the exam: each question at 交卷);
 *   `ckb:quiz-completed` {quiz, title, mode, attempt, score, total}
 *                    when every question of an attempt is answered (the exam: at 交卷).
 *   `response` is in the source's terms, the same whatever order was shown:
 *   choice "0,2" (option indexes), fill_blank the texts joined by "|",
 *   ordering "2,0,1" (the items' source ranks in the order given).
 *   `quiz:submitted` {quizId, questionId, correct} stays for the tests.
 *
 * Components: `quiz` (a chapter quiz, quiz.html) and `exam` (exam.html) on the
 * quiz's element, `chapter-marks` on the page (main.html). Print shows every
 * question in its source order (listeners added once, below). Option letters
 * and the question anchor prefix come from ckb.config.
 *
 * A classic script, not a module: browsers refuse module scripts opened from
 * file://, and the offline copy of the site must run it too.
 */
(() => {
  "use strict"

  const RECORD_VERSION = 2
  const letters = () => ckb.config.letters

  const normalise = text => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase()
  const options = question => [...question.querySelectorAll(".ckb-option")]

  /* --- Question kinds: each reads, grades, shows and restores its answer ------ */

  const KINDS = {
    choice: {
      answer: question => [...question.querySelectorAll(".ckb-option__input")]
        .filter(input => input.checked).map(input => Number(input.value)),
      answered: answer => answer.length > 0,
      valid: answer => answer.every(Number.isInteger),
      grade(question, answer) {
        const right = [...question.querySelectorAll(".ckb-option__input")]
          .filter(input => input.closest(".ckb-option").dataset.correct === "true").map(input => Number(input.value))
        const wrong = answer.filter(index => !right.includes(index))
        const missed = right.filter(index => !answer.includes(index))
        return { correct: !wrong.length && !missed.length, wrong, missed, right }
      },
      summary(question, result) {
        if (question.dataset.type !== "multiple") return "你答错了。"
        const letters = indexes => indexes.map(index => letterOf(question, index)).sort().join("、")
        const parts = []
        if (result.missed.length) parts.push(`漏选 ${letters(result.missed)}`)
        if (result.wrong.length) parts.push(`错选 ${letters(result.wrong)}`)
        const partial = result.missed.length && !result.wrong.length ? "你只答对了一部分" : "你答错了"
        return `${partial}：${parts.join("；")}。`
      },
      show(question, answer, result) {
        const multiple = question.dataset.type === "multiple"
        for (const option of options(question)) {
          const index = Number(option.querySelector(".ckb-option__input").value)
          const chosen = answer.includes(index)
          const isRight = result.right.includes(index)
          if (!chosen && !isRight) continue
          const state = chosen ? (isRight ? "right" : "wrong") : "missed"
          option.classList.add(`ckb-option--${state}`)
          option.querySelector(".ckb-option__verdict").textContent = {
            right: "✔ 你选对了",
            wrong: "✘ 你选错了",
            missed: multiple ? "○ 漏选：这也是正确答案" : "✔ 正确答案",
          }[state]
          option.querySelector(".ckb-option__feedback").hidden = !chosen
        }
      },
      restore(question, answer) {
        question.querySelectorAll(".ckb-option__input").forEach(input => {
          input.checked = answer.includes(Number(input.value))
        })
      },
    },
    fill_blank: {
      answer: question => [...question.querySelectorAll(".ckb-blank__input")].map(input => input.value),
      answered: answer => answer.every(value => value.trim() !== ""),
      valid: answer => answer.every(value => typeof value === "string"),
      grade(question, answer) {
        const ok = [...question.querySelectorAll(".ckb-blank__input")].map((input, index) =>
          JSON.parse(input.dataset.answers).map(normalise).includes(normalise(answer[index] || "")))
        return { correct: ok.every(Boolean), ok }
      },
      summary: (question, result) =>
        `你答错了：${result.ok.flatMap((ok, index) => ok ? [] : [`第 ${index + 1} 空`]).join("、")}不对。`,
      show: (question, answer, result) => markParts(question, ".ckb-blank__verdict", result.ok),
      restore(question, answer) {
        question.querySelectorAll(".ckb-blank__input").forEach((input, index) => {
          input.value = answer[index] || ""
        })
      },
    },
    ordering: {
      /* The items in the order shown, by their place in the page's scrambled list */
      answer: question => [...question.querySelectorAll(".ckb-order__item")].map(item => Number(item.dataset.item)),
      answered: () => true,
      valid: answer => answer.every(Number.isInteger),
      grade(question, answer) {
        const items = [...question.querySelectorAll(".ckb-order__item")]
        const rank = place => Number(items.find(item => Number(item.dataset.item) === place).dataset.rank)
        const ok = answer.map((place, position) => rank(place) === position)
        return { correct: ok.every(Boolean), ok }
      },
      summary: (question, result) => `你答错了：${result.ok.filter(ok => !ok).length} 项位置不对。`,
      show: (question, answer, result) => markParts(question, ".ckb-order__verdict", result.ok),
      restore(question, answer) {
        const list = question.querySelector(".ckb-order")
        const items = [...list.children]
        for (const place of answer) {
          const item = items.find(candidate => Number(candidate.dataset.item) === place)
          if (item) list.append(item)
        }
      },
    },
  }

  const kindOf = question => KINDS[question.dataset.type in KINDS ? question.dataset.type : "choice"]

  function markParts(question, selector, ok) {
    question.querySelectorAll(selector).forEach((verdict, index) => {
      verdict.textContent = ok[index] ? "✔" : "✘"
      verdict.setAttribute("aria-label", ok[index] ? "这一项对了" : "这一项不对")
    })
  }

  /* The letter an option shows now (options are shuffled), by its source index */
  function letterOf(question, index) {
    const position = options(question).findIndex(option => Number(option.querySelector(".ckb-option__input").value) === index)
    return letters()[position]
  }

  function showResult(question, answer, result) {
    clearMarks(question)
    kindOf(question).show(question, answer, result)
    question.classList.add(result.correct ? "ckb-question--right" : "ckb-question--wrong")
    const summary = result.correct ? "✔ 你答对了。" : `✘ ${kindOf(question).summary(question, result)}`
    question.querySelector(".ckb-question__result").textContent = `${summary}请看下方解析。`
    const answerBlock = question.querySelector(".ckb-answer")
    if (answerBlock) {
      answerBlock.hidden = false
      answerBlock.open = true
    }
  }

  /* A chapter quiz's answer block waits for the question's first answer */
  function holdAnswer(question) {
    const answerBlock = question.querySelector(".ckb-answer")
    if (answerBlock) answerBlock.hidden = true
  }

  function clearMarks(question) {
    question.classList.remove("ckb-question--right", "ckb-question--wrong")
    options(question).forEach(option => {
      option.classList.remove("ckb-option--right", "ckb-option--wrong", "ckb-option--missed")
      option.querySelector(".ckb-option__feedback").hidden = true
    })
    question.querySelectorAll(".ckb-option__verdict, .ckb-blank__verdict, .ckb-order__verdict").forEach(verdict => {
      verdict.textContent = ""
      verdict.removeAttribute("aria-label")
    })
    question.querySelector(".ckb-question__result").textContent = ""
    const answerBlock = question.querySelector(".ckb-answer")
    if (answerBlock) answerBlock.open = false
  }

  function resetAnswer(question) {
    question.querySelector(".ckb-question__form").reset()
    const list = question.querySelector(".ckb-order")
    if (list) list.append(...[...list.children].sort((a, b) => a.dataset.item - b.dataset.item))
    clearMarks(question)
  }

  function lock(question, locked) {
    question.querySelector(".ckb-question__fieldset").disabled = locked
    const submit = question.querySelector(".ckb-question__submit")
    if (submit) submit.hidden = locked
  }

  /* Ordering: buttons move an item up or down, by keyboard or touch */
  function enableOrdering(question) {
    const list = question.querySelector(".ckb-order")
    if (!list) return
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

  /* --- Shuffling: options in an order of their own for each attempt ------------ */

  /* A small seeded generator (mulberry32): the same seed, the same order */
  function random(seed) {
    let state = seed >>> 0
    return () => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  const hash = text => [...text].reduce((value, char) => (Math.imul(value, 31) + char.charCodeAt(0)) >>> 0, 7)

  /* Tests may fix the seed: window.ckbSeed */
  const newSeed = () => Number.isInteger(window.ckbSeed) ? window.ckbSeed : Math.floor(Math.random() * 2 ** 31)

  function shuffle(question, seed) {
    const list = question.querySelector(".ckb-question__options[data-shuffle]")
    if (!list) return
    question.dataset.seed = seed  // for the order after printing
    const items = [...list.children].sort((a, b) => optionIndex(a) - optionIndex(b))
    const next = random(seed ^ hash(question.dataset.question))
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]]
    }
    list.append(...items)
    relabel(question)
  }

  const optionIndex = option => Number(option.querySelector(".ckb-option__input").value)

  /* Letters follow the order shown, in the options and in the answer block */
  function relabel(question) {
    options(question).forEach((option, position) => {
      option.querySelector(".ckb-option__letter").textContent = letters()[position]
    })
    question.querySelectorAll(".ckb-letter[data-option]").forEach(letter => {
      letter.textContent = letterOf(question, Number(letter.dataset.option))
    })
    const key = [...question.querySelectorAll(".ckb-answer__key .ckb-letter")]  // 正确答案：A、C in order
    const sorted = key.map(letter => [letter.textContent, letter.dataset.option]).sort()
    key.forEach((letter, index) => {
      [letter.textContent, letter.dataset.option] = sorted[index]
    })
    const feedback = question.querySelector(".ckb-answer__feedback")
    if (feedback)
      feedback.append(...[...feedback.children].sort((a, b) =>
        letterOf(question, Number(a.dataset.option)).localeCompare(letterOf(question, Number(b.dataset.option)))))
  }

  /* Print shows the source order, as the worksheet and the answer key do */
  function inSourceOrder(question) {
    const list = question.querySelector(".ckb-question__options[data-shuffle]")
    list.append(...[...list.children].sort((a, b) => optionIndex(a) - optionIndex(b)))
    relabel(question)
  }

  const shuffledQuestions = () => document.querySelectorAll(".ckb-question[data-seed]")
  window.addEventListener("beforeprint", () => shuffledQuestions().forEach(inSourceOrder))
  window.addEventListener("afterprint", () =>
    shuffledQuestions().forEach(question => shuffle(question, Number(question.dataset.seed))))

  /* --- Records: versioned, checked on read ------------------------------------- */

  const isObject = value => ckb.memory.isObject(value)
  let store = null
  const records = () => store || (store = ckb.memory.store(ckb.config.memory.quiz, RECORD_VERSION, checkRecord))

  const isScore = value => isObject(value) && Number.isInteger(value.score)
    && Number.isInteger(value.total) && value.total > 0 && value.score >= 0 && value.score <= value.total

  /* A stored record as this version reads it (records.read gives it one of this
     version or of none): checked field by field; an older format (version 1,
     without `version`) keeps its scores and starts a new attempt */
  function checkRecord(stored) {
    const scores = {
      first: isScore(stored.first) ? stored.first : null,
      last: isScore(stored.last) ? stored.last : null,
      best: isScore(stored.best) ? stored.best : null,
    }
    if (stored.version === undefined)
      return { ...emptyRecord(), ...scores, first: scores.first || scores.best }
    if (!isObject(stored.answers)) return null
    const answers = Object.fromEntries(Object.entries(stored.answers).filter(([, saved]) =>
      isObject(saved) && typeof saved.version === "string" && Array.isArray(saved.answer)
      && (saved.correct === undefined || typeof saved.correct === "boolean")))
    return {
      ...emptyRecord(),
      ...scores,
      attempt: Number.isInteger(stored.attempt) && stored.attempt > 0 ? stored.attempt : 1,
      seed: Number.isInteger(stored.seed) ? stored.seed : newSeed(),
      answers,
      flags: Array.isArray(stored.flags) ? stored.flags.filter(id => typeof id === "string") : [],
      submitted: stored.submitted === true,
      scored: stored.scored === true,
    }
  }

  const emptyRecord = () => ({
    attempt: 1, seed: newSeed(), answers: {}, flags: [], submitted: false,
    scored: false, first: null, last: null, best: null,
  })

  /* The record of a quiz, keeping only answers to the questions as they are now */
  function loadRecord(quizId, questions) {
    const record = records().read(quizId) || emptyRecord()
    const byId = new Map(questions.map(question => [question.dataset.question, question]))
    record.answers = Object.fromEntries(Object.entries(record.answers).filter(([id, saved]) =>
      byId.has(id) && byId.get(id).dataset.version === saved.version && kindOf(byId.get(id)).valid(saved.answer)))
    record.flags = record.flags.filter(id => byId.has(id))
    return record
  }

  function score(record, questions) {
    const answered = questions.filter(q => record.answers[q.dataset.question])
    const right = answered.filter(q => record.answers[q.dataset.question].correct)
    return { done: answered.length === questions.length, score: right.length, total: questions.length }
  }

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
    records().write(quiz.dataset.quiz, record)
  }

  /* 重做: a new attempt of the whole quiz, kept at once */
  function newAttempt(quiz, record) {
    const next = { ...record, attempt: record.attempt + 1, seed: newSeed(), answers: {}, flags: [], submitted: false, scored: false }
    records().write(quiz.dataset.quiz, next)
    return next
  }

  /* A question as the attempt left it: its options in the attempt's order and the
     answer saved, if any (returned) */
  function setOut(question, record) {
    shuffle(question, record.seed)
    const saved = record.answers[question.dataset.question]
    if (saved) kindOf(question).restore(question, saved.answer)
    return saved
  }

  /* An answer in the source's terms (see the header), whatever order was shown */
  function responseOf(question, answer) {
    if (question.dataset.type === "fill_blank") return answer.join("|")
    if (question.dataset.type === "ordering") {
      const items = [...question.querySelectorAll(".ckb-order__item")]
      return answer.map(place => items.find(item => Number(item.dataset.item) === place)?.dataset.rank).join(",")
    }
    return [...answer].sort((a, b) => a - b).join(",")
  }

  function dispatchSubmitted(quiz, question, record) {
    const saved = record.answers[question.dataset.question]
    ckb.emit(question, "quiz:submitted", { quizId: quiz.dataset.quiz, questionId: question.dataset.question, correct: saved.correct })
    ckb.emit(question, "ckb:answered", {
      quiz: quiz.dataset.quiz, mode: quiz.dataset.mode || "practice", question: question.dataset.question,
      name: question.querySelector(".ckb-question__name")?.textContent.trim() || question.dataset.question,
      type: question.dataset.type, chapter: question.dataset.chapter || quiz.dataset.title, attempt: record.attempt,
      response: responseOf(question, saved.answer), correct: saved.correct,
    })
  }

  function dispatchCompleted(quiz, record, questions) {
    const result = score(record, questions)
    if (!result.done) return
    ckb.emit(quiz, "ckb:quiz-completed", { quiz: quiz.dataset.quiz, title: quiz.dataset.title, mode: quiz.dataset.mode || "practice",
      attempt: record.attempt, score: result.score, total: result.total })
  }

  /* --- A chapter quiz, in attempts ----------------------------------------------- */

  function mountPractice(quiz) {
    const questions = questionsOf(quiz)
    let record = loadRecord(quiz.dataset.quiz, questions)
    const summary = quiz.querySelector(".ckb-quiz__summary")

    const showScore = () => {
      const result = score(record, questions)
      summary.hidden = !result.done
      summary.querySelector(".ckb-quiz__score").textContent =
        result.done ? `本章测验第 ${record.attempt} 次完成：答对 ${result.score} / ${result.total}` : ""
    }

    const start = () => {
      for (const question of questions) {
        resetAnswer(question)
        const saved = setOut(question, record)
        if (saved) showResult(question, saved.answer, kindOf(question).grade(question, saved.answer))
        else holdAnswer(question)
        lock(question, Boolean(saved))
      }
      showScore()
    }

    for (const question of questions) {
      question.addEventListener("input", () => {
        if (!question.querySelector(".ckb-question__fieldset").disabled) announce(question, "")
      })
      question.querySelector(".ckb-question__form").addEventListener("submit", event => {
        event.preventDefault()
        if (record.answers[question.dataset.question]) return  // the first answer counts
        const kind = kindOf(question)
        const answer = kind.answer(question)
        if (!kind.answered(answer))
          return announce(question, "请先作答，再提交。")
        const result = kind.grade(question, answer)
        record.answers[question.dataset.question] = { version: question.dataset.version, answer, correct: result.correct }
        showResult(question, answer, result)
        lock(question, true)
        remember(quiz, record, questions)
        showScore()
        markCompletedChapters()
        dispatchSubmitted(quiz, question, record)
        dispatchCompleted(quiz, record, questions)
      })
    }

    summary.querySelector(".ckb-quiz__retry").addEventListener("click", () => {
      record = newAttempt(quiz, record)
      start()
      quiz.querySelector("input, .ckb-order__move").focus()
    })
    start()
  }

  /* --- The exam: no key in the page until 交卷 --------------------------------- */

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
  function applyKey(question, key) {
    options(question).forEach(option => {
      const index = optionIndex(option)
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
    relabel(question)
  }

  /* 通过 or 未通过 against the pass mark, and the mark itself: whole numbers only
     (score × 100 ≥ mark × total), so 32 / 40 at 80 % passes exactly */
  function examVerdict(result) {
    const mark = Number(ckb.config.exam?.passPercent)
    if (!Number.isInteger(mark) || !result.total) return null
    const passed = result.score * 100 >= mark * result.total
    const needed = Math.ceil(mark * result.total / 100)
    return { passed, mark, needed, percent: Math.floor(result.score * 100 / result.total) }
  }

  function showVerdict(element, result) {
    const verdict = examVerdict(result)
    element.hidden = !verdict
    if (!verdict) return
    element.classList.toggle("ckb-exam__verdict--passed", verdict.passed)
    element.classList.toggle("ckb-exam__verdict--failed", !verdict.passed)
    element.textContent = `${verdict.passed ? "✔ 通过" : "✘ 未通过"}：答对 ${verdict.percent}%，` +
      `及格线 ${verdict.mark}%（${result.total} 题至少答对 ${verdict.needed} 题）。`
  }

  function mountExam(quiz) {
    const questions = questionsOf(quiz)
    let record = loadRecord(quiz.dataset.quiz, questions)
    const panel = quiz.querySelector(".ckb-exam__panel")
    const sheet = quiz.querySelector(".ckb-exam__sheet")
    const status = quiz.querySelector(".ckb-exam__status")
    const submit = quiz.querySelector(".ckb-exam__submit")
    const entry = id => quiz.querySelector(`.ckb-exam__entry[data-question="${id}"]`)
    const isAnswered = question => question.dataset.touched && kindOf(question).answered(kindOf(question).answer(question))
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
        [q.dataset.question, { version: q.dataset.version, answer: kindOf(q).answer(q) }]))
      remember(quiz, record, questions)
    }

    const showSheet = key => {
      record.submitted = true
      for (const question of questions) {
        applyKey(question, key[question.dataset.question])
        const answer = kindOf(question).answer(question)
        const result = kindOf(question).grade(question, answer)
        record.answers[question.dataset.question] = { version: question.dataset.version, answer, correct: result.correct }
        lock(question, true)
        question.querySelector(".ckb-question__actions").hidden = true
        showResult(question, answer, result)
      }
      remember(quiz, record, questions)
      const result = score(record, questions)
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
          questions.forEach(question => dispatchSubmitted(quiz, question, record))
          dispatchCompleted(quiz, record, questions)
          markCompletedChapters()
          sheet.querySelector(".ckb-exam__heading").focus()
        }
      } catch {
        status.textContent = "✘ 答案没有加载成功，请检查网络后再点一次“交卷”。"
      }
    }

    for (const question of questions) {
      if (setOut(question, record)) question.dataset.touched = "true"
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
      record = newAttempt(quiz, record)
      questions.forEach(question => {
        resetAnswer(question)
        lock(question, false)
        question.querySelector(".ckb-question__actions").hidden = false
        delete question.dataset.touched
        shuffle(question, record.seed)
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
  }

  /* The questions of a quiz, their buttons shown */
  function questionsOf(quiz) {
    const questions = [...quiz.querySelectorAll(".ckb-question")]
    for (const question of questions) {
      question.querySelector(".ckb-question__actions").hidden = false
      enableOrdering(question)
    }
    return questions
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
      const done = id && records().read(id)?.last
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

  /* For 我的进度: a quiz's record as this version reads it, and forgetting it; the
     exam's 通过 / 未通过 for a score */
  ckb.quizRecords = { read: id => records().read(id), forget: id => records().forget(id), examVerdict }

  ckb.component("quiz", { mount: mountPractice })
  ckb.component("exam", { mount: mountExam })
  ckb.component("chapter-marks", { mount: markCompletedChapters })
  document.addEventListener("ckb:progress-cleared", markCompletedChapters)
})()
