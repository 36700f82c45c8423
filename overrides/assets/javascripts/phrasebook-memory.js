/* 柜面投诉应对: 话术速查's 常用 and 最近查看, and the cards viewed anywhere.
 *
 * This browser's pinned cards and the cards last viewed ({version, pinned, recent}:
 * card ids, versioned and checked on read: a record of another shape is dropped).
 * `ckb.phrasebookMemory` is read and written by 话术速查 (phrasebook.js); the
 * component `recent-cards` (every page, main.html) counts a card opened anywhere on
 * the site (a search result, a link) as viewed.
 */
(() => {
  "use strict"

  const RECENT_LIMIT = 5

  /* --- Pinned and recent cards ---------------------------------------------- */

  const idList = value => Array.isArray(value) && value.every(id => typeof id === "string") ? value : []

  /* A record of another shape or version is dropped; one from before versions
     keeps its lists of card ids */
  const checkRecord = record => ({ pinned: idList(record.pinned), recent: idList(record.recent) })

  let store = null
  const memory = () => store ||
    (store = ckb.memory.store(ckb.config.phrasebookMemory, ckb.config.records.phrasebook, checkRecord))
  const remembered = () => memory().read() || { pinned: [], recent: [] }
  const remember = state => memory().write("", state)

  function rememberOpened(cardId) {
    const state = remembered()
    state.recent = [cardId, ...state.recent.filter(id => id !== cardId)].slice(0, RECENT_LIMIT)
    remember(state)
  }

  function togglePinned(cardId) {
    const state = remembered()
    state.pinned = state.pinned.includes(cardId)
      ? state.pinned.filter(id => id !== cardId)
      : [...state.pinned, cardId]
    remember(state)
  }

  /* A card opened anywhere on the site (a search result, a link) counts as viewed */
  function rememberCardInAddress() {
    const prefix = `#${ckb.config.anchors.card}`
    if (location.hash.startsWith(prefix) && /^[a-z0-9-]+$/.test(location.hash.slice(prefix.length)))
      rememberOpened(location.hash.slice(prefix.length))
  }

  window.addEventListener("hashchange", rememberCardInAddress)
  ckb.phrasebookMemory = { remembered, rememberOpened, togglePinned }
  ckb.component("recent-cards", { mount: rememberCardInAddress })
})()
