/* 柜面投诉应对: 复制链接 and 投影 on every card and question, for trainers.
 *
 * 复制链接 copies the full address of the card or question (this page, its
 * anchor). 投影 shows it large and alone, for a projector; Esc leaves, and
 * → / ← (or a presenter's PageDown / PageUp) move to the next or previous one.
 * The address ?projection=<anchor> opens a page straight in projection.
 */
(() => {
  "use strict"

  const PARAMETER = "projection"
  const BLOCKS = ".ckb-card, .ckb-question"
  const STEPS = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }

  function linkTo(anchor) {
    const url = new URL(location.href)
    url.search = ""
    url.hash = anchor
    return url.href
  }

  function setAddress(anchor) {
    const url = new URL(location.href)
    anchor ? url.searchParams.set(PARAMETER, anchor) : url.searchParams.delete(PARAMETER)
    if (anchor) url.hash = anchor
    history.replaceState(history.state, "", url)
  }

  /* --- Projection ---------------------------------------------------------- */

  let projection = null  // { block, opener, exit, onKey } while a block is projected

  function project(block, opener) {
    leaveProjection()
    const exit = document.createElement("button")
    exit.type = "button"
    exit.className = "md-button ckb-projection__exit"
    exit.textContent = "退出投影（Esc）"
    exit.addEventListener("click", leaveProjection)
    const onKey = event => {
      if (event.key === "Escape") leaveProjection()
      else if (STEPS[event.key] && !event.target.closest("input, textarea, select")) {
        event.preventDefault()
        step(STEPS[event.key])
      }
    }
    document.addEventListener("keydown", onKey)
    document.documentElement.classList.add("ckb-projecting")
    block.classList.add("ckb-projection")
    block.setAttribute("tabindex", "-1")
    block.prepend(exit)
    projection = { block, opener, exit, onKey }
    setAddress(block.dataset.anchor)
    block.focus()
  }

  /* The next (1) or previous (-1) card or question of the page, projected in turn */
  function step(direction) {
    const blocks = [...document.querySelectorAll(BLOCKS)].filter(block => block.dataset.anchor)
    const next = blocks[blocks.indexOf(projection.block) + direction]
    if (next) project(next, next.querySelector(".ckb-tools__project"))
  }

  function leaveProjection() {
    if (!projection) return
    const { block, opener, exit, onKey } = projection
    projection = null
    document.removeEventListener("keydown", onKey)
    document.documentElement.classList.remove("ckb-projecting")
    block.classList.remove("ckb-projection")
    block.removeAttribute("tabindex")
    exit.remove()
    setAddress("")
    if (opener) opener.focus()
    block.scrollIntoView({ block: "start" })
  }

  /* --- Buttons ----------------------------------------------------------- */

  function setUp(tools) {
    const block = tools.closest(BLOCKS)
    const status = tools.querySelector(".ckb-tools__status")
    block.dataset.anchor = tools.dataset.anchor
    tools.hidden = false
    const copy = tools.querySelector(".ckb-tools__copy")
    copy.hidden = location.protocol === "file:"  // an address on this disk means nothing to anyone else
    copy.addEventListener("click", async () => {
      const copied = await ckbCopy(linkTo(tools.dataset.anchor))
      status.textContent = copied ? "✔ 已复制链接" : "✘ 无法复制，请从地址栏复制"
      setTimeout(() => { status.textContent = "" }, 4000)
    })
    const projector = tools.querySelector(".ckb-tools__project")
    projector.addEventListener("click", () => project(block, projector))
    const more = tools.querySelector(".ckb-tools__more")  // shown on phones only (ckb.css)
    more.addEventListener("click", () =>
      more.setAttribute("aria-expanded", String(more.getAttribute("aria-expanded") !== "true")))
  }

  document$.subscribe(() => {
    if (projection) {  // instant navigation left the previous page while projecting
      document.removeEventListener("keydown", projection.onKey)
      projection = null
    }
    document.documentElement.classList.remove("ckb-projecting")
    document.querySelectorAll(".ckb-tools").forEach(setUp)
    const anchor = new URL(location.href).searchParams.get(PARAMETER)
    const target = anchor && document.getElementById(anchor)?.closest(BLOCKS)
    if (target) project(target, target.querySelector(".ckb-tools__project"))
  })
})()
