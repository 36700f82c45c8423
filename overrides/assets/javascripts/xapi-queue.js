/* 柜面投诉应对: the learning records' queue, the learner they are sent as, and sending.
 *
 * With xAPI on (ckb.config.xapi), `ckb.xapiQueue`:
 * - the learner: identity "login": as the intranet's login says: `GET <endpoint>me`
 *   (the web server answers the authenticated user's name) gives the actor's account;
 *   the LRS side checks it again and refuses a statement naming anyone else. A
 *   statement made under another login (a shared counter PC) waits for it. Identity
 *   "self": the 工号 and 姓名 the learner gave once (`xapi.learner`, versioned).
 *   Statements made before the learner is known wait without an actor and get it;
 * - the queue loses nothing: each statement waits in localStorage (`xapi.queue`,
 *   versioned, each entry checked on read: a damaged one is dropped alone) until the
 *   LRS side acknowledged it (2xx, or 409: that id is stored already); one this
 *   browser cannot store is kept in the page and sent from it. Sending retries with
 *   exponential backoff (capped) while the network or the LRS is down or answers 5xx,
 *   429 (the web server's rate limit), invalid JSON or too slowly (AbortController).
 *   A statement refused as invalid (400) is set aside (`xapi.refused`), never retried
 *   forever. A 401 or 403 stops sending on this page and keeps the queue
 *   (`xapi.blocked`, for 我的进度 to say why; the next page load tries once more).
 * Tests tune the timing with `window.ckbXapiBackoff = {base, cap, timeout, batch}`.
 */
