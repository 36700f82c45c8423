/* 柜面投诉应对: what a printed handout says about itself and where its links lead.
 *
 * Each link of the page's text to another page gets its full address in
 * data-print-href, which ckb.css prints after the link text, but only where a
 * reader of the paper could open it: not a loopback address (127.0.0.1,
 * localhost) nor a file on this computer. Links within the page and the
 * buttons of the theme are left alone.
 *
 * The running head and foot of every printed page (ckb.css, @page) read the
 * course name, the page's title and the print date from custom properties set here.
 *
 * Both are written as printing starts (Material's print$: the browser's beforeprint,
 * or a page opened as print), for the page shown then, and not before: setting them
 * on every page load made the browser work out the whole page's style again, which
 * a slow phone felt, for a page that is seldom printed.
 */
(() => {
  "use strict"

  const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i

  function reachable(url) {
    return (url.protocol === "http:" || url.protocol === "https:") && !LOOPBACK.test(url.hostname) &&
      !url.hostname.endsWith(".localhost")
  }

  /* A string for CSS `content`, quoted and escaped. */
  function cssString(text) {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\s+/g, " ").trim()}"`
  }

  function setRunningHead() {
    const root = document.documentElement.style
    const course = document.querySelector(".md-header__topic .md-ellipsis")?.textContent.trim()
    const heading = document.querySelector("article h1")?.cloneNode(true)
    heading?.querySelectorAll(".headerlink, button").forEach(element => element.remove())
    const title = heading ? heading.textContent.trim() : document.title
    if (course) root.setProperty("--ckb-print-course", cssString(course))
    root.setProperty("--ckb-print-title", cssString(title))
    root.setProperty("--ckb-print-date", cssString(`打印于 ${ckb.today()}`))
  }

  function markLinks() {
    const here = location.href.split("#")[0]
    for (const link of document.querySelectorAll("article a[href]:not(.headerlink):not(.md-button)")) {
      const target = new URL(link.href)
      if (link.href.split("#")[0] !== here && reachable(target))
        link.dataset.printHref = decodeURI(link.href)
      else
        delete link.dataset.printHref
    }
  }

  ckb.onPrint(printing => {
    if (!printing) return
    markLinks()
    setRunningHead()
  })
})()
