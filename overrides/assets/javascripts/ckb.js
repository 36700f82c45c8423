/* 柜面投诉应对: the one namespace of the site's scripts, `ckb`.
 *
 * The shape of Material's own components (components/<x>/index.ts, mounted on
 * `[data-md-component=x]`), without a build step:
 *
 * - `ckb.config`: the contracts shared with Python (macros/contracts.py
 *   `js_config`: anchor prefixes, memory keys and record versions, event names,
 *   labels, endings, the scripts of each component), read from the page's JSON
 *   block `#ckb-config`, as Material reads `#__config`;
 * - `ckb.component(name, { mount(element) })`: a component is mounted on each
 *   element whose `data-ckb` names it (several space-separated names allowed),
 *   once per element, from the one `document$` subscription of the site, below,
 *   after every page load and instant navigation. `mount` may return a cleanup,
 *   run when the element has left the page (the next page change). A component
 *   that throws is logged and the others still mount;
 * - the page's scripts: each page loads the scripts of the components it holds
 *   (main.html); a page reached by instant navigation that holds a component
 *   whose script is not loaded yet gets it here (`ckb.config.scripts`), and
 *   `ckb.use(name)` loads a part on first use (the projection engine), and
 *   `ckb.load(address)` one script (site-root relative), once, as a Promise;
 * - `ckb.onPrint(listener)`, `ckb.onKey(listener)`: Material's `print$` and
 *   `keyboard$`, subscribed (each returns the unsubscribe);
 * - `ckb.today()`: today's date as YYYY-MM-DD, local time (written out by hand:
 *   toLocaleDateString loads the browser's locale data, a tenth of a second on a
 *   slow phone);
 * - `ckb.random(seed)`, `ckb.hash(text)`, `ckb.seed()`: one seeded generator and
 *   one string hash for shuffling (tests fix the seed with `window.ckbSeed`);
 * - `ckb.emit(target, type, detail)`: a bubbling CustomEvent (`ckb:*`, the names
 *   in `ckb.config.events`);
 * - `ckb.element(tag, className, text)`: a new element, text set as textContent;
 * - `ckb.replaceAddress(parameters, hash)`: set the address's parameters (an
 *   empty value deletes one) and, if given, its hash, without a history entry.
 *
 * The other scripts add to the namespace (ckb.memory, ckb.query, ckb.quizRecords …);
 * no other name is added to the page (tests may set `window.ckbSeed`). Scripts touch
 * each other's parts of `ckb` only when mounting, after every script has loaded; so
 * main.html needs ckb.js first, and no other order.
 *
 * A classic script, not a module: the offline copy opens from file://, where
 * browsers refuse module scripts. It runs after Material's bundle (`document$`).
 */
var ckb = (() => {
  "use strict"

  const readJSON = id => {
    try {
      return JSON.parse(document.getElementById(id).textContent)
    } catch {
      return {}
    }
  }
  const config = readJSON("ckb-config")
  /* The site's root, as an absolute address: Material's base is relative to the first page */
  const root = new URL(readJSON("__config").base || ".", location.href)

  const components = new Map()
  const mounted = new WeakMap()  // element -> names of the components mounted on it
  const cleanups = []            // [element, cleanup]: run once the element has left the page
  let started = false

  /* --- Scripts: those of a page's components, and parts loaded on first use ------------ */

  const loaded = new Map()  // address -> Promise
  const absolute = path => new URL(path, root).href
  for (const script of document.querySelectorAll("script[src]")) loaded.set(script.src, Promise.resolve())

  function load(path) {
    const url = absolute(path)
    if (!loaded.has(url)) {
      loaded.set(url, new Promise((resolve, reject) => {
        const css = url.split(/[?#]/)[0].endsWith(".css")
        const element = document.createElement(css ? "link" : "script")
        if (css) Object.assign(element, { rel: "stylesheet", href: url })
        else Object.assign(element, { src: url, async: false })  // in order, after those before it
        element.onload = resolve
        element.onerror = () => reject(new Error(`ckb: ${path} did not load`))
        document.head.append(element)
      }))
    }
    return loaded.get(url)
  }
  const loadAll = paths => Promise.all((paths || []).map(load))

  /* The scripts of the components on this page that none has registered yet */
  function scriptsMissing() {
    const names = new Set([...document.querySelectorAll("[data-ckb]")].flatMap(element => element.dataset.ckb.split(/\s+/)))
    return [...names].filter(name => !components.has(name)).flatMap(name => config.scripts?.components?.[name] || [])
  }

  /* --- Mounting ---------------------------------------------------------------------- */

  const mountAll = () => {
    for (let index = cleanups.length - 1; index >= 0; index--) {
      const [element, cleanup] = cleanups[index]
      if (element.isConnected) continue
      cleanups.splice(index, 1)
      try {
        cleanup()
      } catch (error) {
        console.error("ckb: a cleanup failed", error)
      }
    }
    for (const element of document.querySelectorAll("[data-ckb]")) {
      const done = mounted.get(element) || new Set()
      mounted.set(element, done)
      for (const name of element.dataset.ckb.split(/\s+/)) {
        const component = components.get(name)
        if (!component || done.has(name)) continue
        done.add(name)
        try {
          const cleanup = component.mount(element)
          if (typeof cleanup === "function") cleanups.push([element, cleanup])
        } catch (error) {
          console.error(`ckb: ${name} failed to mount`, error)  // one component's fault stays its own
        }
      }
    }
  }

  /* A new page: its components' scripts, then every component mounted */
  const pageChanged = () => {
    const missing = scriptsMissing()
    if (!missing.length) return mountAll()
    loadAll(missing).then(mountAll, error => {
      console.error(error)
      mountAll()
    })
  }

  /* Material's toast (its clipboard's 已复制) is read out by screen readers too */
  document.querySelector("[data-md-component=dialog] .md-dialog__inner")?.setAttribute("role", "status")

  /* After every script of the page has registered its components */
  document.addEventListener("DOMContentLoaded", () => {
    started = true
    document$.subscribe(pageChanged)
  })

  /* --- Shared helpers -------------------------------------------------------------- */

  /* A small seeded generator (mulberry32): the same seed, the same sequence in [0, 1) */
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

  return {
    config,
    /* The site's root, absolute: a site-root relative address (ckb.config.pages) is resolved against it */
    root,
    component(name, component) {
      components.set(name, component)
      if (started) mountAll()  // a script loaded late still mounts on the page
    },
    load,
    /* A part loaded on first use (ckb.config.scripts.lazy): its styles and scripts */
    use(name) {
      const part = config.scripts?.lazy?.[name] || {}
      return Promise.all([loadAll(part.css), loadAll(part.js)]).then(() => ckb[name])
    },
    /* Material's print$: true as printing starts, false after (its first false, "not
       printing now", is not passed on) */
    onPrint(listener) {
      if (!window.print$) return () => {}
      let first = true
      const subscription = print$.subscribe(printing => {
        if (!(first && !printing)) listener(printing)
        first = false
      })
      return () => subscription.unsubscribe()
    },
    onKey(listener) {
      if (!window.keyboard$) return () => {}
      const subscription = keyboard$.subscribe(listener)
      return () => subscription.unsubscribe()
    },
    today() {
      const now = new Date()
      return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(part => String(part).padStart(2, "0")).join("-")
    },
    random,
    hash: text => [...String(text)].reduce((value, char) => (Math.imul(value, 31) + char.charCodeAt(0)) >>> 0, 7),
    seed: () => Number.isInteger(window.ckbSeed) ? window.ckbSeed : Math.floor(Math.random() * 2 ** 31),
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
