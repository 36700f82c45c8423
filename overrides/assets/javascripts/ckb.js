/* 柜面投诉应对: the one namespace of the site's scripts, `ckb`.
 *
 * The shape of Material's own components (components/<x>/index.ts, mounted on
 * `[data-md-component=x]`), without a build step:
 *
 * - `ckb.config`: the contracts shared with Python (macros/contracts.py
 *   `js_config`: anchor prefixes, memory keys, option letters, labels, endings,
 *   the exam's pass mark),
 *   read from the page's JSON block `#ckb-config`, as Material reads `#__config`;
 * - `ckb.component(name, { mount(element) })`: a component is mounted on each
 *   element whose `data-ckb` names it (several space-separated names allowed),
 *   once per element, from the one `document$` subscription of the site, below,
 *   after every page load and instant navigation. A component that throws is
 *   logged and the others still mount;
 * - `ckb.emit(target, type, detail)`: a bubbling CustomEvent (`ckb:*`);
 * - `ckb.element(tag, className, text)`: a new element, text set as textContent;
 * - `ckb.replaceAddress(parameters, hash)`: set the address's parameters (an
 *   empty value deletes one) and, if given, its hash, without a history entry.
 *
 * The other scripts add to the namespace: `ckb.memory` (memory.js), `ckb.query`
 * and `ckb.queryData` (ckb-query.js, ckb-query-data.js), `ckb.quizRecord`
 * (quiz.js), `ckb.examKey` (exam-key.js, loaded by quiz.js after 交卷). No
 * other name is added to the page (tests may set `window.ckbSeed`).
 *
 * Two kinds of behaviour, so that the order of the scripts does not matter:
 * - what belongs to an element is a component, mounted on that element. What
 *   belongs to a whole page (print addresses, chapter marks in the nav, section
 *   投影, cards visited) mounts on the page's content, which main.html marks
 *   with `data-ckb` (Material replaces it at every instant navigation);
 * - listeners of the window or document (keys, print, hash changes) are added
 *   once when their script loads, and act on the page as it is when they fire.
 * Scripts touch each other's parts of `ckb` only when mounting, after every
 * script has loaded; so main.html needs ckb.js first, and no other order.
 *
 * A classic script, not a module: the offline copy opens from file://, where
 * browsers refuse module scripts. It runs after Material's bundle (`document$`).
 */
var ckb = (() => {
  "use strict"

  const readConfig = () => {
    try {
      return JSON.parse(document.getElementById("ckb-config").textContent)
    } catch {
      return {}
    }
  }

  const components = new Map()
  const mounted = new WeakMap()  // element -> names of the components mounted on it
  let started = false

  const mountAll = () => {
    for (const element of document.querySelectorAll("[data-ckb]")) {
      const done = mounted.get(element) || new Set()
      mounted.set(element, done)
      for (const name of element.dataset.ckb.split(/\s+/)) {
        const component = components.get(name)
        if (!component || done.has(name)) continue
        done.add(name)
        try {
          component.mount(element)
        } catch (error) {
          console.error(`ckb: ${name} failed to mount`, error)  // one component's fault stays its own
        }
      }
    }
  }

  /* Material's toast (its clipboard's 已复制) is read out by screen readers too */
  document.querySelector("[data-md-component=dialog] .md-dialog__inner")?.setAttribute("role", "status")

  /* After every script of the page has registered its components */
  document.addEventListener("DOMContentLoaded", () => {
    started = true
    document$.subscribe(mountAll)
  })

  return {
    config: readConfig(),
    component(name, component) {
      components.set(name, component)
      if (started) mountAll()  // a script loaded late still mounts on the page
    },
    emit(target, type, detail) {
      target.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }))
    },
    element(tag, className, text) {
      const made = document.createElement(tag)
      if (className) made.className = className
      if (text !== undefined) made.textContent = text
      return made
    },
    replaceAddress(parameters, hash) {
      const url = new URL(location.href)
      for (const [name, value] of Object.entries(parameters))
        value ? url.searchParams.set(name, value) : url.searchParams.delete(name)
      if (hash) url.hash = hash
      if (url.href !== location.href) history.replaceState(history.state, "", url)
    },
  }
})()
