"""Broken variants of training.yml, each with the message the build must give.

A fault replaces one snippet of the real file. `at` is a snippet of the broken
file whose line the message must name.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    name: str
    old: str
    new: str
    expected: tuple[str, ...]
    at: str | None = None

    def apply(self, text: str) -> str:
        assert self.old in text, f"fault {self.name}: snippet not in training.yml"
        return text.replace(self.old, self.new, 1)

    def line(self, broken: str) -> int | None:
        if self.at is None:
            return None
        return broken[: broken.index(self.at)].count("\n") + 1


FAULTS = [
    Fault(
        "impossible-date",
        "    reviewed: 2026-11-25\n", "    reviewed: 2026-13-25\n",
        ("card 'risk-identity', field 'reviewed'", "month value is outside expected range"),
        at="    reviewed: 2026-13-25\n",
    ),
    Fault(
        "over-indented-list-item",
        "      - 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
        "      - 除办公室人员外，其他人员一概不能随意接受媒体采访。\n        - 这一行多缩进了一级。\n",
        ("card 'risk-open-media-visit', field 'cautions[0]'", "a list item hides inside this text"),
        at="      - 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
    ),
    Fault(
        "full-width-colon",
        "    why: 对媒体的回应代表公司", "    why：对媒体的回应代表公司",
        ("the key 'why' is followed by a full-width colon",),
        at="    why：对媒体的回应代表公司",
    ),
    Fault(
        "vocabulary-term-in-no-card",
        "    - term: 公安机关\n", "    - term: 消防队\n",
        ("field 'vocabulary.groups[0].term'", "the term '消防队' occurs in no card"),
        at="    - term: 消防队\n",
    ),
    Fault(
        "duplicate-id",
        "  - id: type-crying\n", "  - id: type-rage\n",
        ("card 'type-rage', field 'id'", "duplicate id 'type-rage'"),
        at="  - id: type-rage\n    title: 类型二",
    ),
    Fault(
        "unknown-card",
        "teaches: {card: type-crying}", "teaches: {card: type-weeping}",
        ("question 'type-crying-response', field 'teaches.card'", "no card has the id 'type-weeping'"),
        at="teaches: {card: type-weeping}",
    ),
    Fault(
        "unknown-page",
        "  - id: taboo-escalation\n    chapter: taboos\n", "  - id: taboo-escalation\n    chapter: taboo\n",
        ("question 'taboo-escalation', field 'chapter'", "no page 'taboo'"),
        at="    chapter: taboo\n",
    ),
    Fault(
        "unknown-section",
        "teaches: {section: taboos#taboo-promise}", "teaches: {section: taboos#taboo-promises}",
        ("question 'taboo-empty-promise', field 'teaches.section'", "no heading with the id 'taboo-promises'"),
        at="teaches: {section: taboos#taboo-promises}",
    ),
    Fault(
        "single-two-correct",
        "      - text: 只有风险\n        correct: false",
        "      - text: 只有风险\n        correct: true",
        ("question 'origins-risk-or-resource', field 'options'",
         "a single question needs exactly one correct option, found 2"),
        at="    options:\n      - text: 只有风险",
    ),
    Fault(
        "single-no-correct",
        "      - text: 先安抚客户的情绪\n        correct: true",
        "      - text: 先安抚客户的情绪\n        correct: false",
        ("question 'principle-interest-demand', field 'options'", "found 0"),
        at="    options:\n      - text: 马上解释：“按照合同约定",
    ),
    Fault(
        "empty-field",
        "    why: 这类怒气像暴雨：来得快，去得也快。三句话术是投诉层级逐级出面时说的：由主管、经理逐级出面，客户的情绪会逐步缓解，期望值也会降下来。",
        '    why: "  "',
        ("card 'type-rage', field 'why'", "must not be empty"),
        at='    why: "  "',
    ),
    Fault(
        "wrong-type",
        "    say:\n      - example: 您好，请问怎么称呼您？这份保单是您本人的吗？\n        from: 从开始就关注客户的身份，是风险防控的第一步。\n",
        "    say:\n      42\n",
        ("card 'risk-identity', field 'say'", "Input should be a valid list"),
        at="    say:\n      42\n",
    ),
    Fault(
        "unmarked-line",
        "      - deck: 我们真的非常同情你。\n", "      - 我们真的非常同情你。\n",
        ("card 'type-crying', field 'say[0]'", "mark the line: write `deck:` for the course's own words"),
        at="      - 我们真的非常同情你。\n",
    ),
    Fault(
        "example-without-from",
        "      - example: 嗯，我在听，您接着说。\n        from: 当然，你也得让顾客知道你正在听他们说。\n",
        "      - example: 嗯，我在听，您接着说。\n",
        ("card 'step-1-let-vent', field 'say[0]'", "an `example:` line needs `from:`"),
        at="      - example: 嗯，我在听，您接着说。\n",
    ),
    Fault(
        "deck-line-with-from",
        "      - deck: 这件事情由我来负责。\n", "      - deck: 这件事情由我来负责。\n        from: 我就是柜面主管/经理。\n",
        ("card 'type-rage', field 'say[1]'", "a `deck:` line is the course's own words and takes no `from:`"),
        at="      - deck: 这件事情由我来负责。\n",
    ),
    Fault(
        "card-without-say",
        "    say:\n      - example: 您好，您上次反映的问题已经处理好了。想问问您，现在还有什么需要我们帮忙的吗？\n"
        "        from: 如果想让你的服务达到优秀，而不是仅仅是处理完成，还得进行跟踪服务。\n",
        "",
        ("card 'step-6-follow-up', field 'say'", "Field required"),
        at="  - id: step-6-follow-up\n",
    ),
    Fault(
        "yaml-syntax",
        "    title: 类型二：嚎啕大哭，说被人所骗\n",
        "    title: [类型二：嚎啕大哭，说被人所骗\n",
        ("YAML syntax error",),
        at="    chapter: customer-types\n    tags: [customer-type]\n    situation: 客户嚎啕大哭",
    ),
    Fault(
        "missing-field",
        "    situation: 客户嚎啕大哭，声泪俱下，强调自己是被人所骗，对保险公司失去信任。\n",
        "",
        ("card 'type-crying', field 'situation'", "Field required"),
        at="  - id: type-crying\n",
    ),
    Fault(
        "duplicate-key",
        "    why: 哭泣的客户首先需要被安慰",
        "    title: 又一个标题\n    why: 哭泣的客户首先需要被安慰",
        ("YAML syntax error", "the key 'title' is given twice"),
        at="    title: 又一个标题\n",
    ),
    Fault(
        "unknown-tag",
        "    tags: [step]\n    situation: 顾客正在发泄不满。",
        "    tags: [steps]\n    situation: 顾客正在发泄不满。",
        ("card 'step-1-let-vent', field 'tags[0]'", "unknown tag 'steps'"),
        at="    tags: [steps]\n",
    ),
    Fault(
        "hard-wrapped-chinese",
        "    situation: 顾客正在发泄不满。",
        "    situation: >\n      顾客正在\n      发泄不满。",
        ("card 'step-1-let-vent', field 'situation'", "write it on one line"),
        at="    situation: >\n",
    ),
    Fault(
        "unknown-field",
        "    situation: 顾客正在发泄不满。",
        "    situation: 顾客正在发泄不满。\n    sayings: [你好]",
        ("card 'step-1-let-vent', field 'sayings'", "Extra inputs are not permitted"),
        at="    sayings: [你好]",
    ),
    Fault(
        "scenario-reply-to-missing-node",
        "            next: venting\n", "            next: ventting\n",
        ("scenario 'rage-banner', field 'nodes[0].replies[0].next'",
         "node 'threat': reply 1 leads to 'ventting', which does not exist"),
        at="            next: ventting\n",
    ),
    Fault(
        "scenario-unreachable-node",
        "          - text: 您先别着急，我就是柜面主管，这件事情由我来负责。\n            next: venting",
        "          - text: 您先别着急，我就是柜面主管，这件事情由我来负责。\n            next: escalated",
        ("scenario 'rage-banner', field 'nodes[1].id'", "node 'venting' cannot be reached from the start"),
        at="      - id: venting\n",
    ),
    Fault(
        "scenario-loop-without-way-out",
        """            next: resolved
            verdict: good
            feedback: 原则四：尽可能给后台处理留有时间，并告诉客户三个工作日内与他联系。
            teaches: {card: principle-allow-time}
          - text: 您放心，今天下班前一定给您办好。
            next: promise-broken""",
        """            next: calmer
            verdict: good
            feedback: 原则四：尽可能给后台处理留有时间，并告诉客户三个工作日内与他联系。
            teaches: {card: principle-allow-time}
          - text: 您放心，今天下班前一定给您办好。
            next: calmer""",
        ("scenario 'rage-banner', field 'nodes[3].id'",
         "from node 'calmer' no path leads to an ending (a loop without a way out)"),
        at="      - id: calmer\n",
    ),
    Fault(
        "scenario-without-good-ending",
        "        ending: 转交上级\n", "        ending: 升级投诉\n",
        ("scenario 'silent-recordings', field 'nodes'", "no path leads to a good ending (化解 or 转交上级)"),
        at="    nodes:\n      - id: recordings\n",
    ),
    Fault(
        "scenario-node-with-one-reply",
        """          - text: 你们再这么吵，我们就不接待了。
            next: escalated
            verdict: bad
            feedback: 缺乏耐心、急于打发客户是大忌，群访时更会激化场面。
            teaches: {section: taboos#taboo-impatience}
""",
        "",
        ("scenario 'group-media-visit', field 'nodes[1]'", "a node that is not an ending needs two to four replies"),
        at="      - id: reception\n",
    ),
    Fault(
        "scenario-without-recoverable-wrong-turn",
        "            next: options\n            verdict: good\n            feedback: 补救：保持良好的态度",
        "            next: stuck\n            verdict: good\n            feedback: 补救：保持良好的态度",
        ("scenario 'active-agent', field 'nodes'",
         "no wrong turn can be recovered from: at least one bad reply must lead to a node from which "
         "a good ending (化解 or 转交上级) can still be reached"),
        at="    nodes:\n      - id: pressure\n",
    ),
    Fault(
        "scenario-bad-reply-to-good-ending",
        "急用钱时直接来找我。\n            next: promise-broken\n",
        "急用钱时直接来找我。\n            next: resolved\n",
        ("scenario 'crying-deceived', field 'nodes[10].replies[1].verdict'",
         "node 'worry': a bad reply leads straight to the good ending 'resolved' (转交上级); "
         "its explanation would not fit"),
        at="verdict: bad\n            feedback: 不能给客户任何的承诺，注意言行：向客户承诺",
    ),
    Fault(
        "scenario-narration-with-speaker",
        "        customer: （在接待室，三位客户你一言我一语，情绪仍然激动。）\n",
        "        customer: （在接待室，三位客户你一言我一语，情绪仍然激动。）\n        speaker: 客户\n",
        ("scenario 'group-media-visit', field 'nodes[1]'", "a line wholly in （…） is narration and takes no speaker"),
        at="      - id: reception\n",
    ),
    Fault(
        "review-date-not-a-date",
        "    owner: 柜面主管\n    reviewed: 2026-11-25\n", "    owner: 柜面主管\n    reviewed: 去年\n",
        ("card 'risk-identity', field 'reviewed'", "valid date"),
        at="    reviewed: 去年\n",
    ),
    Fault(
        "session-too-long",
        "    title: 抱怨客户类型\n    minutes: 10\n", "    title: 抱怨客户类型\n    minutes: 48\n",
        ("field 'session'", "the session's blocks add up to 128 minutes; a session runs 60–90"),
        at="session:\n",
    ),
    Fault(
        "session-unknown-roleplay",
        "    roleplays: [rage-banner,", "    roleplays: [rage-banners,",
        ("session block 'practice', field 'roleplays[0]'", "no scenario has the id 'rage-banners'"),
        at="    roleplays: [rage-banners,",
    ),
    Fault(
        "session-unknown-section",
        "    show: [taboos#taboos-list]", "    show: [taboos#taboo-list]",
        ("session block 'taboos', field 'show[0]'", "no heading with the id 'taboo-list'"),
        at="    show: [taboos#taboo-list]",
    ),
]
