/* 柜面投诉应对: 话术速查 — filter as you type, tag chips, copy, 常用 and 最近查看.
 *
 * Without this script the page is the full list of cards. The filter state is
 * in the URL (?filter=…&tag=…; ?q= is Material's own: it opens site search).
 * Pinned and recently opened cards stay in this browser (memory.js).
 */
(() => {
  "use strict"

  const RECENT_LIMIT = 5
  const normalise = text => text.normalize("NFKC").toLowerCase()

  /* A term matches as typed, or by its words: 客户哭了 matches a card with 客户 and 哭了.
     Single characters (了, 来, 要) count only when the term has nothing longer. */
  function prepare(term) {
    const words = ckbWords.split(term)
    const significant = words.filter(word => word.length > 1)
    return { term, words: significant.length ? significant : words }
  }

  const matches = (haystack, { term, words }) =>
    haystack.includes(term) || words.every(word => haystack.includes(word))

  /* --- Pinned and recent cards ---------------------------------------------- */

  const remembered = () => ({ pinned: [], recent: [], ...ckbMemory.read("phrasebook") })

  function rememberOpened(cardId) {
    const state = remembered()
    state.recent = [cardId, ...state.recent.filter(id => id !== cardId)].slice(0, RECENT_LIMIT)
    ckbMemory.write("phrasebook", state)
  }

  function togglePinned(cardId) {
    const state = remembered()
    state.pinned = state.pinned.includes(cardId)
      ? state.pinned.filter(id => id !== cardId)
      : [...state.pinned, cardId]
    ckbMemory.write("phrasebook", state)
  }

  /* A card opened anywhere on the site (a search result, a link) counts as viewed */
  function rememberCardInAddress() {
    const match = location.hash.match(/^#card-([a-z0-9-]+)$/)
    if (match) rememberOpened(match[1])
  }

  /* --- Copying (ckbCopy is clipboard.js) ---------------------------------------- */

  function textToCopy(card, kind) {
    if (kind === "link")
      return new URL(card.dataset.home, location.href).href
    const lines = card.querySelectorAll(".ckb-phrase__lines--say li, .ckb-phrase__lines--do li")
    return [...lines].map(line => line.textContent).join("\n")
  }

  /* --- The page ------------------------------------------------------------------ */

  function setUp(book) {
    const cards = [...book.querySelectorAll(".ckb-phrasebook__group .ckb-phrase")]
    const byId = new Map(cards.map(card => [card.dataset.card, card]))
    const haystacks = new Map(cards.map(card => [card, normalise(
      [...card.querySelectorAll(".ckb-phrase__title, .ckb-phrase__situation, li, .ckb-card__meta span")]
        .map(element => element.textContent).join(" ")
    )]))
    const filter = book.querySelector(".ckb-phrasebook__filter")
    const chips = [...book.querySelectorAll(".ckb-phrasebook__chip")]
    const params = new URL(location.href).searchParams
    let tag = params.get("tag") || ""

    const groups = [...book.querySelectorAll(".ckb-phrasebook__group")]
    const apply = () => {
      const terms = normalise(filter.value).split(/\s+/).filter(Boolean).map(prepare)
      const shownInGroup = new Map(groups.map(group => [group, 0]))
      let shown = 0
      for (const card of cards) {
        const visible = (!tag || card.dataset.tags.split(" ").includes(tag))
          && terms.every(term => matches(haystacks.get(card), term))
        if (card.hidden === visible) card.hidden = !visible  // touch only what changes
        if (visible) shownInGroup.set(card.parentElement, shownInGroup.get(card.parentElement) + 1)
        shown += visible
      }
      for (const [group, count] of shownInGroup) {
        group.hidden = count === 0
        group.previousElementSibling.hidden = count === 0  // its heading
      }
      chips.forEach(chip => chip.setAttribute("aria-pressed", String(chip.dataset.tag === tag)))
      book.querySelector(".ckb-phrasebook__count").textContent = `显示 ${shown} / ${cards.length} 张卡片`
      const empty = book.querySelector(".ckb-phrasebook__empty")
      empty.hidden = shown > 0
      const siteSearch = empty.querySelector(".ckb-phrasebook__site-search")
      siteSearch.href = `?q=${encodeURIComponent(filter.value.trim())}`
      siteSearch.textContent = `在全站搜索“${filter.value.trim()}”`
      saveInAddress(filter.value.trim(), tag)
    }

    const showRemembered = () => {
      const state = remembered()
      const pinnedList = book.querySelector(".ckb-phrasebook__pinned-list")
      pinnedList.replaceChildren(...state.pinned.filter(id => byId.has(id)).map(id => pinnedCopy(byId.get(id))))
      book.querySelector(".ckb-phrasebook__pinned").hidden = !pinnedList.children.length
      for (const card of book.querySelectorAll(".ckb-phrase"))
        showPinned(card, state.pinned.includes(card.dataset.card))
      const recentList = book.querySelector(".ckb-phrasebook__recent-list")
      recentList.replaceChildren(...state.recent.filter(id => byId.has(id)).map(id => recentLink(byId.get(id))))
      book.querySelector(".ckb-phrasebook__recent").hidden = !recentList.children.length
    }

    book.querySelector(".ckb-phrasebook__controls").hidden = false
    book.querySelectorAll(".ckb-phrase__pin, .ckb-phrase__buttons").forEach(element => { element.hidden = false })
    filter.value = params.get("filter") || ""
    filter.addEventListener("input", apply)
    book.querySelector(".ckb-phrasebook__site-search").addEventListener("click", event => {
      event.preventDefault()
      searchSite(filter.value.trim())
    })
    chips.forEach(chip => chip.addEventListener("click", () => {
      tag = chip.dataset.tag
      apply()
    }))

    book.addEventListener("click", async event => {
      const card = event.target.closest(".ckb-phrase")
      if (!card) return
      const pin = event.target.closest(".ckb-phrase__pin")
      const copy = event.target.closest(".ckb-phrase__copy")
      if (pin) {
        togglePinned(card.dataset.card)
        showRemembered()
        book.querySelector(`.ckb-phrasebook__group [data-card="${card.dataset.card}"] .ckb-phrase__pin`).focus()
      } else if (copy) {
        const copied = await ckbCopy(textToCopy(card, copy.dataset.copy))
        const what = copy.dataset.copy === "link" ? "链接" : copy.textContent.replace("复制", "")
        card.querySelector(".ckb-phrase__status").textContent =
          copied ? `✔ 已复制${what}` : "✘ 无法复制，请手动选择文字复制"
        rememberOpened(card.dataset.card)
        showRemembered()
      } else if (event.target.closest(".ckb-phrase__home")) {
        rememberOpened(card.dataset.card)
      }
    })

    showRemembered()
    apply()
  }

  function showPinned(card, pinned) {
    const pin = card.querySelector(".ckb-phrase__pin")
    const title = card.dataset.title
    pin.textContent = pinned ? "★" : "☆"
    pin.setAttribute("aria-pressed", String(pinned))
    pin.setAttribute("aria-label", `${pinned ? "移出常用" : "加入常用"}：${title}`)
  }

  /* A pinned card is shown again under 常用: a copy without ids, same buttons */
  function pinnedCopy(card) {
    const copy = card.cloneNode(true)
    copy.hidden = false
    copy.querySelectorAll("[id]").forEach(element => element.removeAttribute("id"))
    copy.querySelectorAll(".headerlink").forEach(link => link.remove())
    copy.querySelector(".ckb-phrase__status").textContent = ""
    return copy
  }

  function recentLink(card) {
    const item = document.createElement("li")
    const link = document.createElement("a")
    link.href = `#card-${card.dataset.card}`
    link.textContent = card.dataset.title
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

  function saveInAddress(filter, tag) {
    const url = new URL(location.href)
    filter ? url.searchParams.set("filter", filter) : url.searchParams.delete("filter")
    tag ? url.searchParams.set("tag", tag) : url.searchParams.delete("tag")
    if (url.href !== location.href)
      history.replaceState(history.state, "", url)
  }

  /* `/` jumps to the filter on this page (elsewhere it opens Material's search) */
  window.addEventListener("keydown", event => {
    const filter = document.querySelector(".ckb-phrasebook__filter")
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]")
    if (event.key !== "/" || !filter || typing || event.ctrlKey || event.metaKey || event.altKey)
      return
    event.preventDefault()
    event.stopImmediatePropagation()
    filter.focus()
  }, true)

  window.addEventListener("hashchange", rememberCardInAddress)
  document$.subscribe(() => {
    rememberCardInAddress()
    document.querySelectorAll(".ckb-phrasebook").forEach(setUp)
  })
})()
