/* 柜面投诉应对: 话术速查, the situation finder for the counter.
 *
 * The box reacts to every change of its text (a phone's voice input never
 * presses Enter) and lists the cards and the sections of the course (the 大忌,
 * 投诉的产生 …) that fit, best first: ckb-query.js ranks the documents the build
 * wrote, as site search does. The best card shows open; the others show their
 * title and first line until opened: the page holds only those, and a card's
 * other parts are drawn when it opens, from the body script its `data-body` names
 * (a few cards each, loaded once, as the build wrote them: phrasebook.html). When nothing matches the words themselves,
 * the closest are shown as a guess, and say so; when the query names an
 * emergency, the company's instruction comes first. 常用 and 最近查看 follow a
 * query that matched. A query that found nothing or only a guess is noted
 * (search-gaps.js), so that the content owners learn what staff could not find.
 * The query stays in the address (?filter=…; ?q= is Material's own: it opens
 * site search). Pinned and recent cards stay in this browser (phrasebook-memory.js).
 * The copy buttons are Material's clipboard (`data-clipboard-text`, its toast 已复制).
 * The box is in the page before this script runs: text typed into it then is
 * ranked as soon as the script mounts (and Enter sends it in the address).
 * The list shows a group's first cards; the others wait in <noscript> blocks, which
 * a browser running scripts keeps as text (its parser only scans it, so 2,100 cards
 * load about as quickly as 21), and become cards when a query finds them or 再列出
 * asks for the next block. (Not script data blocks: Material's instant navigation
 * runs every inline script of a page it brings in.) Without this script the page is
 * the list of every card, each linking to its chapter.
 *
 * The component `phrasebook` mounts on the page's list (phrasebook.html).
 */
