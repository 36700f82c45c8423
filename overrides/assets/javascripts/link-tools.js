/* 柜面投诉应对: 复制链接 and 投影, for trainers.
 *
 * 复制链接 copies the full address of a card or question (this page, its anchor).
 * 投影 shows a card, a question or any section with a heading large and alone, for a
 * projector: the text keeps its projected size where it fits the screen, shrinks
 * (never below a readable minimum, a 30th of the screen's height) where it does not,
 * and a block too long even then is shown in parts. → / PageDown show the next part,
 * then the next block; ← / PageUp go back; Esc leaves. A bar at the foot counts the
 * blocks (3 / 11) and names the keys. A heading with nothing of its own (本章测验 over
 * its questions, a page's title over its sections) has no screen: it projects what
 * follows it. The address
 * ?projection=<anchor> opens a page
 * straight in projection; the 培训师指南's 展示 links (data-projection) lead there.
 *
 * Components: `link-tools` on a card's or question's buttons (link-tools.html);
 * `projection-link` on a 展示 link (session-plan.html, run-sheet.html);
 * `projection` on every page (main.html): a 投影 beside each other heading, and
 * ?projection= opened. 复制链接 is Material's clipboard (`data-clipboard-text`,
 * its toast 已复制). In the SCORM package (`ckb.config.lms`) none of them is shown.
 */
