/* 柜面投诉应对: what this browser remembers (quiz progress, pinned and recent cards).
 *
 * Material's own per-site storage helpers (__md_get, __md_set), wrapped so that
 * a browser with storage blocked (private mode, quota, policy) only forgets.
 */
var ckbMemory = {
  read(key) {
    try {
      return __md_get(`ckb.${key}`)
    } catch {
      return null
    }
  },
  write(key, value) {
    try {
      __md_set(`ckb.${key}`, value)
    } catch {
      /* storage unavailable: nothing is kept */
    }
  }
}
