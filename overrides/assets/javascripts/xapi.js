/* 柜面投诉应对: learning records sent to a learning record store (xAPI 1.0.3).
 *
 * Off unless the build was configured (`extra.xapi` in mkdocs.yml): then
 * `ckb.config.xapi` is {endpoint, identity, activityBase, passPercent, course, refused}
 * and the page loads this with xapi-statements.js (what a statement says) and
 * xapi-queue.js (the queue, the learner, sending). Statements go to the site's own
 * server (`endpoint`, a path such as /xapi/), which forwards them to the LRS with the
 * LRS's credential (deploy/nginx.conf): no credential is in the page, and the CSP's
 * connect-src stays 'self'. This script
 * - turns each learning event (ckb.config.events: answered, quizCompleted,
 *   scenarioEnded, searchGap) into a statement and queues it;
 * - asks for 工号 and 姓名 once (identity "self"), without blocking: a small form
 *   after the first learning event (a search asks nothing);
 * - shows on 我的进度 (component `learner`) who the records are sent as, how many
 *   wait, and, when the LRS side refuses them, why, in a sentence a learner can pass
 *   on; with identity "self" a form to change the learner.
 * Tests read the queue through `ckb.xapi`. Nothing here may break a page: every
 * failure only delays a record.
 */
(() => {
  "use strict"

  const config = ckb.config.xapi
  if (!config) return
  const records = ckb.xapiQueue
  const statements = ckb.xapiStatements
  const events = ckb.config.events

  /* A question is named by its stem, the same in its chapter and in the exam ("第 3 题" is not) */
  const stemOf = target => {
    const stem = target instanceof Element ? target.closest(".ckb-question")?.querySelector(".ckb-question__stem") : null
    return stem ? stem.textContent.replace(/\s+/g, " ").trim().slice(0, 200) : ""
  }

  function record(event) {
    try {
      const detail = event.type === events.searchGap
        ? { ...event.detail, placeName: ckb.config.searchPlaces[event.detail.place] } : event.detail
      const known = records.add(statements.statement(event.type, detail, { config, events, stem: stemOf(event.target) }))
      if (!known && !records.byLogin() && event.type !== events.searchGap) prompt.show(event.target)  // a search asks no 工号
    } catch (error) {
      console.error("ckb: xAPI statement not recorded", error)
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
      const value = records.cleanLearner(form.elements.id.value, form.elements.name.value)
      if (!value) {
        error.textContent = records.LEARNER_ID.test(form.elements.id.value.trim())
          ? "请填写姓名。" : "请填写工号：字母、数字、- 或 _，不超过 32 个字符。"
        return
      }
      error.textContent = ""
      records.learner.write(value)
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
      const title = ckb.element("h2", "ckb-learner__title", "学习记录")
      const note = ckb.element("p", "ckb-learner__note")
      section.hidden = false
      note.textContent = records.byLogin()
        ? "本站开启了学习记录：你的测验成绩和情景演练结局会以你登录内网的身份发送给培训部门。"
        : "本站开启了学习记录：你的测验成绩和情景演练结局还会发送给培训部门。"
      const status = ckb.element("p", "ckb-learner__status")
      status.setAttribute("role", "status")
      const refusal = ckb.element("p", "ckb-learner__refused")
      refusal.setAttribute("role", "alert")
      const update = () => {
        const person = records.learner.read()
        const waiting = records.queue.read().length
        const who = records.byLogin()
          ? (person ? `发送身份：工号 ${person.id}（内网登录）。` : "正在向网站确认你的内网登录身份。")
          : (person ? `发送给培训部门的身份：${person.name}（工号 ${person.id}）。`
                    : "还没有填写工号和姓名：学习记录暂存在本浏览器，填写后发送给培训部门。")
        status.textContent = who + (waiting ? `有 ${waiting} 条记录等待发送。` : "")
        const refused = records.blockedStatus()
        refusal.textContent = refused ? config.refused[refused] || config.refused["403"] : ""
        refusal.hidden = !refused
      }
      const parts = [title, note, status, refusal]
      if (!records.byLogin()) {
        parts.push(learnerForm({
          person: records.learner.read(),
          intro: records.learner.read() ? "换人使用本浏览器时，改成自己的工号和姓名；已发送的记录不变。" : "填写工号和姓名：",
          onSaved: update,
        }))
      }
      section.replaceChildren(...parts)
      const listener = () => update()
      records.onStatus(listener)
      update()
      return () => records.offStatus(listener)  // the page is left
    },
  })

  for (const type of statements.kinds(events)) document.addEventListener(type, record)
  const start = () => {
    records.whoami()
    records.flush()
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
  ckb.xapi = { queue: () => records.queue.read(), refused: records.refused, learner: () => records.learner.read(),
               blocked: records.blocked, flush: records.flush }
})()
