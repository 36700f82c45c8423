/* 柜面投诉应对: 情景演练 — play a scenario one customer line at a time.
 *
 * Without this script each scenario is a readable tree of every branch. This
 * plays it: the customer's words and mood (or another speaker's, or narration
 * without a speaker), the replies as buttons, each
 * choice's feedback, then the next line; at the end, the ending, the path
 * taken and 再来一次. Replies come in an order of their own at every visit
 * (tests may fix it with window.ckbSeed). The tree of every branch is out of
 * reach while a role-play runs and offered after its ending; print shows it.
 * The latest and the best ending are kept in this browser (records.js); endings rank
 * as ckb.config.endings lists them, best first (macros/contracts.py). Each ending is
 * told to records elsewhere (SCORM, xAPI) as ckb.config.events.scenarioEnded
 * {scenario, title, ending, good, steps, recovered} on document.
 * Texts come from the page's JSON and reach the page only through textContent.
 * The component `scenario` mounts on each scenario (scenario.html); print shows
 * every tree (Material's print$, subscribed once, below).
 */
(() => {
  "use strict"

  const { element } = ckb

  /* The replies of a node in an order of their own (Fisher–Yates), at every visit */
  function shuffled(replies, nodeId) {
    const order = replies.map((reply, index) => index)
    const next = ckb.random(ckb.seed() ^ ckb.hash(nodeId))
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]]
    }
    return order
  }

  function button(label, className, onClick) {
    const made = element("button", `md-button ${className}`, label)
    made.type = "button"
    made.addEventListener("click", onClick)
    return made
  }

  function mount(section) {
    const scenario = JSON.parse(section.dataset.plan)
    const player = section.querySelector(".ckb-scenario__player")
    const transcript = player.querySelector(".ckb-scenario__transcript")
    const choices = player.querySelector(".ckb-scenario__choices")
    let path = []

    const showBest = () => {
      const best = ckb.scenarioRecords.read(scenario.id)?.best
      player.querySelector(".ckb-scenario__best").textContent = best ? `你在这个情景的最好结局：${best}` : ""
    }

    const say = (nodeId, focus) => {
      const node = scenario.nodes[nodeId]
      const narration = !node.speaker
      const line = element("li", `ckb-scenario__line ckb-scenario__line--customer${narration ? " ckb-scenario__narration" : ""}`)
      line.append(element("span", "ckb-scenario__mood", `【${node.mood}】`))
      if (!narration) line.append(element("span", "ckb-scenario__speaker", `${node.speaker}：`))
      line.append(node.customer)
      transcript.append(line)
      if (node.ending)
        return finish(node)
      choices.replaceChildren(...shuffled(node.replies, nodeId).map(index =>
        button(node.replies[index].text, "ckb-scenario__reply", () => choose(nodeId, index))))
      if (focus) choices.firstElementChild.focus()
    }

    const choose = (nodeId, index) => {
      const reply = scenario.nodes[nodeId].replies[index]
      path.push(reply)
      const line = element("li", `ckb-scenario__line ckb-scenario__line--you ckb-scenario__line--${reply.verdict}`)
      const feedback = element("p", "ckb-scenario__feedback", `${ckb.config.verdicts[reply.verdict]}：${reply.feedback}（`)
      const link = element("a", undefined, reply.title)
      link.href = reply.url
      feedback.append(link, "）")
      line.append(element("p", "ckb-scenario__said", `你：${reply.text}`), feedback)
      transcript.append(line)
      const next = button("继续", "md-button--primary ckb-scenario__next", () => say(reply.next, true))
      choices.replaceChildren(next)
      next.focus()
    }

    const finish = node => {
      const ending = element("li", `ckb-scenario__line ckb-scenario__ending ckb-scenario__ending--${node.good ? "good" : "bad"}`)
      const steps = element("ol", "ckb-scenario__path")
      steps.append(...path.map(reply => element("li", `ckb-scenario__step--${reply.verdict}`,
        `${reply.verdict === "good" ? "✔" : "✘"} ${reply.text}`)))
      ending.append(element("p", "ckb-scenario__ending-type", `结局：${node.ending}`),
        element("p", "ckb-scenario__explanation", node.explanation))
      if (node.good && path.some(reply => reply.verdict === "bad"))
        ending.append(element("p", "ckb-scenario__recovered", "你中途有一步不妥（下面标 ✘ 的那一步），之后的回应把局面挽回了。实际柜面上，第一次就做对更好。"))
      ending.append(element("p", "ckb-scenario__path-title", "你的选择："), steps)
      transcript.append(ending)
      remember(node.ending)
      ckb.emit(section, ckb.config.events.scenarioEnded, {
        scenario: scenario.id, title: scenario.title, ending: node.ending, good: Boolean(node.good),
        steps: path.length, recovered: Boolean(node.good && path.some(reply => reply.verdict === "bad")) })
      const again = button("再来一次", "ckb-scenario__again", () => start(true))
      choices.replaceChildren(again)
      tree.hidden = false  // now the other branches can be read
      again.focus()
    }

    const remember = ending => {
      ckb.scenarioRecords.remember(scenario.id, ending)
      showBest()
    }

    const start = focus => {
      path = []
      transcript.replaceChildren()
      tree.open = false
      tree.hidden = true  // out of reach while playing: it shows every branch's verdict
      say(scenario.start, focus)
    }

    const tree = section.querySelector(".ckb-scenario__tree")
    player.hidden = false
    showBest()
    start(false)
  }

  /* Print shows every branch, also of a role-play being played */
  const trees = () => document.querySelectorAll(".ckb-scenario__player:not([hidden]) ~ .ckb-scenario__tree")
  ckb.onPrint(printing => trees().forEach(tree => {
    if (printing) tree.dataset.hiddenOnScreen = tree.hidden
    tree.hidden = printing ? false : tree.dataset.hiddenOnScreen === "true"
    tree.open = printing
  }))

  ckb.component("scenario", { mount })
})()