(() => {
  "use strict"

  const MAX_RESULTS = 20
  const DRAWN_AHEAD = 5  // the results drawn at once (the best is open); the others when opened
  const { remembered, rememberOpened, togglePinned } = ckb.phrasebookMemory

  /* --- Copying, by Material's clipboard ------------------------------------------ */

  const lineText = item => (item.querySelector(".ckb-line__text") || item).textContent.trim()

  function textToCopy(card, kind) {
    if (kind === "link")
      return card.querySelector(".ckb-phrase__home").href
    const body = card.querySelector(".ckb-phrase__body")
    const say = body.querySelectorAll(".ckb-phrase__part--say li")
    const lines = say.length ? say : body.querySelectorAll(".ckb-phrase__part--do li")
    return [...lines].map(lineText).join("\n")
  }

  /* --- A card's body, drawn when it opens ------------------------------------------ */

  const bodies = new Map()  // card id -> its body's HTML, from the body scripts
  ckb.cardBodies = {
    add(entries) {
      for (const [id, html] of Object.entries(entries)) bodies.set(id, html)
    },
  }

  /* Draw the rest of a card (loading its body script the first time); true once drawn */
  function draw(card) {
    const fill = () => {
      if (card.classList.contains("ckb-phrase--drawn")) return true
      const html = bodies.get(card.dataset.card)
      if (html === undefined) return false
      card.querySelector(".ckb-phrase__body").innerHTML = html  // the build's HTML, escaped by its template
      card.querySelector(".ckb-phrase__first").remove()  // the body holds it too
      card.classList.add("ckb-phrase--drawn")
      return true
    }
    if (fill() || !card.dataset.body) return Promise.resolve(card.classList.contains("ckb-phrase--drawn"))
    return ckb.load(card.dataset.body).then(fill, error => {
      console.error(error)  // the card keeps its title, first line and link to its chapter
      return false
    })
  }

  /* --- The list's cards: in the page, or waiting in its <noscript> blocks ---------- */

  /* Every card of the list by its id, made from its <noscript> block when first asked for */
  function cardList(book) {
    const byId = new Map([...book.querySelectorAll(".ckb-phrasebook__group > .ckb-phrase")]
      .map(card => [card.dataset.card, card]))
    const blockOf = new Map()  // a waiting card's id -> its <noscript> block
    const unlisted = new Map()  // a group -> the ids of its blocks not yet in the list, in order
    for (const block of book.querySelectorAll("noscript.ckb-phrasebook__stored")) {
      const ids = block.dataset.cards.split(" ")
      for (const id of ids) blockOf.set(id, block)
      unlisted.set(block.dataset.group, [...(unlisted.get(block.dataset.group) || []), ids])
    }
    const unpack = block => {
      const holder = document.createElement("template")
      /* the build's HTML (escaped by its template), kept as text; a page brought in by
         instant navigation was parsed without scripts, so its blocks hold elements */
      holder.innerHTML = block.firstElementChild ? block.innerHTML : block.textContent
      for (const card of holder.content.querySelectorAll(".ckb-phrase")) {
        card.querySelectorAll(".ckb-phrase__pin, .ckb-phrase__more").forEach(element => { element.hidden = false })
        byId.set(card.dataset.card, card)
        blockOf.delete(card.dataset.card)
      }
      block.remove()
    }
    const get = id => {
      if (blockOf.has(id)) unpack(blockOf.get(id))
      return byId.get(id)
    }
    return {
      get,
      has: id => byId.has(id) || blockOf.has(id),
      count: () => byId.size + blockOf.size,
      /* how many cards the group's next block lists, and how many wait in all */
      waiting: group => {
        const blocks = unlisted.get(group) || []
        return { next: blocks.length ? blocks[0].length : 0, all: blocks.flat().length }
      },
      /* list the group's next block; the cards listed */
      listMore(group) {
        const ids = (unlisted.get(group) || []).shift() || []
        const cards = ids.map(get)
        book.querySelector(`.ckb-phrasebook__group[data-group="${CSS.escape(group)}"]`).append(...cards)
        return cards
      },
      /* list blocks of the card's group until the card is in the list */
      reveal(id) {
        const group = [...unlisted].find(([, blocks]) => blocks.some(ids => ids.includes(id)))?.[0]
        while (group && !get(id)?.isConnected && this.listMore(group).length);
        return get(id)
      },
    }
  }

  /* --- The page ------------------------------------------------------------------ */

  function mount(book) {
    const list = cardList(book)
    /* the sections of the course (the 大忌, 投诉的产生 …), drawn from the ranking's documents */
    const sections = new Map(ckb.queryData.docs.filter(doc => doc.kind === "section").map(doc => [doc.id, doc]))
    /* The ranking's index is made when first needed, or once the page has loaded: a
       page opened without a query shows its box and list without waiting for it */
    let finder = null
    const index = () => (finder = finder || ckb.query.finder(ckb.queryData))
    const filter = book.querySelector(".ckb-phrasebook__filter")
    const results = book.querySelector(".ckb-phrasebook__results")
    const browse = book.querySelector(".ckb-phrasebook__browse")
    const count = book.querySelector(".ckb-phrasebook__count")
    const empty = book.querySelector(".ckb-phrasebook__empty")
    const emergency = book.querySelector(".ckb-phrasebook__emergency")
    const siteSearch = empty.querySelector(".ckb-phrasebook__site-search")
    let found = null  // the ids of the cards and sections that fit the query, best first; null without a query
    let guess = false

    const apply = () => {
      const query = filter.value.trim()
      const answer = query ? index().find(query) : { results: [], guess: false, emergency: false }
      found = query ? answer.results.map(result => result.doc.id).filter(id => list.has(id) || sections.has(id)) : null
      guess = answer.guess
      emergency.hidden = !answer.emergency
      browse.hidden = found !== null
      results.hidden = !found || !found.length
      results.replaceChildren(...(found || []).slice(0, MAX_RESULTS).map((id, rank) =>
        /* beside an emergency no card opens by itself: the course's cautions are not for it */
        sections.has(id) ? sectionResult(sections.get(id)) : shownCopy(list.get(id), rank > 0 || answer.emergency)))
      for (const card of [...results.children].slice(0, DRAWN_AHEAD)) if (card.dataset.card) draw(card)
      count.textContent = answer.emergency && !found.length ? "课程没有讲这种紧急情况：请按下面的公司规定处理"
        : describe(found, guess, list.count())
      empty.hidden = found === null || found.length > 0 || answer.emergency
      siteSearch.href = `?q=${encodeURIComponent(query)}`
      siteSearch.textContent = `在全站搜索“${query}”`
      showRemembered()
      saveInAddress(query)
      ckb.searchGaps?.typed(book, "quick", query, { results: (found || []).length, guess })
    }

    function showRemembered() {
      const state = remembered()
      /* 常用 follows a query that matched; beside a guess or nothing, it stays whole */
      const fits = id => list.has(id) && (found === null || guess || !found.length || found.includes(id))
      const pinnedList = book.querySelector(".ckb-phrasebook__pinned-list")
      pinnedList.replaceChildren(...state.pinned.filter(fits).map(id => shownCopy(list.get(id), true)))
      book.querySelector(".ckb-phrasebook__pinned").hidden = !pinnedList.children.length
      for (const card of book.querySelectorAll(".ckb-phrase[data-card]"))  // the list's cards and their copies
        showPinned(card, state.pinned.includes(card.dataset.card))
      const recentList = book.querySelector(".ckb-phrasebook__recent-list")
      recentList.replaceChildren(...state.recent.filter(fits).map(id => recentLink(list.get(id))))
      book.querySelector(".ckb-phrasebook__recent").hidden = !recentList.children.length
    }

    book.querySelector(".ckb-phrasebook__chips").hidden = false
    book.querySelectorAll(".ckb-phrase__pin, .ckb-phrase__more").forEach(element => { element.hidden = false })
    const moreLabels = [...book.querySelectorAll(".ckb-phrasebook__rest")].map(mountMore)
    /* what was typed before this script ran wins over the address */
    filter.value = filter.value || new URL(location.href).searchParams.get("filter") || ""
    filter.addEventListener("input", apply)
    book.querySelector(".ckb-phrasebook__controls").addEventListener("submit", event => {
      event.preventDefault()  // the results follow the text already
      apply()
    })
    siteSearch.addEventListener("click", event => {
      event.preventDefault()
      searchSite(filter.value.trim())
    })

    book.addEventListener("click", event => {
      const card = event.target.closest(".ckb-phrase[data-card]")
      if (!card) return
      const pin = event.target.closest(".ckb-phrase__pin")
      const copy = event.target.closest(".ckb-phrase__copy")
      const more = event.target.closest(".ckb-phrase__more")
      if (pin) {
        togglePinned(card.dataset.card)
        showRemembered()
        pin.isConnected ? pin.focus() : list.get(card.dataset.card).querySelector(".ckb-phrase__pin").focus()
      } else if (more) {
        setOpen(card, card.classList.contains("ckb-phrase--compact"))
      } else if (copy) {
        copy.dataset.clipboardText = textToCopy(card, copy.dataset.copy)  // before Material's clipboard reads it
        rememberOpened(card.dataset.card)
        showRemembered()
      } else if (event.target.closest(".ckb-phrase__home")) {
        rememberOpened(card.dataset.card)
      }
    })

    /* 再列出: a group's next block of cards joins the list */
    function mountMore(rest) {
      const button = rest.querySelector(".ckb-phrasebook__list-more")
      const label = () => {
        const { next, all } = list.waiting(rest.dataset.group)
        button.textContent = `再列出 ${next} 张（本类还有 ${all} 张）`
        rest.hidden = !all
      }
      label()
      button.addEventListener("click", () => {
        const listed = list.listMore(rest.dataset.group)
        showRemembered()
        label()
        if (rest.hidden && listed.length) listed.at(-1).querySelector(".ckb-phrase__home").focus()
      })
      return label
    }

    apply()
    const ready = () => setTimeout(index, 0)
    document.readyState === "complete" ? ready() : window.addEventListener("load", ready, { once: true })
    /* A card named in the address (话术速查#card-…) opens in the list, listed first if it waits */
    const openNamed = () => {
      const prefix = `#${ckb.queryData.cardPrefix}`
      const id = location.hash.startsWith(prefix) ? decodeURIComponent(location.hash.slice(prefix.length)) : ""
      if (!book.isConnected || !id || !list.has(id) || found !== null) return
      const waited = !list.get(id).isConnected
      const named = list.reveal(id)
      moreLabels.forEach(label => label())
      showRemembered()
      setOpen(named, true)
      if (waited) named.scrollIntoView()  // the browser could not: it was not in the page
    }
    openNamed()
    window.addEventListener("hashchange", openNamed)
  }

  /* What the count line says: how many fit, or that the results are a guess */
  function describe(found, guess, total) {
    if (found === null) return `共 ${total} 张卡片`
    if (!found.length) return "没有找到相关的卡片或课程内容"
    if (guess) return "没有完全匹配的卡片或课程内容。下面是按相同的字词猜的，最接近的在最前，请核对后再用"
    return found.length > MAX_RESULTS ? `找到 ${found.length} 条，显示最相关的 ${MAX_RESULTS} 条`
      : `找到 ${found.length} 条，最相关的在最前`
  }

  /* A card shown again (a result, a pinned card): a copy without ids, same buttons */
  function shownCopy(card, compact) {
    const copy = card.cloneNode(true)
    copy.hidden = false
    copy.querySelectorAll("[id]").forEach(element => element.removeAttribute("id"))
    copy.querySelectorAll(".headerlink").forEach(link => link.remove())
    copy.querySelector(".ckb-phrase__more").hidden = false
    setOpen(copy, !compact)
    return copy
  }

  function setOpen(card, open) {
    if (open) draw(card)
    card.classList.toggle("ckb-phrase--compact", !open)
    const more = card.querySelector(".ckb-phrase__more")
    more.setAttribute("aria-expanded", String(open))
    more.textContent = open ? "收起" : "展开全部"
  }

  function showPinned(card, pinned) {
    const pin = card.querySelector(".ckb-phrase__pin")
    const title = card.dataset.title
    pin.textContent = pinned ? "★" : "☆"
    pin.setAttribute("aria-pressed", String(pinned))
    pin.setAttribute("aria-label", `${pinned ? "移出常用" : "加入常用"}：${title}`)
  }

  /* A section of the course found by the query: its title, its page, its text, always whole */
  function sectionResult(doc) {
    const section = ckb.element("article", "ckb-phrase ckb-phrase--section")
    section.dataset.section = doc.id
    const head = ckb.element("div", "ckb-phrase__head")
    const title = ckb.element("p", "ckb-phrase__title", doc.title)
    title.setAttribute("role", "heading")
    title.setAttribute("aria-level", "3")
    head.append(title)
    const actions = ckb.element("p", "ckb-phrase__actions")
    const link = ckb.element("a", "ckb-phrase__home", "打开这一节")
    link.href = new URL(doc.url, ckb.root).href
    actions.append(link)
    section.append(head, ckb.element("p", "ckb-phrase__chapter", `课程内容 · ${doc.page}`),
                   ckb.element("p", "ckb-phrase__text", doc.body), actions)
    return section
  }

  function recentLink(card) {
    const item = ckb.element("li")
    const link = ckb.element("a", "", card.dataset.title)
    link.href = card.querySelector(".ckb-phrase__home").href
    item.append(link)
    return item
  }

  /* Open Material's search with the query, as its own search toggle does */
  function searchSite(query) {
    const toggle = document.querySelector("[data-md-toggle=search]")
    const input = document.querySelector("[data-md-component=search-query]")
    toggle.checked = true
    toggle.dispatchEvent(new Event("change"))
    input.value = query
    input.focus()
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }

  /* ?tag= is an address from before the box ranked cards */
  const saveInAddress = filter => ckb.replaceAddress({ filter, tag: "" })

  /* `/` jumps to the box on this page (elsewhere it opens Material's search) */
  window.addEventListener("keydown", event => {
    const filter = document.querySelector(".ckb-phrasebook__filter")
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]")
    if (event.key !== "/" || !filter || typing || event.ctrlKey || event.metaKey || event.altKey)
      return
    event.preventDefault()
    event.stopImmediatePropagation()
    filter.focus()
  }, true)

  ckb.component("phrasebook", { mount })
})()
