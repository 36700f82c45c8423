/* 柜面投诉应对: the one namespace of the site's scripts, `ckb`.
 *
 * - `ckb.config`: the contracts shared with Python (macros/contracts.py), read
 *   from the page's JSON block `#ckb-config`, as Material reads `#__config`;
 * - `ckb.component(name, { mount(element) })`: a component is mounted on each
 *   element with `data-ckb="name"` (space-separated names allowed), once per
 *   element, from the one `document$` subscription below, after every page
 *   load and instant navigation;
 * - `ckb.emit(target, type, detail)`: a bubbling CustomEvent (`ckb:*`).
 *
 * A classic script, not a module: the offline copy opens from file://, where
 * browsers refuse module scripts. It runs after Material's bundle, before the
 * components' scripts; `document$` replays the current page to late subscribers.
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
  const mounted = new WeakMap()

  const mountAll = root => {
    for (const element of root.querySelectorAll("[data-ckb]")) {
      const done = mounted.get(element) || new Set()
      for (const name of element.dataset.ckb.split(/\s+/).filter(Boolean)) {
        const component = components.get(name)
        if (!component || done.has(name)) continue
        done.add(name)
        try {
          component.mount(element)
        } catch (error) {
          console.error(`ckb: ${name} failed to mount`, error)  // one component's fault stays its own
        }
      }
      mounted.set(element, done)
    }
  }

  const namespace = {
    config: readConfig(),
    component(name, component) {
      components.set(name, component)
      if (namespace.started) mountAll(document)
    },
    emit(target, type, detail) {
      target.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }))
    },
    started: false,
  }

  /* After the scripts of the page have registered their components */
  document.addEventListener("DOMContentLoaded", () => {
    namespace.started = true
    document$.subscribe(() => {
      namespace.config = readConfig()
      mountAll(document)
    })
  })
  return namespace
})()