(() => {
  "use strict"

  const config = ckb.config.xapi
  if (!config) return
  const VERSION = ckb.config.records.xapi
  const KEYS = { queue: "xapi.queue", learner: "xapi.learner", refused: "xapi.refused", blocked: "xapi.blocked" }
  const REFUSED_KEPT = 500
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
  const LEARNER_ID = /^[0-9A-Za-z_-]{1,32}$/
  const LOGIN_NAME = /^[^\u0000-\u001f\u007f]{1,128}$/  // as the web server names the user: any printable text
  const byLogin = () => config.identity === "login"

  const memory = () => ckb.memory
  const isObject = value => ckb.memory.isObject(value)
  const timing = () => ({ base: 2000, cap: 300000, timeout: 15000, batch: 20,
                          ...(isObject(window.ckbXapiBackoff) ? window.ckbXapiBackoff : {}) })

  /* --- The learner: {version, id (工号), name (姓名)} ---------------------------- */

  const cleanLearner = (id, name) => {
    id = String(id ?? "").trim()
    name = String(name ?? "").trim().replace(/\s+/g, " ")
    return LEARNER_ID.test(id) && name.length >= 1 && name.length <= 32 ? { version: VERSION, id, name } : null
  }
  /* identity "login": the user the web server authenticated, once it answered (`whoami`) */
  const login = { person: null, asked: false, failures: 0, timer: 0 }
  const learner = {
    read: () => byLogin() ? login.person : memory().check(KEYS.learner, stored =>
      isObject(stored) && stored.version === VERSION ? cleanLearner(stored.id, stored.name) : null),
    write(value) {
      memory().write(KEYS.learner, value)
      queue.giveActor(actorOf(value))
      flush()
    },
  }
  const actorOf = person => ({ objectType: "Agent", ...(person.name ? { name: person.name } : {}),
                               account: { homePage: config.activityBase, name: person.id } })
  /* A statement this login may send: by login, only its own (another login's waits for it) */
  const sendable = statement => Boolean(statement.actor)
    && (!byLogin() || (login.person !== null && statement.actor.account.name === login.person.id))

  /* --- The queue: {version, statements: [...]}; statements without an actor wait for the learner */

  const validAgent = actor => isObject(actor) && isObject(actor.account) && typeof actor.account.name === "string"
    && typeof actor.account.homePage === "string"
  const validStatement = statement => isObject(statement) && UUID.test(statement.id)
    && isObject(statement.verb) && typeof statement.verb.id === "string"
    && isObject(statement.object) && typeof statement.object.id === "string"
    && typeof statement.timestamp === "string" && (statement.actor === undefined || validAgent(statement.actor))

  const stored = key => {
    let dropped = false
    const record = memory().check(key, value => {
      if (!isObject(value) || value.version !== VERSION || !Array.isArray(value.statements)) return null
      const statements = value.statements.filter(validStatement)
      dropped = statements.length !== value.statements.length
      return { version: VERSION, statements }
    })
    if (dropped) memory().write(key, record)  // damaged entries dropped alone, the others kept
    return record ? record.statements : []
  }
  /* Each change reads the stored queue afresh (another tab may have added to it).
     A statement this browser cannot store (storage full or blocked) is kept in the
     page instead and sent from it as the others are: it is lost only if the page
     is left before the LRS has it. */
  const unsaved = []
  const keep = (list, statements) => list.splice(0, list.length, ...statements)
  const queue = {
    stored: () => stored(KEYS.queue),
    read: () => [...queue.stored(), ...unsaved],
    write: statements => memory().write(KEYS.queue, { version: VERSION, statements }),
    add(statement) {
      queue.write([...queue.stored(), statement])
      if (!queue.stored().some(kept => kept.id === statement.id)) unsaved.push(statement)
    },
    remove(ids) {
      const gone = new Set(ids)
      queue.write(queue.stored().filter(statement => !gone.has(statement.id)))
      keep(unsaved, unsaved.filter(statement => !gone.has(statement.id)))
    },
    giveActor(actor) {
      const given = statement => statement.actor ? statement : { actor, ...statement }
      queue.write(queue.stored().map(given))
      keep(unsaved, unsaved.map(given))
    },
  }
  const setAside = statement => {
    const refused = [...stored(KEYS.refused), statement].slice(-REFUSED_KEPT)
    memory().write(KEYS.refused, { version: VERSION, statements: refused })
  }

  /* --- Sending --------------------------------------------------------------------- */

  const sending = { busy: false, failures: 0, timer: 0, single: false, blocked: null }
  const statusListeners = new Set()  // 我的进度's 学习记录, told when sending is blocked or resumes
  const tell = () => statusListeners.forEach(listener => listener())

  /* Refused by the LRS side (401, 403): {version, status, at}, kept for 我的进度 until a send succeeds */
  const blocked = {
    read: () => memory().check(KEYS.blocked, stored => isObject(stored) && stored.version === VERSION
      && ["401", "403"].includes(String(stored.status)) ? stored : null),
    set(status) {
      sending.blocked = String(status)
      memory().write(KEYS.blocked, { version: VERSION, status: String(status), at: new Date().toISOString() })
      tell()
    },
    clear() {
      const was = sending.blocked !== null || blocked.read() !== null
      sending.blocked = null
      if (was) {
        memory().write(KEYS.blocked, null)
        tell()
      }
    },
  }

  const request = async (path, options, timeout) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeout)
    try {
      return await fetch(`${config.endpoint}${path}`, {
        mode: "same-origin", credentials: "same-origin", cache: "no-store", signal: controller.signal, ...options })
    } finally {
      clearTimeout(timer)
    }
  }

  /* "stored", "refused" (the LRS will never take it as it is), "denied" (401/403) or "retry" */
  async function post(statements, timeout) {
    try {
      const response = await request("statements", {
        method: "POST", body: JSON.stringify(statements),
        headers: { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" },
      }, timeout)
      if (response.status === 409) return "stored"  // a statement of that id is stored already
      if (response.status === 204) return "stored"  // all of them were stored already
      if (response.ok) {
        const ids = JSON.parse(await response.text())  // the stored ids; invalid JSON is an LRS at fault
        return Array.isArray(ids) ? "stored" : "retry"
      }
      if (response.status === 401 || response.status === 403) return `denied ${response.status}`
      return [400, 413, 422].includes(response.status) ? "refused" : "retry"
    } catch {
      return "retry"  // offline, refused connection, timeout, invalid JSON
    }
  }

  const backoff = failures => Math.min(timing().cap, timing().base * 2 ** (failures - 1))

  /* identity "login": who the web server says this is (its answer to GET <endpoint>me) */
  async function whoami() {
    if (!byLogin() || login.person || login.asked) return
    login.asked = true
    clearTimeout(login.timer)
    let outcome = "retry"
    try {
      const response = await request("me", { method: "GET" }, timing().timeout)
      const name = response.ok ? (await response.text()).trim() : ""
      if (response.ok && LOGIN_NAME.test(name)) {
        login.person = { version: VERSION, id: name, name: "" }
        outcome = "known"
      } else if (response.status === 401 || response.status === 403) {
        outcome = `denied ${response.status}`
      }
    } catch {
      /* offline: asked again later */
    }
    login.asked = false
    if (outcome === "known") {
      login.failures = 0
      queue.giveActor(actorOf(login.person))
      tell()
      flush()
    } else if (outcome.startsWith("denied")) {
      blocked.set(outcome.split(" ")[1])
    } else {
      login.failures += 1
      login.timer = setTimeout(whoami, backoff(login.failures))
    }
  }

  async function flush() {
    if (sending.busy || sending.blocked) return
    clearTimeout(sending.timer)
    sending.busy = true
    try {
      for (;;) {
        const settings = timing()
        const ready = queue.read().filter(sendable)
        if (!ready.length) {
          sending.failures = 0
          return
        }
        const batch = ready.slice(0, sending.single ? 1 : Math.max(1, settings.batch))
        const outcome = await post(batch, settings.timeout)
        if (outcome === "stored") {
          queue.remove(batch.map(statement => statement.id))
          sending.failures = 0
          blocked.clear()
        } else if (outcome.startsWith("denied")) {
          blocked.set(outcome.split(" ")[1])  // the queue stays; the next page load tries once more
          return
        } else if (outcome === "refused" && batch.length > 1) {
          sending.single = true  // one by one, to find the statement refused
        } else if (outcome === "refused") {
          setAside(batch[0])
          queue.remove([batch[0].id])
          sending.single = false
        } else {
          sending.failures += 1
          sending.timer = setTimeout(flush, backoff(sending.failures))
          return
        }
      }
    } catch (error) {
      console.error("ckb: xAPI sending stopped", error)
    } finally {
      sending.busy = false
      tell()
    }
  }

  window.addEventListener("online", () => {
    sending.failures = 0
    login.failures = 0
    whoami()
    flush()
  })

  ckb.xapiQueue = {
    LEARNER_ID, byLogin, cleanLearner, learner, queue, flush, whoami,
    refused: () => stored(KEYS.refused),
    blockedStatus: () => sending.blocked || blocked.read()?.status || null,
    blocked: () => sending.blocked,
    onStatus: listener => statusListeners.add(listener),
    offStatus: listener => statusListeners.delete(listener),
    add(statement) {
      const person = learner.read()
      if (person) statement.actor = actorOf(person)
      queue.add(statement)
      flush()
      return Boolean(person)
    },
  }
})()
