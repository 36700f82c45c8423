/* 柜面投诉应对: 复制链接 and 投影, for trainers.
 *
 * 复制链接 copies the full address of a card or question (this page, its anchor):
 * Material's clipboard (`data-clipboard-text`, its toast 已复制). 投影 shows a card,
 * a question or any section with a heading large and alone (projection.js, loaded
 * on first use). A heading with nothing of its own (本章测验 over its questions, a
 * page's title over its sections) has no screen: it projects what follows it. The
 * address ?projection=<anchor> opens a page straight in projection; the
 * 培训师指南's 展示 links (data-projection) lead there.
 *
 * Components: `link-tools` on a card's or question's buttons (link-tools.html);
 * `projection-link` on a 展示 link (session-plan.html, run-sheet.html);
 * `projection` on every page (main.html): a 投影 beside each other heading, and
 * ?projection= opened. In the SCORM package (`ckb.config.lms`) none of them is shown.
 * `ckb.projectionTargets` tells projection.js what can be projected.
 */
(() => {
  "use strict"

  const PARAMETER = "projection"
  const BLOCKS = ".ckb-card, .ckb-question"
  // Projected where they are (they keep working): cards, questions and role-play scenarios.
  const IN_PLACE = ".ckb-card, .ckb-question, .ckb-scenario"
  const HEADINGS = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"
  const NOT_PROJECTED = ".ckb-qr, .ckb-tools, .ckb-section-tools, script, [hidden]"

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

  /* Project an item, the engine loaded on first use */
  function project(item, opener) {
    if (!item) return
    ckb.use("projection").then(engine => engine.project(item, opener),
                               error => console.error("ckb: projection did not load", error))
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

  /* A new page: its sections get 投影, and ?projection= opens straight in projection;
     when the page is left (instant navigation) while projecting, the projection ends */
  function mountPage() {
    if (ckb.config.lms) return  // the SCORM package: no 投影 beside headings either
    document.documentElement.classList.remove("ckb-projecting")
    everything().filter(item => item.heading).forEach(addSectionButton)
    const anchor = new URL(location.href).searchParams.get(PARAMETER)
    const target = anchor && find(anchor)
    // once the page's other components (its cards' and questions' buttons) are mounted too
    if (target) queueMicrotask(() => project(target, target.block?.querySelector(".ckb-tools__project") ?? null))
    return () => {
      ckb.projection?.leave({ restore: false })
      document.documentElement.classList.remove("ckb-projecting")
    }
  }

  ckb.projectionTargets = { everything, projectables, find, sectionContent, setAddress }
  ckb.component("link-tools", { mount: mountTools })
  ckb.component("projection-link", { mount: link => { link.href = projectionAddress(link.href, link.dataset.projection) } })
  ckb.component("projection", { mount: mountPage })
})()