(() => {
  "use strict"

  const PARAMETER = "projection"
  const BLOCKS = ".ckb-card, .ckb-question"
  // Projected where they are (they keep working): cards, questions and role-play scenarios.
  const IN_PLACE = ".ckb-card, .ckb-question, .ckb-scenario"
  const HEADINGS = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"
  const STEPS = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }
  const HINT = "→ / PageDown 下一屏　← / PageUp 上一屏　Esc 退出"
  const NOT_PROJECTED = ".ckb-qr, .ckb-tools, .ckb-section-tools, script, [hidden]"
  // A part never ends on one of these: a label or heading stays with what it names.
  const KEEP_WITH_NEXT = "dt, h1, h2, h3, h4, h5, h6, legend, summary, .ckb-card__label"
  const OFF = "ckb-projection__off"

  function linkTo(anchor) {
    const url = new URL(location.href)
    url.search = ""
    url.hash = anchor
    return url.href
  }

  function projectionAddress(href, anchor) {
    const url = new URL(href, location.href)
    url.searchParams.set(PARAMETER, anchor)
    url.hash = anchor
    return url.href
  }

  const setAddress = anchor => ckb.replaceAddress({ [PARAMETER]: anchor }, anchor)

  /* --- What can be projected ---------------------------------------------- */

  /* The content of a section: what follows its heading, up to the next heading
     (or anything holding one, such as a card or a quiz). */
  function sectionContent(heading) {
    const content = []
    for (let node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.matches("h1, h2, h3, h4, h5, h6") || node.querySelector("h1, h2, h3, h4, h5, h6")) break
      if (!node.matches(NOT_PROJECTED)) content.push(node)
    }
    return content
  }

  /* A heading with nothing of its own before the next heading (本章测验 over its
     questions, a page's title over its sections): a screen of its own would show
     the heading alone, so it has none, and projecting it shows what follows it. */
  const titleOnly = heading => sectionContent(heading).length === 0

  /* Every block and section of the page, in reading order: { anchor, block } for a
     card or question, { anchor, heading, title } for any other section with a
     heading (`title`: a heading alone, see titleOnly). */
  function everything() {
    const article = document.querySelector("article")
    if (!article) return []
    const found = []
    for (const heading of article.querySelectorAll(HEADINGS)) {
      if (heading.closest(".ckb-projection--section, .ckb-phrasebook, .ckb-visually-hidden")) continue
      if (heading.matches(".ckb-visually-hidden")) continue
      const block = heading.closest(IN_PLACE)
      if (block) {
        if (block.querySelector(HEADINGS) === heading) found.push({ anchor: heading.id, block })
      } else {
        found.push({ anchor: heading.id, heading, title: titleOnly(heading) })
      }
    }
    return found
  }

  /* What projection steps through: everything but headings alone */
  function projectables() {
    return everything().filter(item => !item.title)
  }

  /* The item of an anchor; a heading alone gives what follows it */
  function find(anchor) {
    const all = everything()
    const at = all.findIndex(item => item.anchor === anchor)
    return at < 0 ? undefined : all.slice(at).find(item => !item.title)
  }

  /* --- Projection ---------------------------------------------------------- */

  // While projecting: { item, stage, bar, opener, onKey, onResize, parts, part }
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
    const onKey = event => {
      if (event.key === "Escape") leaveProjection()
      else if (STEPS[event.key] && !event.target.closest("input, textarea, select")) {
        event.preventDefault()
        step(STEPS[event.key])
      }
    }
    const onResize = () => layout({ keep: true })
    const onChange = event => requestAnimationFrame(() =>
      projection && layout({ keep: true, focus: event.type === "toggle" && event.target.open ? event.target : null }))
    document.addEventListener("keydown", onKey)
    window.addEventListener("resize", onResize)
    stage.addEventListener("toggle", onChange, true)
    stage.addEventListener("submit", onChange)
    stage.addEventListener("click", onChange)
    document.documentElement.classList.add("ckb-projecting")
    stage.classList.add("ckb-projection")
    stage.setAttribute("tabindex", "-1")
    stage.append(bar)
    const all = projectables()
    projection = { item, stage, bar, opener, onKey, onResize, onChange, parts: [], part: 0,
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
    const { item, stage, bar, opener, onKey, onResize, onChange } = projection
    projection = null
    document.removeEventListener("keydown", onKey)
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

  /* --- Buttons ----------------------------------------------------------- */

  function mountTools(tools) {
    if (ckb.config.lms) return  // the SCORM package: no trainers in an LMS, the buttons stay hidden
    const block = tools.closest(BLOCKS)
    block.dataset.anchor = tools.dataset.anchor
    tools.hidden = false
    const copy = tools.querySelector(".ckb-tools__copy")
    copy.hidden = location.protocol === "file:"  // an address on this disk means nothing to anyone else
    copy.addEventListener("click", () => {
      copy.dataset.clipboardText = linkTo(tools.dataset.anchor)  // before Material's clipboard reads it
    })
    const projector = tools.querySelector(".ckb-tools__project")
    projector.addEventListener("click", () => project(find(block.dataset.anchor), projector))
    const more = tools.querySelector(".ckb-tools__more")  // shown on phones only (ckb.css)
    more.addEventListener("click", () =>
      more.setAttribute("aria-expanded", String(more.getAttribute("aria-expanded") !== "true")))
  }

  /* A small 投影 beside every heading that is not a card's, a question's or a scenario's
     (screens wider than a phone, ckb.css); those have their own buttons or are reached
     with → from the page's title. */
  function addSectionButton(item) {
    if (item.heading.querySelector(".ckb-section-tools")) return
    const button = ckb.element("button", "ckb-section-tools", "投影")
    button.type = "button"
    button.setAttribute("aria-label", `投影：${item.heading.textContent.replace("¶", "").trim()}`)
    button.addEventListener("click", () => {
      const target = find(item.anchor)
      if (target) project(target, button)
    })
    item.heading.append(button)
  }

  /* A new page: the previous page's projection ends; the page's sections get 投影 */
  function mountPage() {
    if (ckb.config.lms) return  // the SCORM package: no 投影 beside headings either
    if (projection) {  // instant navigation left the previous page while projecting
      document.removeEventListener("keydown", projection.onKey)
      window.removeEventListener("resize", projection.onResize)
      projection = null
    }
    document.documentElement.classList.remove("ckb-projecting")
    everything().filter(item => item.heading).forEach(addSectionButton)
    const anchor = new URL(location.href).searchParams.get(PARAMETER)
    const target = anchor && find(anchor)
    // once the page's other components (its cards' and questions' buttons) are mounted too
    if (target) queueMicrotask(() => project(target, target.block?.querySelector(".ckb-tools__project") ?? null))
  }

  ckb.component("link-tools", { mount: mountTools })
  ckb.component("projection-link", { mount: link => { link.href = projectionAddress(link.href, link.dataset.projection) } })
  ckb.component("projection", { mount: mountPage })
})()
