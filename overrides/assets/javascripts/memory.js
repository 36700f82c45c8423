/* 柜面投诉应对: `ckb.memory`, what this browser remembers (quiz progress,
 * role-plays, pinned and recent cards), in localStorage.
 *
 * Material's own per-site storage helpers (__md_get, __md_set), wrapped so that
 * a browser with storage blocked (private mode, quota, policy) only forgets.
 * Every record carries a format version and is checked when read: a record of
 * an older format is migrated by its reader, a damaged one is dropped alone,
 * and neither ever breaks a page. The keys' prefixes are contracts
 * (ckb.config.memory, from macros/contracts.py): 我的进度 reads what quizzes
 * and role-plays write.
 *
 *   const store = ckb.memory.store(ckb.config.memory.scenario, 1, check)
 *   store.read(id)           the record under "scenario.<id>" as check returns it, or null
 *   store.write(id, record)  kept with `version: 1`
 *
 * `check(stored)` receives an object whose version is the store's or absent (a
 * record from before versions); it returns the record as this version reads
 * it, or null to drop it. Anything else stored under the key is dropped unread.
 */
ckb.memory = {
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
    if (record === null || record === undefined) {
      this.write(key, null)
      return null
    }
    return record
  },
  /* Records of one kind under `prefix` + an id, of one format `version` */
  store(prefix, version, check) {
    const memory = this
    const current = stored => memory.isObject(stored) && (stored.version === version || stored.version === undefined)
      ? check(stored) : null
    return {
      read: (id = "") => memory.check(`${prefix}${id}`, current),
      write: (id, record) => memory.write(`${prefix}${id}`, { ...record, version }),
      forget: id => memory.write(`${prefix}${id}`, null),
    }
  },
  isObject: value => typeof value === "object" && value !== null && !Array.isArray(value),
}
