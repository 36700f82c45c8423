/* 柜面投诉应对: what this browser remembers (quiz progress, role-plays, pinned and recent cards).
 *
 * Material's own per-site storage helpers (__md_get, __md_set), wrapped so that
 * a browser with storage blocked (private mode, quota, policy) only forgets.
 * Every record carries a format version and is checked when read (`check`): a
 * record of an older format is migrated by its reader, a damaged one is dropped
 * alone, and neither ever breaks a page.
 */
var ckbMemory = {
  read(key) {
    try {
      return __md_get(`ckb.${key}`)
    } catch {
      try {  // not JSON: a damaged record, dropped
        localStorage.removeItem(`${__md_scope.pathname}.ckb.${key}`)
      } catch {
        /* storage blocked */
      }
      return null
    }
  },
  write(key, value) {
    try {
      __md_set(`ckb.${key}`, value)
    } catch {
      /* storage unavailable: nothing is kept */
    }
  },
  /* The record under `key` as `check` returns it (a valid, current record), or null.
     A record that check refuses (returns null or throws) is forgotten. */
  check(key, check) {
    const stored = this.read(key)
    if (stored === null || stored === undefined) return null
    let record = null
    try {
      record = check(stored)
    } catch {
      record = null
    }
    if (record === null) this.write(key, null)
    return record
  },
  isObject: value => typeof value === "object" && value !== null && !Array.isArray(value),
}
