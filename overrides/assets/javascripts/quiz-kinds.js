/* 柜面投诉应对: the questions of quizzes and of the exam — reading, grading and
 * showing an answer of each kind, shuffling, and the learning events.
 *
 * Shared by quiz.js (chapter quizzes) and exam.js (综合测验) as `ckb.quizKinds`:
 * - each kind (choice: single, multiple, true/false; fill_blank; ordering) reads,
 *   grades, shows and restores its answer; `valid` checks a remembered one;
 * - choice options are shuffled per attempt (true/false keeps 正确 / 错误), letters
 *   following the order shown; print shows the source order (Material's print$);
 * - the learning events, on document, for records elsewhere (SCORM, xAPI), by the
 *   names of ckb.config.events:
 *   answered       {quiz, mode, question, name, type, chapter, attempt, response, correct}
 *                  once per question per attempt (the exam: each question at 交卷);
 *   quizCompleted  {quiz, title, mode, attempt, score, total}
 *                  when every question of an attempt is answered (the exam: at 交卷);
 *   `response` is in the source's terms, the same whatever order was shown:
 *   choice "0,2" (option indexes), fill_blank the texts joined by "|",
 *   ordering "2,0,1" (the items' source ranks in the order given);
 *   submitted      {quizId, questionId, correct}, for an intranet collecting results.
 * Option letters and the question anchor prefix come from ckb.config.
 */
(() => {
  "use strict"
  /* In both ckb-quiz.js and ckb-exam.js (contracts.py BUNDLES): a page reached from a chapter
     by instant navigation runs it again; the first copy stays */
  if (ckb.quizKinds) return

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

  function shuffle(question, seed) {
    const list = question.querySelector(".ckb-question__options[data-shuffle]")
    if (!list) return
    question.dataset.seed = seed  // for the order after printing
    const items = [...list.children].sort((a, b) => optionIndex(a) - optionIndex(b))
    const next = ckb.random(seed ^ ckb.hash(question.dataset.question))
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
    // by letter, compared as plain strings: localeCompare would load the browser's collation data,
    // a tenth of a second on a slow phone, for the letters A–J
    const byLetter = (a, b) => {
      const [x, y] = [a, b].map(item => letterOf(question, Number(item.dataset.option)))
      return x < y ? -1 : x > y ? 1 : 0
    }
    if (feedback) feedback.append(...[...feedback.children].sort(byLetter))
  }

  /* Print shows the source order, as the worksheet and the answer key do */
  function inSourceOrder(question) {
    const list = question.querySelector(".ckb-question__options[data-shuffle]")
    list.append(...[...list.children].sort((a, b) => optionIndex(a) - optionIndex(b)))
    relabel(question)
  }

  const shuffledQuestions = () => document.querySelectorAll(".ckb-question[data-seed]")
  ckb.onPrint(printing => shuffledQuestions().forEach(question =>
    printing ? inSourceOrder(question) : shuffle(question, Number(question.dataset.seed))))

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
    ckb.emit(question, ckb.config.events.submitted, { quizId: quiz.dataset.quiz, questionId: question.dataset.question, correct: saved.correct })
    ckb.emit(question, ckb.config.events.answered, {
      quiz: quiz.dataset.quiz, mode: quiz.dataset.mode || "practice", question: question.dataset.question,
      name: question.querySelector(".ckb-question__name")?.textContent.trim() || question.dataset.question,
      type: question.dataset.type, chapter: question.dataset.chapter || quiz.dataset.title, attempt: record.attempt,
      response: responseOf(question, saved.answer), correct: saved.correct,
    })
  }

  function dispatchCompleted(quiz, record, questions) {
    const result = ckb.quizRecords.score(record, questions)
    if (!result.done) return
    ckb.emit(quiz, ckb.config.events.quizCompleted, { quiz: quiz.dataset.quiz, title: quiz.dataset.title, mode: quiz.dataset.mode || "practice",
      attempt: record.attempt, score: result.score, total: result.total })
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

  ckb.quizKinds = {
    kindOf, valid: (question, answer) => kindOf(question).valid(answer), showResult, holdAnswer, resetAnswer,
    lock, announce, shuffle, relabel, optionIndex, options, setOut, dispatchSubmitted, dispatchCompleted, questionsOf,
  }
})()
