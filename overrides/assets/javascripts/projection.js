/* 柜面投诉应对: 投影, the projection engine, loaded on first use (link-tools.js asks
 * for it with ckb.use("projection"), with its styles, ckb-projection.css).
 *
 * Shows a card, a question or any section with a heading large and alone, for a
 * projector: the text keeps its projected size where it fits the screen, shrinks
 * (never below a readable minimum, a 30th of the screen's height) where it does not,
 * and a block too long even then is shown in parts. → / PageDown show the next part,
 * then the next block; ← / PageUp go back; Esc leaves (Material's keyboard$). A bar
 * at the foot counts the blocks (3 / 11) and names the keys.
 *
 *   ckb.projection.project(item, opener, {lastPart, focus})   item: from ckb.projectionTargets
 *   ckb.projection.leave({restore})                           back to the page (or not, on leaving it)
 */
(() => {
  "use strict"

  const STEPS = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }
  const HINT = "→ / PageDown 下一屏　← / PageUp 上一屏　Esc 退出"
  const NOT_PROJECTED = ".ckb-qr, .ckb-tools, .ckb-section-tools, script, [hidden]"
  // A part never ends on one of these: a label or heading stays with what it names.
  const KEEP_WITH_NEXT = "dt, h1, h2, h3, h4, h5, h6, legend, summary, .ckb-card__label"
  const OFF = "ckb-projection__off"

  /* --- Projection ---------------------------------------------------------- */

  const { everything, projectables, sectionContent, setAddress } = ckb.projectionTargets
  // While projecting: { item, stage, bar, opener, stopKeys, onResize, parts, part }
  let projection = null

  function cloneForProjection(node) {
    const copy = node.cloneNode(true)
    for (const element of [copy, ...copy.querySelectorAll("[id]")]) element.removeAttribute("id")
    copy.querySelectorAll(".headerlink, .ckb-section-tools").forEach(element => element.remove())
    return copy
  }

  function stageFor(item) {
    if (item.block) return item.block
    const stage = document.createElement("div")
    stage.className = "ckb-projection--section"
    stage.append(cloneForProjection(item.heading), ...sectionContent(item.heading).map(cloneForProjection))
    item.heading.closest("article").append(stage)
    return stage
  }

  function makeBar() {
    const bar = document.createElement("div")
    bar.className = "ckb-projection__bar"
    bar.innerHTML =
      '<span class="ckb-projection__counter" role="status"></span>' +
      '<span class="ckb-projection__part"></span>' +
      '<span class="ckb-projection__hint"></span>' +
      '<button type="button" class="md-button ckb-projection__exit">退出投影（Esc）</button>'
    bar.querySelector(".ckb-projection__hint").textContent = HINT
    bar.querySelector("button").addEventListener("click", leaveProjection)
    return bar
  }

  function project(item, opener, { lastPart = false, focus = null } = {}) {
    leaveProjection({ restore: false })
    const stage = stageFor(item)
    const bar = makeBar()
    /* Material's keyboard$: not while typing in a field, nor while its search is open */
    const stopKeys = ckb.onKey(key => {
      if (key.mode !== "global") return
      if (key.type === "Escape") leaveProjection()
      else if (STEPS[key.type]) {
        key.claim()
        step(STEPS[key.type])
      }
    })
    const onResize = () => layout({ keep: true })
    const onChange = event => requestAnimationFrame(() =>
      projection && layout({ keep: true, focus: event.type === "toggle" && event.target.open ? event.target : null }))
    window.addEventListener("resize", onResize)
    stage.addEventListener("toggle", onChange, true)
    stage.addEventListener("submit", onChange)
    stage.addEventListener("click", onChange)
    document.documentElement.classList.add("ckb-projecting")
    stage.classList.add("ckb-projection")
    stage.setAttribute("tabindex", "-1")
    stage.append(bar)
    const all = projectables()
    projection = { item, stage, bar, opener, stopKeys, onResize, onChange, parts: [], part: 0,
                   index: all.findIndex(other => other.anchor === item.anchor), count: all.length }
    setAddress(item.anchor)
    layout({ part: lastPart ? Infinity : 0, focus })
    stage.focus()
  }

  /* The next (1) or previous (-1) part, or else block, of the page */
  function step(direction) {
    const { parts, part, item } = projection
    if (parts.length > 1 && part + direction >= 0 && part + direction < parts.length) {
      projection.part += direction
      show()
      return
    }
    const all = projectables()
    const next = all[all.findIndex(other => other.anchor === item.anchor) + direction]
    if (next) project(next, next.block?.querySelector(".ckb-tools__project"), { lastPart: direction < 0 })
  }

  function leaveProjection({ restore = true } = {}) {
    if (!projection) return
    const { item, stage, bar, opener, stopKeys, onResize, onChange } = projection
    projection = null
    stopKeys()
    window.removeEventListener("resize", onResize)
    stage.removeEventListener("toggle", onChange, true)
    stage.removeEventListener("submit", onChange)
    stage.removeEventListener("click", onChange)
    bar.remove()
    stage.querySelectorAll(`.${OFF}`).forEach(element => element.classList.remove(OFF))
    stage.style.removeProperty("font-size")
    stage.style.removeProperty("--ckb-bar")
    if (item.block) {
      stage.classList.remove("ckb-projection")
      stage.removeAttribute("tabindex")
    } else {
      stage.remove()
    }
    if (!restore) return
    document.documentElement.classList.remove("ckb-projecting")
    setAddress("")
    if (opener) opener.focus()
    ;(item.block || item.heading).scrollIntoView({ block: "start" })
  }

  /* --- Fitting the screen -------------------------------------------------- */

  /* The blocks a part is made of: the stage's children, and the children of any
     child taller than the room (a card's labels and lines, a long list's items). */
  function units(container, room, opened) {
    const found = []
    for (const child of container.children) {
      if (child === projection.bar || child.matches(NOT_PROJECTED)) continue
      if (getComputedStyle(child).display === "none") continue
      const splittable = child.children.length > 0 && !child.matches("p, label, summary, h1, h2, h3, h4, h5, h6") &&
        [...child.childNodes].every(node => node.nodeType !== Node.TEXT_NODE || !node.textContent.trim())
      if (splittable && child.getBoundingClientRect().height > room) {
        if (child.matches("ol")) [...child.children].forEach((li, index) => { li.value = li.value || index + 1 })
        opened.push(child)
        found.push(...units(child, room, opened))
      } else {
        found.push(child)
      }
    }
    return found
  }

  /* Cut the stage's content into parts that fit, at the stage's current font size. */
  function paginate() {
    const { stage } = projection
    stage.querySelectorAll(`.${OFF}`).forEach(element => element.classList.remove(OFF))
    const style = getComputedStyle(stage)
    const height = stage.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
    const head = stage.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)")
    const headHeight = head ? head.getBoundingClientRect().height + parseFloat(getComputedStyle(head).marginBottom) : 0
    const room = height - headHeight
    const opened = []
    const list = units(stage, room, opened).filter(unit => unit !== head)
    const boxes = list.map(unit => unit.getBoundingClientRect())
    const parts = []
    for (let start = 0; start < list.length;) {
      let end = start
      while (end + 1 < list.length && boxes[end + 1].bottom - boxes[start].top <= room) end++
      while (end > start && end + 1 < list.length && list[end].matches(KEEP_WITH_NEXT)) end--
      parts.push(list.slice(start, end + 1))
      start = end + 1
    }
    fitParts(parts, list, opened)
    return { parts: parts.length ? parts : [[]], units: list, opened }
  }

  /* Show only these units (and the containers holding any of them) */
  function reveal(shown, list, opened) {
    for (const unit of list) unit.classList.toggle(OFF, !shown.has(unit))
    for (const container of [...opened].reverse()) {
      const children = [...container.children].filter(child => list.includes(child) || opened.includes(child))
      container.classList.toggle(OFF, children.length > 0 && children.every(child => child.classList.contains(OFF)))
    }
  }

  /* The measured boxes leave out what holds the units (an answer's frame, a list's
     margins): shown alone, a part may still overflow. Such a part gives its last
     units to the next part until it fits (a part of one unit stays as it is). */
  function fitParts(parts, list, opened) {
    const { stage } = projection
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]
      reveal(new Set(part), list, opened)
      while (part.length > 1 && stage.scrollHeight > stage.clientHeight) {
        const moved = [part.pop()]
        while (part.length > 1 && part[part.length - 1].matches(KEEP_WITH_NEXT)) moved.unshift(part.pop())
        if (index + 1 === parts.length) parts.push([])
        parts[index + 1].unshift(...moved)
        reveal(new Set(part), list, opened)
      }
    }
    stage.querySelectorAll(`.${OFF}`).forEach(element => element.classList.remove(OFF))
  }

  function setSize(size) {
    projection.stage.style.fontSize = `${size}px`
  }

  /* The largest size, between the readable minimum and the usual projected size,
     that needs no more parts than the minimum size does. */
  function layout({ keep = false, part = 0, focus = null } = {}) {
    const { stage, bar } = projection
    const current = projection.parts[projection.part]?.[0]
    stage.style.removeProperty("font-size")
    stage.style.setProperty("--ckb-bar", `${bar.offsetHeight}px`)
    const usual = parseFloat(getComputedStyle(stage).fontSize)
    const least = Math.min(usual, Math.max(16, window.innerHeight / 30))
    setSize(least)
    const fewest = paginate().parts.length
    let low = least, high = usual
    setSize(high)
    if (paginate().parts.length > fewest) {
      while (high - low > 0.5) {
        const middle = (low + high) / 2
        setSize(middle)
        if (paginate().parts.length > fewest) high = middle
        else low = middle
      }
      setSize(Math.floor(low * 2) / 2)
    }
    const result = paginate()
    projection.parts = result.parts
    projection.units = result.units
    projection.opened = result.opened
    projection.size = parseFloat(stage.style.fontSize)
    let index = Math.min(part, result.parts.length - 1)
    const anchor = focus || (keep && current)
    if (anchor) {
      const found = result.parts.findIndex(units => units.some(unit => unit === anchor || unit.contains(anchor) ||
        (anchor.contains(unit) && unit !== anchor.querySelector("summary"))))
      if (found >= 0) index = found
      else if (keep) index = Math.min(projection.part, result.parts.length - 1)
    }
    projection.part = index
    show()
  }

  /* Show the current part alone, and shrink it a little if it still overflows. */
  function show() {
    const { stage, bar, parts, part, units, opened, index, count } = projection
    reveal(new Set(parts[part]), units, opened)
    bar.querySelector(".ckb-projection__counter").textContent = `${index + 1} / ${count}`
    bar.querySelector(".ckb-projection__part").textContent =
      parts.length > 1 ? `本块第 ${part + 1} / ${parts.length} 屏${part + 1 < parts.length ? "，→ 看下一屏" : ""}` : ""
    const least = Math.max(16, window.innerHeight / 30)
    let size = projection.size
    setSize(size)
    while (stage.scrollHeight > stage.clientHeight && size > least) {
      size = Math.max(least, size - 1)
      setSize(size)
    }
    stage.scrollTop = 0
  }

  ckb.projection = { project, leave: leaveProjection }
})()
