/* 柜面投诉应对: xAPI 1.0.3 statements from the site's learning events.
 *
 * Pure: a statement's body is made from the event's detail and the site's xAPI
 * settings (ckb.config.xapi), nothing else; no DOM, no storage, no network. So it
 * runs in the page and in node (the tests). ADL verbs and activity types, the
 * AcrossX profile's `searched`; activity ids under the site's address:
 *   answered       → answered, a cmi.interaction (…/xapi/activities/question/<id>)
 *   quizCompleted  → completed (a chapter quiz) or passed/failed (the exam), an
 *                    assessment (…/xapi/activities/quiz/<id>), with the score
 *   searchGap      → searched, the place searched (…/xapi/activities/search/<place>):
 *                    the query with its digits masked, how many results, whether a guess
 *   scenarioEnded  → completed, a simulation (…/xapi/activities/scenario/<id>),
 *                    success = a good ending, the ending as the response;
 * the course (activityBase itself) is the grouping of every statement.
 *
 *   ckb.xapiStatements.statement(type, detail, {config, events, stem, id, now})
 *     → {id, verb, object, result, context, timestamp} (no actor: the queue gives it)
 */
self.ckb = self.ckb || {}
ckb.xapiStatements = (() => {
  "use strict"

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

  const activity = (config, kind, id) => `${config.activityBase}xapi/activities/${kind}/${encodeURIComponent(id)}`
  const extension = (config, name) => `${config.activityBase}xapi/extensions/${name}`
  const named = (id, type, name, more = {}) => ({ objectType: "Activity", id,
    definition: { type, name: { "zh-CN": String(name || id) }, ...more } })
  const course = config => named(config.activityBase, TYPES.course, config.course)
  const quizActivity = (config, detail) => named(activity(config, "quiz", detail.quiz), TYPES.assessment,
                                       detail.title || detail.chapter || detail.quiz)
  const context = (config, parents, extensions) => ({
    contextActivities: { ...(parents.length ? { parent: parents } : {}), grouping: [course(config)] },
    language: "zh-CN", platform: config.course,
    ...(extensions ? { extensions } : {}),
  })
  /* xAPI's response patterns join the parts of an answer with "[,]" */
  const responseOf = detail => {
    const parts = String(detail.response ?? "").split(detail.type === "fill_blank" ? "|" : ",")
    return parts.join("[,]")
  }

  const build = events => ({
    [events.answered]: (config, detail, stem) => ({
      verb: VERBS.answered,
      object: named(activity(config, "question", detail.question), TYPES.interaction, stem || detail.name,
                    { description: { "zh-CN": String(detail.name || detail.question) },
                      interactionType: INTERACTION[detail.type] || "other" }),
      result: { success: Boolean(detail.correct), response: responseOf(detail) },
      context: context(config, [{ objectType: "Activity", id: activity(config, "quiz", detail.quiz),
                                 definition: { type: TYPES.assessment } }],
                       { [extension(config, "attempt")]: detail.attempt, [extension(config, "mode")]: detail.mode,
                         [extension(config, "chapter")]: String(detail.chapter || "") }),
    }),
    [events.quizCompleted]: (config, detail) => {
      const total = Math.max(Number(detail.total) || 0, 1)
      const raw = Math.min(Math.max(Number(detail.score) || 0, 0), total)
      const scaled = Math.round((raw / total) * 10000) / 10000
      const exam = detail.mode === "exam"
      const passed = scaled * 100 >= Number(config.passPercent)
      return {
        verb: exam ? (passed ? VERBS.passed : VERBS.failed) : VERBS.completed,
        object: quizActivity(config, detail),
        result: { score: { scaled, raw, min: 0, max: total }, completion: true, ...(exam ? { success: passed } : {}) },
        context: context(config, [], { [extension(config, "attempt")]: detail.attempt,
                                       [extension(config, "mode")]: detail.mode }),
      }
    },
    /* search-gaps.js masked the digits already; the page is its path, never its ?filter= */
    [events.searchGap]: (config, detail) => ({
      verb: VERBS.searched,
      object: named(activity(config, "search", detail.place), TYPES.search, detail.placeName || detail.place),
      result: { response: String(detail.query), completion: true,
                extensions: { [extension(config, "results")]: Number(detail.results) || 0,
                              [extension(config, "guess")]: Boolean(detail.guess) } },
      context: context(config, [], { [extension(config, "page")]: String(detail.page || "") }),
    }),
    [events.scenarioEnded]: (config, detail) => ({
      verb: VERBS.completed,
      object: named(activity(config, "scenario", detail.scenario), TYPES.simulation, detail.title),
      result: { success: Boolean(detail.good), completion: true, response: String(detail.ending),
                extensions: { [extension(config, "ending")]: String(detail.ending),
                              [extension(config, "steps")]: Number(detail.steps) || 0,
                              [extension(config, "recovered")]: Boolean(detail.recovered) } },
      context: context(config, []),
    }),
  })

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

  const kinds = events => Object.keys(build(events))

  function statement(type, detail, { config, events, stem = "", id = uuid(), now = new Date() }) {
    const made = build(events)[type]
    if (!made) throw new Error(`no statement for ${type}`)
    return { id, ...made(config, detail || {}, stem), timestamp: now.toISOString() }
  }

  return { VERBS, TYPES, uuid, kinds, statement }
})()
