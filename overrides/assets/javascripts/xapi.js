/* 柜面投诉应对: learning records sent to a learning record store (xAPI 1.0.3).
 *
 * Off unless the build was configured (`extra.xapi` in mkdocs.yml): then
 * `ckb.config.xapi` is {endpoint, identity, activityBase, passPercent, course, refused}.
 * Statements go to the site's own server (`endpoint`, a path such as /xapi/), which
 * forwards them to the LRS with the LRS's credential (deploy/nginx.conf): no
 * credential is in the page, and the CSP's connect-src stays 'self'. This script
 * - turns the learning events (quiz.js, scenario.js) into xAPI statements, ADL verbs
 *   and activity types, activity ids under the site's address (`activityBase`):
 *   `ckb:answered`       → answered, a cmi.interaction (…/xapi/activities/question/<id>)
 *   `ckb:quiz-completed` → completed (a chapter quiz) or passed/failed (the exam), an
 *                          assessment (…/xapi/activities/quiz/<id>), with the score
 *   `ckb:search-gap`     → searched (AcrossX), the place searched (…/xapi/activities/search/<place>):
 *                          the query with its digits masked, how many results, whether a guess
 *   `ckb:scenario-ended` → completed, a simulation (…/xapi/activities/scenario/<id>),
 *                          success = a good ending, the ending as the response;
 *   the course (activityBase itself) is the grouping of every statement;
 * - knows who the learner is:
 *   identity "login": as the intranet's login says: `GET <endpoint>me` (the web
 *     server answers the authenticated user's name) gives the actor's account; the
 *     LRS side checks it again and refuses a statement naming anyone else. No form.
 *     A statement made under another login (a shared counter PC) waits for it;
 *   identity "self": no login: asks once for 工号 and 姓名, without blocking: a small
 *     form after the first learning event; kept in this browser (`xapi.learner`),
 *     changed on 我的进度 (component `learner`).
 *   Statements made before the learner is known wait without an actor and get it
 *   when it is known;
 * - loses nothing: each statement gets its UUID here, when it is made, and waits
 *   in a queue in localStorage (`xapi.queue`, versioned, each entry checked on
 *   read: a damaged one is dropped alone) until the LRS acknowledged it (2xx, or
 *   409: that id is stored already). The same statement sent twice is stored
 *   once: the LRS keys it by its id. Sending retries with exponential backoff
 *   (capped) while the network or the LRS is down or answers 5xx, 429 (the web
 *   server's rate limit), invalid JSON or too slowly (AbortController), and resumes
 *   at every page load and when the browser is back `online`. A statement the LRS
 *   refuses as invalid (400) is set aside (`xapi.refused`), never retried forever.
 *   A 401 or 403 (the LRS refuses the web server's credential, or the login) stops
 *   sending on this page, keeps the queue, and 我的进度 says why in a sentence a
 *   learner can pass on (`xapi.blocked`; the next page load tries once more).
 * In the SCORM package (`ckb.config.lms`, no xAPI) 我的进度 says the LMS keeps the records.
 * Tests tune the timing with `window.ckbXapiBackoff = {base, cap, timeout, batch}`
 * set before the page's scripts run, and read the queue through `ckb.xapi`.
 * Nothing here may break a page: every failure only delays a record.
 */
