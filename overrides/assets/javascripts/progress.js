/* 柜面投诉应对: 我的进度 — what this browser remembers of quizzes and scenarios.
 *
 * Rows name their memory key (data-memory) and kind; one button forgets them
 * all and tells the rest of the page (ckb:progress-cleared).
 */
(() => {
  "use strict"

  const FORMAT = {
    quiz: result => result ? `${result.score} / ${result.total}` : "—",
    scenario: ending => ending || "—"
  }

  function setUp(progress) {
    const rows = [...progress.querySelectorAll(".ckb-progress__row")]
    const fill = () => rows.forEach(row => {
      const record = ckbMemory.read(row.dataset.memory)
      row.querySelector(".ckb-progress__last").textContent = FORMAT[row.dataset.kind](record?.last)
      row.querySelector(".ckb-progress__best").textContent = FORMAT[row.dataset.kind](record?.best)
    })
    const actions = progress.querySelector(".ckb-progress__actions")
    actions.hidden = false
    actions.querySelector("button").addEventListener("click", () => {
      rows.forEach(row => ckbMemory.write(row.dataset.memory, null))
      fill()
      document.dispatchEvent(new Event("ckb:progress-cleared"))
      progress.querySelector(".ckb-progress__status").textContent = "已清除本浏览器中的全部进度。"
    })
    fill()
  }

  document$.subscribe(() => document.querySelectorAll(".ckb-progress").forEach(setUp))
})()
