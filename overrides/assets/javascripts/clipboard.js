/* 柜面投诉应对: copy a text to the clipboard, shared by 话术速查 and the link buttons.
 *
 * The clipboard API exists only in a secure context; an intranet served over
 * plain http is not one, so a hidden textarea and execCommand stand in.
 */
async function ckbCopy(text) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    /* no clipboard API here: fall back below */
  }
  const area = document.createElement("textarea")
  area.value = text
  area.setAttribute("readonly", "")
  area.className = "ckb-visually-hidden"
  document.body.append(area)
  area.select()
  const copied = document.execCommand("copy")
  area.remove()
  return copied
}