(() => {
  "use strict"

  const config = ckb.config.xapi
  const VERSION = 1
  const KEYS = { queue: "xapi.queue", learner: "xapi.learner", refused: "xapi.refused", blocked: "xapi.blocked" }
  const REFUSED_KEPT = 500
  const ADL = "http://adlnet.gov/expapi/"
  const VERBS = {
    answered: { id: `${ADL}verbs/answered`, display: { "zh-CN": "回答了", "en-US": "answered" } },
    completed: { id: `${ADL}verbs/completed`, display: { "zh-CN": "完成了", "en-US": "completed" } },
    passed: { id: `${ADL}verbs/passed`, display: { "zh-CN": "通过了", "en-US": "passed" } },
    failed: { id: `${ADL}verbs/failed`, display: { "zh-CN": "未通过", "en-US": "failed" } },
    /* the xAPI AcrossX profile's (a published vocabulary): a query that found nothing or only a guess */
    searched: { id: "https://w3id.org/xapi/acrossx/verbs/searched", display: { "zh-CN": "搜索了", "en-US": "searched" } },
  }
  const TYPES = {
    course: `${ADL}activities/course`,
    interaction: `${ADL}activities/cmi.interaction`,
    assessment: `${ADL}activities/assessment`,
    simulation: `${ADL}activities/simulation`,
    search: "https://w3id.org/xapi/acrossx/activities/webpage",
  }
  /* Our question types as xAPI interaction types (true/false answers by option, as a choice) */
  const INTERACTION = { single: "choice", multiple: "choice", true_false: "choice", fill_blank: "fill-in", ordering: "sequencing" }
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
  const LEARNER_ID = /^[0-9A-Za-z_-]{1,32}$/
  const LOGIN_NAME = /^[^\u0000-\u001f\u007f]{1,128}$/  // as the web server names the user: any printable text
  const byLogin = () => config && config.identity === "login"

  const memory = () => ckb.memory
  const isObject = value => typeof value === "object" && value !== null && !Array.isArray(value)
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

  /* A version 4 UUID: crypto.randomUUID only exists on https and localhost, not on an http intranet */
  function uuid() {
    try {
      if (typeof crypto.randomUUID === "function") return crypto.randomUUID()
    } catch { /* no crypto */ }
    const bytes = new Uint8Array(16)
    try {
      crypto.getRandomValues(bytes)
    } catch {
      for (let index = 0; index < 16; index += 1) bytes[index] = Math.floor(Math.random() * 256)
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    const hex = [...bytes].map(byte => byte.toString(16).padStart(2, "0")).join("")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /* --- Statements ---------------------------------------------------------------- */

  const activity = (kind, id) => `${config.activityBase}xapi/activities/${kind}/${encodeURIComponent(id)}`
  const extension = name => `${config.activityBase}xapi/extensions/${name}`
  const named = (id, type, name, more = {}) => ({ objectType: "Activity", id,
    definition: { type, name: { "zh-CN": String(name || id) }, ...more } })
  const course = () => named(config.activityBase, TYPES.course, config.course)
  const quizActivity = detail => named(activity("quiz", detail.quiz), TYPES.assessment,
                                       detail.title || detail.chapter || detail.quiz)
  const context = (parents, extensions) => ({
    contextActivities: { ...(parents.length ? { parent: parents } : {}), grouping: [course()] },
    language: "zh-CN", platform: config.course,
    ...(extensions ? { extensions } : {}),
  })
  /* A question is named by its stem, the same in its chapter and in the exam ("第 3 题" is not) */
  const stemOf = target => {
    const stem = target instanceof Element ? target.closest(".ckb-question")?.querySelector(".ckb-question__stem") : null
    return stem ? stem.textContent.replace(/\s+/g, " ").trim().slice(0, 200) : ""
  }
  /* xAPI's response patterns join the parts of an answer with "[,]" */
  const responseOf = detail => {
    const parts = String(detail.response ?? "").split(detail.type === "fill_blank" ? "|" : ",")
    return parts.join("[,]")
  }

  const BUILD = {
    "ckb:answered": (detail, target) => ({
      verb: VERBS.answered,
      object: named(activity("question", detail.question), TYPES.interaction, stemOf(target) || detail.name,
                    { description: { "zh-CN": String(detail.name || detail.question) },
                      interactionType: INTERACTION[detail.type] || "other" }),
      result: { success: Boolean(detail.correct), response: responseOf(detail) },
      context: context([{ objectType: "Activity", id: activity("quiz", detail.quiz), definition: { type: TYPES.assessment } }],
                       { [extension("attempt")]: detail.attempt, [extension("mode")]: detail.mode,
                         [extension("chapter")]: String(detail.chapter || "") }),
    }),
    "ckb:quiz-completed": detail => {
      const total = Math.max(Number(detail.total) || 0, 1)
      const raw = Math.min(Math.max(Number(detail.score) || 0, 0), total)
      const scaled = Math.round((raw / total) * 10000) / 10000
      const exam = detail.mode === "exam"
      const passed = scaled * 100 >= Number(config.passPercent)
      return {
        verb: exam ? (passed ? VERBS.passed : VERBS.failed) : VERBS.completed,
        object: quizActivity(detail),
        result: { score: { scaled, raw, min: 0, max: total }, completion: true, ...(exam ? { success: passed } : {}) },
        context: context([], { [extension("attempt")]: detail.attempt, [extension("mode")]: detail.mode }),
      }
    },
    /* search-gaps.js masked the digits already; the page is its path, never its ?filter= */
    [ckb.config.events.searchGap]: detail => ({
      verb: VERBS.searched,
      object: named(activity("search", detail.place), TYPES.search, ckb.config.searchPlaces[detail.place] || detail.place),
      result: { response: String(detail.query), completion: true,
                extensions: { [extension("results")]: Number(detail.results) || 0, [extension("guess")]: Boolean(detail.guess) } },
      context: context([], { [extension("page")]: location.pathname }),
    }),
    "ckb:scenario-ended": detail => ({
      verb: VERBS.completed,
      object: named(activity("scenario", detail.scenario), TYPES.simulation, detail.title),
      result: { success: Boolean(detail.good), completion: true, response: String(detail.ending),
                extensions: { [extension("ending")]: String(detail.ending), [extension("steps")]: Number(detail.steps) || 0,
                              [extension("recovered")]: Boolean(detail.recovered) } },
      context: context([]),
    }),
  }

  function record(event) {
    try {
      const statement = { id: uuid(), ...BUILD[event.type](event.detail || {}, event.target), timestamp: new Date().toISOString() }
      const person = learner.read()
      if (person) statement.actor = actorOf(person)
      queue.add(statement)
      if (!person && !byLogin() && event.type !== ckb.config.events.searchGap) prompt.show(event.target)  // a search asks no 工号
      flush()
    } catch (error) {
      console.error("ckb: xAPI statement not recorded", error)
    }
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

  /* --- The learner's form: after the first learning event, and on 我的进度 ------------- */

  function learnerForm({ person, intro, later, onSaved }) {
    const form = document.createElement("form")
    form.className = "ckb-learner__form"
    form.noValidate = true
    const introText = document.createElement("p")
    introText.className = "ckb-learner__intro"
    introText.textContent = intro
    const field = (label, name, autocomplete) => {
      const wrapper = document.createElement("label")
      wrapper.className = "ckb-learner__field"
      const text = document.createElement("span")
      text.textContent = label
      const input = document.createElement("input")
      Object.assign(input, { name, type: "text", autocomplete, maxLength: 32, required: true, spellcheck: false })
      wrapper.append(text, input)
      return wrapper
    }
    const error = document.createElement("p")
    error.className = "ckb-learner__error"
    error.setAttribute("role", "alert")
    const actions = document.createElement("p")
    actions.className = "ckb-learner__actions"
    const save = document.createElement("button")
    save.type = "submit"
    save.className = "md-button md-button--primary"
    save.textContent = "保存"
    actions.append(save)
    if (later) {
      const laterButton = document.createElement("button")
      laterButton.type = "button"
      laterButton.className = "md-button ckb-learner__later"
      laterButton.textContent = "以后再说"
      laterButton.addEventListener("click", later)
      actions.append(laterButton)
    }
    form.append(introText, field("工号", "id", "username"), field("姓名", "name", "name"), error, actions)
    if (person) {
      form.elements.id.value = person.id
      form.elements.name.value = person.name
    }
    form.addEventListener("submit", event => {
      event.preventDefault()
      const value = cleanLearner(form.elements.id.value, form.elements.name.value)
      if (!value) {
        error.textContent = LEARNER_ID.test(form.elements.id.value.trim())
          ? "请填写姓名。" : "请填写工号：字母、数字、- 或 _，不超过 32 个字符。"
        return
      }
      error.textContent = ""
      learner.write(value)
      onSaved(value)
    })
    return form
  }

  /* Not modal: it sits after what was just answered; reading and answering go on */
  const prompt = {
    element: null,
    dismissed: false,
    show(target) {
      if (this.dismissed || (this.element && this.element.isConnected)) return
      const aside = document.createElement("aside")
      aside.className = "ckb-learner ckb-learner--prompt"
      aside.setAttribute("aria-label", "学习记录")
      const heading = document.createElement("p")
      heading.className = "ckb-learner__title"
      heading.textContent = "学习记录：你是谁？"
      aside.append(heading, learnerForm({
        intro: "你的测验成绩和情景演练结局会发送给培训部门。填写一次工号和姓名即可，以后可在「我的进度」修改。",
        later: () => {
          this.dismissed = true
          aside.remove()
        },
        onSaved: value => {
          aside.replaceChildren(heading)
          const done = document.createElement("p")
          done.setAttribute("role", "status")
          done.textContent = `已保存：${value.name}（工号 ${value.id}）。学习记录会发送给培训部门。`
          aside.append(done)
        },
      }))
      this.element = aside
      place(aside, target)
    },
  }

  function place(element, target) {
    const from = target instanceof Element ? target : null
    const sheetScore = from?.closest(".ckb-exam")?.querySelector(".ckb-exam__sheet .ckb-quiz__score")
    const near = from?.closest(".ckb-question, .ckb-scenario, .ckb-quiz")
    if (sheetScore) sheetScore.after(element)
    else if (near) near.after(element)
    else (document.querySelector(".md-content__inner") || document.body).append(element)
  }

  /* 我的进度: who keeps the records; with xAPI, who they are sent as, how many wait, whether
     the LRS refuses them (and why, to pass on), and (identity "self") a form to change the learner */
  ckb.component("learner", {
    mount(section) {
      const lms = ckb.config.lms
      if (!config && !lms) return
      const title = ckb.element("h2", "ckb-learner__title", "学习记录")
      const note = ckb.element("p", "ckb-learner__note")
      section.hidden = false
      if (!config) {
        note.textContent = lms.records
        section.replaceChildren(title, note)
        return
      }
      note.textContent = byLogin()
        ? "本站开启了学习记录：你的测验成绩和情景演练结局会以你登录内网的身份发送给培训部门。"
        : "本站开启了学习记录：你的测验成绩和情景演练结局还会发送给培训部门。"
      const status = ckb.element("p", "ckb-learner__status")
      status.setAttribute("role", "status")
      const refusal = ckb.element("p", "ckb-learner__refused")
      refusal.setAttribute("role", "alert")
      const update = () => {
        const person = learner.read()
        const waiting = queue.read().length
        const who = byLogin()
          ? (person ? `发送身份：工号 ${person.id}（内网登录）。` : "正在向网站确认你的内网登录身份。")
          : (person ? `发送给培训部门的身份：${person.name}（工号 ${person.id}）。`
                    : "还没有填写工号和姓名：学习记录暂存在本浏览器，填写后发送给培训部门。")
        status.textContent = who + (waiting ? `有 ${waiting} 条记录等待发送。` : "")
        const refused = sending.blocked || blocked.read()?.status
        refusal.textContent = refused ? config.refused[refused] || config.refused["403"] : ""
        refusal.hidden = !refused
      }
      const parts = [title, note, status, refusal]
      if (!byLogin()) {
        parts.push(learnerForm({
          person: learner.read(),
          intro: learner.read() ? "换人使用本浏览器时，改成自己的工号和姓名；已发送的记录不变。" : "填写工号和姓名：",
          onSaved: update,
        }))
      }
      section.replaceChildren(...parts)
      const listener = () => section.isConnected ? update() : statusListeners.delete(listener)
      statusListeners.add(listener)
      update()
    },
  })

  /* --- Start: page-wide listeners, registered once ---------------------------------- */

  if (!config) return
  for (const type of Object.keys(BUILD)) document.addEventListener(type, record)
  window.addEventListener("online", () => {
    sending.failures = 0
    login.failures = 0
    whoami()
    flush()
  })
  const start = () => {
    whoami()
    flush()
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
  ckb.xapi = { queue: () => queue.read(), refused: () => stored(KEYS.refused), learner: () => learner.read(),
               blocked: () => sending.blocked, flush }
})()
