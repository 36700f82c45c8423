/* 柜面投诉应对: on paper a link cannot be clicked, so a handout prints where it leads.
 *
 * Each link of the page's text to another page gets its full address in
 * data-print-href; ckb.css prints it after the link text. Links within the
 * page and the buttons of the theme are left alone.
 */
document$.subscribe(() => {
  const here = location.href.split("#")[0]
  for (const link of document.querySelectorAll("article a[href]:not(.headerlink):not(.md-button)")) {
    const target = link.href
    if (target.split("#")[0] !== here)
      link.dataset.printHref = decodeURI(target)
  }
})
