"""Broken variants of the fixture site's training.yml (tests/sites/minimal), each with the
message the build and `make check` must give.

A fault replaces one snippet of that file. `at` is a snippet of the broken file whose
line the message must name. The fixture is the tests' own, so editing the real
training.yml breaks none of these.
"""

from dataclasses import dataclass

from tests.helpers import SITES, line_of

SOURCE_FILE = "training.yml"
FAULT_SITE = "minimal"
FAULT_SOURCE = SITES / FAULT_SITE / SOURCE_FILE


@dataclass(frozen=True)
class Fault:
    name: str
    old: str
    new: str
    expected: tuple[str, ...]  # parts of the one line that names the fault
    at: str

    def apply(self, text: str) -> str:
        assert text.count(self.old) >= 1, f"fault {self.name}: snippet not in the fixture's training.yml"
        return text.replace(self.old, self.new, 1)

    def broken(self) -> str:
        """The fixture's training.yml with this fault."""
        return self.apply(FAULT_SOURCE.read_text(encoding="utf-8"))

    def line(self, broken: str) -> int:
        return line_of(broken, self.at)

    def is_named_in(self, output: str, broken: str) -> bool:
        """Whether one line of the output names the file and line, the entry, the field and the fault."""
        where = f"{SOURCE_FILE}:{self.line(broken)}"
        return any(where in line and all(part in line for part in self.expected) for line in output.splitlines())


MEDIA_SAY = ("    say:\n      - example: 请您稍坐，我马上请办公室的同事来接待您。\n"
             "        from: 联系办公室人员，由他们出面接待。\n")

FAULTS = [
    Fault(
        "impossible-date",
        "    reviewed: 2026-11-25\n", "    reviewed: 2026-13-25\n",
        ("card 'signal-media', field 'reviewed'", "month value is outside expected range"),
        at="    reviewed: 2026-13-25\n",
    ),
    Fault(
        "review-date-not-a-date",
        "    reviewed: 2026-11-25\n", "    reviewed: 去年\n",
        ("card 'signal-media', field 'reviewed'", "valid date"),
        at="    reviewed: 去年\n",
    ),
    Fault(
        "over-indented-list-item",
        "      - deck: 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
        "      - deck: 除办公室人员外，其他人员一概不能随意接受媒体采访。\n          - 这一行多缩进了一级。\n",
        ("card 'signal-media', field 'cautions[0].deck'", "a list item hides inside this text"),
        at="      - deck: 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
    ),
    Fault(
        "full-width-colon",
        "    why:\n      - note: 对媒体的回应代表公司", "    why：\n      - note: 对媒体的回应代表公司",
        ("the key 'why' is followed by a full-width colon",),
        at="    why：\n",
    ),
    Fault(
        "yaml-syntax",
        "    title: 步骤一：让顾客发泄\n", "    title: [步骤一：让顾客发泄\n",
        ("YAML syntax error",),
        at="    chapter: steps\n    tags: [step]\n",
    ),
    Fault(
        "duplicate-key",
        "    why:\n      - deck: 打断顾客的发泄", "    title: 又一个标题\n    why:\n      - deck: 打断顾客的发泄",
        ("YAML syntax error", "the key 'title' is given twice"),
        at="    title: 又一个标题\n",
    ),
    Fault(
        "duplicate-id",
        "  - id: steps-media\n", "  - id: steps-first\n",
        ("question 'steps-first', field 'id'", "duplicate id 'steps-first' (also entry #1)"),
        at="  - id: steps-first\n    chapter: steps\n    type: true_false",
    ),
    Fault(
        "missing-field",
        "    situation:\n      - deck: 顾客正在发泄不满。\n", "",
        ("card 'step-listen', field 'situation'", "Field required"),
        at="  - id: step-listen\n",
    ),
    Fault(
        "card-without-say",
        MEDIA_SAY, "",
        ("card 'signal-media', field 'say'", "Field required"),
        at="  - id: signal-media\n",
    ),
    Fault(
        "unknown-field",
        "    situation:\n      - deck: 顾客正在发泄不满。",
        "    situation:\n      - deck: 顾客正在发泄不满。\n    sayings: [你好]",
        ("card 'step-listen', field 'sayings'", "Extra inputs are not permitted"),
        at="    sayings: [你好]",
    ),
    Fault(
        "empty-field",
        "      - deck: 打断顾客的发泄只会让事情变得更糟。", '      - deck: "  "',
        ("card 'step-listen', field 'why[0].deck'", "must not be empty"),
        at='      - deck: "  "',
    ),
    Fault(
        "wrong-type",
        MEDIA_SAY, "    say:\n      42\n",
        ("card 'signal-media', field 'say'", "Input should be a valid list"),
        at="    say:\n      42\n",
    ),
    Fault(
        "hard-wrapped-chinese",
        "      - deck: 顾客正在发泄不满。", "      - deck: >\n          顾客正在\n          发泄不满。",
        ("card 'step-listen', field 'situation[0].deck'", "write it on one line"),
        at="      - deck: >\n",
    ),
    Fault(
        "unknown-tag",
        "    tags: [step]\n", "    tags: [steps]\n",
        ("card 'step-listen', field 'tags[0]'", "unknown tag 'steps'"),
        at="    tags: [steps]\n",
    ),
    Fault(
        "unmarked-line",
        "      - deck: 我们真的非常同情你。\n", "      - 我们真的非常同情你。\n",
        ("card 'step-listen', field 'say[0]'", "mark the line: `deck:` for the course's own words"),
        at="      - 我们真的非常同情你。\n",
    ),
    Fault(
        "unmarked-reason",
        "    why:\n      - deck: 打断顾客的发泄只会让事情变得更糟。\n", "    why: 打断顾客的发泄只会让事情变得更糟。\n",
        ("card 'step-listen', field 'why'", "write this as a list of marked lines"),
        at="    why: 打断顾客的发泄只会让事情变得更糟。\n",
    ),
    Fault(
        "unmarked-caution",
        "      - deck: 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
        "      - 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
        ("card 'signal-media', field 'cautions[0]'", "`note:` for the site's own reading of the deck"),
        at="      - 除办公室人员外，其他人员一概不能随意接受媒体采访。\n",
    ),
    Fault(
        "two-marks",
        "      - note: 对媒体的回应代表公司，须由办公室人员统一出面接待。\n",
        "      - note: 对媒体的回应代表公司，须由办公室人员统一出面接待。\n        deck: 对媒体的回应代表公司。\n",
        ("card 'signal-media', field 'why[0]'", "give exactly one of `deck:`, `example:` or `note:`"),
        at="      - note: 对媒体的回应代表公司，须由办公室人员统一出面接待。\n",
    ),
    Fault(
        "original-that-is-not-the-line",
        "      - deck: 我们真的非常同情你。\n",
        "      - deck: 我们真的非常同情您。\n        original: 我们非常同情你。\n",
        ("card 'step-listen', field 'say[0]'", "`original:` may differ from the line only by 你"),
        at="      - deck: 我们真的非常同情您。\n",
    ),
    Fault(
        "example-without-from",
        "      - example: 嗯，我在听，您接着说。\n        from: 让顾客知道你正在听。\n",
        "      - example: 嗯，我在听，您接着说。\n",
        ("card 'step-listen', field 'say[1]'", "an `example:` line needs `from:`"),
        at="      - example: 嗯，我在听，您接着说。\n",
    ),
    Fault(
        "deck-line-with-from",
        "      - deck: 我们真的非常同情你。\n", "      - deck: 我们真的非常同情你。\n        from: 课程原话。\n",
        ("card 'step-listen', field 'say[0]'", "a `deck:` line is the course's own words and takes no `from:`"),
        at="      - deck: 我们真的非常同情你。\n",
    ),
    Fault(
        "unknown-card",
        "    teaches: {card: step-listen}\n\n  - id: steps-media",
        "    teaches: {card: step-listens}\n\n  - id: steps-media",
        ("question 'steps-first', field 'teaches.card'", "no card has the id 'step-listens'"),
        at="teaches: {card: step-listens}",
    ),
    Fault(
        "unknown-page",
        "  - id: steps-media\n    chapter: steps\n", "  - id: steps-media\n    chapter: step\n",
        ("question 'steps-media', field 'chapter'", "no page 'step'"),
        at="    chapter: step\n",
    ),
    Fault(
        "unknown-section",
        "    teaches: {section: steps#steps}\n\n  - id: steps-blank",
        "    teaches: {section: steps#step}\n\n  - id: steps-blank",
        ("question 'steps-both', field 'teaches.section'", "no heading with the id 'step'"),
        at="teaches: {section: steps#step}",
    ),
    Fault(
        "single-two-correct",
        "      - text: 马上解释\n        correct: false", "      - text: 马上解释\n        correct: true",
        ("question 'steps-first', field 'options'", "a single question needs exactly one correct option, found 2"),
        at="    options:\n      - text: 仔细聆听",
    ),
    Fault(
        "single-no-correct",
        "      - text: 仔细聆听\n        correct: true\n        feedback: 对，先让顾客发泄。",
        "      - text: 仔细聆听\n        correct: false\n        feedback: 对，先让顾客发泄。",
        ("question 'steps-first', field 'options'", "found 0"),
        at="    options:\n      - text: 仔细聆听",
    ),
    Fault(
        "vocabulary-term-in-no-card",
        "    - term: 媒体\n", "    - term: 消防队\n",
        ("field 'vocabulary.groups[0].term'", "the term '消防队' occurs in no card"),
        at="    - term: 消防队\n",
    ),
    Fault(
        "vocabulary-group-holds-an-emergency",
        "      staff: [记者, 电视台]\n  filler: [怎么办]\n",
        "      staff: [记者, 电视台, 有人跳楼]\n  filler: [怎么办]\n  emergency: [跳楼]\n",
        ("field 'vocabulary.groups[0].staff[2]'", "'有人跳楼' names an emergency ('跳楼' in vocabulary.emergency)"),
        at="      staff: [记者, 电视台, 有人跳楼]\n",
    ),
    Fault(
        "vocabulary-figure-without-an-emergency",
        "  filler: [怎么办]\n", "  filler: [怎么办]\n  emergency: [点火]\n  emergency_figures: [煽风点火, 火冒三丈]\n",
        ("field 'vocabulary.emergency_figures[1]'", "'火冒三丈' holds no word of vocabulary.emergency"),
        at="  emergency_figures: [煽风点火, 火冒三丈]\n",
    ),
    Fault(
        "vocabulary-group-holds-a-sign-on-the-body",
        "      staff: [记者, 电视台]\n  filler: [怎么办]\n",
        "      staff: [记者, 电视台, 嘴唇发紫]\n  filler: [怎么办]\n"
        "  emergency_signs:\n    body: [嘴唇]\n    signs: [发紫]\n",
        ("field 'vocabulary.groups[0].staff[2]'", "'嘴唇发紫' names an emergency ('嘴唇发紫', a sign in"),
        at="      staff: [记者, 电视台, 嘴唇发紫]\n",
    ),
    Fault(
        "vocabulary-figure-inside-an-emergency",
        "  filler: [怎么办]\n", "  filler: [怎么办]\n  emergency: [低血糖]\n  emergency_figures: [血糖]\n",
        ("field 'vocabulary.emergency_figures[0]'", "'血糖' is part of the emergency word '低血糖'"),
        at="  emergency_figures: [血糖]\n",
    ),
    Fault(
        "vocabulary-claim-condition-no-emergency",
        "  filler: [怎么办]\n",
        "  filler: [怎么办]\n  emergency: [火灾]\n"
        "  emergency_contexts:\n    - conditions: [火灾, 车祸]\n      words: [理赔]\n",
        ("field 'vocabulary.emergency_contexts[0].conditions[1]'", "'车祸' is no word of vocabulary.emergency"),
        at="    - conditions: [火灾, 车祸]\n",
    ),
    Fault(
        "vocabulary-staff-words-of-no-answer",
        "  filler: [怎么办]\n", "  filler: [怎么办]\n  staff_words:\n    step-lisen: [插话]\n",
        ("field 'vocabulary.staff_words.step-lisen'", "'step-lisen' is no card id and no findable section"),
        at="    step-lisen: [插话]\n",
    ),
    Fault(
        "vocabulary-staff-word-names-an-emergency",
        "  filler: [怎么办]\n",
        "  filler: [怎么办]\n  emergency: [跳楼]\n  staff_words:\n    step-listen: [插话, 要跳楼]\n",
        ("field 'vocabulary.staff_words.step-listen[1]'",
         "'要跳楼' names an emergency ('跳楼' in vocabulary.emergency)"),
        at="    step-listen: [插话, 要跳楼]\n",
    ),
    Fault(
        "vocabulary-dialect-word-the-course-says",
        "  filler: [怎么办]\n", "  filler: [怎么办]\n  dialect: {佢: 他, 媒体: 传媒}\n",
        ("field 'vocabulary.dialect.媒体'", "the regional word '媒体' occurs in the course"),
        at="  dialect: {佢: 他, 媒体: 传媒}\n",
    ),
    Fault(
        "scenario-reply-to-missing-node",
        "            next: listening\n", "            next: listenning\n",
        ("scenario 'angry-customer', field 'nodes[0].replies[0].next'",
         "node 'threat': reply 1 leads to 'listenning', which does not exist"),
        at="            next: listenning\n",
    ),
    Fault(
        "scenario-unreachable-node",
        "            next: doubt\n", "            next: escalated\n",
        ("scenario 'angry-customer', field 'nodes[3].id'", "node 'doubt' cannot be reached from the start"),
        at="      - id: doubt\n",
    ),
    Fault(
        "scenario-loop-without-way-out",
        "            next: angry\n            verdict: good\n            feedback: 补救：收回做不到的承诺。\n"
        "            teaches: {section: summary#closing}\n          - text: 我们一向说到做到。\n"
        "            next: escalated\n",
        "            next: doubt\n            verdict: good\n            feedback: 补救：收回做不到的承诺。\n"
        "            teaches: {section: summary#closing}\n          - text: 我们一向说到做到。\n"
        "            next: doubt\n",
        ("scenario 'angry-customer', field 'nodes[3].id'",
         "from node 'doubt' no path leads to an ending (a loop without a way out)"),
        at="      - id: doubt\n",
    ),
    Fault(
        "scenario-without-good-ending",
        "        ending: 化解\n", "        ending: 媒体介入\n",
        ("scenario 'angry-customer', field 'nodes'", "no path leads to a good ending (化解 or 转交上级)"),
        at="    nodes:\n      - id: threat\n",
    ),
    Fault(
        "scenario-node-with-one-reply",
        "          - text: 那您先冷静一下。\n            next: escalated\n            verdict: bad\n"
        "            feedback: 急于打发客户是大忌。\n            teaches: {section: summary#closing}\n",
        "",
        ("scenario 'angry-customer', field 'nodes[2]'", "a node that is not an ending needs two to four replies"),
        at="      - id: angry\n",
    ),
    Fault(
        "scenario-without-recoverable-wrong-turn",
        "          - text: 管，这件事由我来负责。您说，我在听。\n            next: listening\n",
        "          - text: 管，这件事由我来负责。您说，我在听。\n            next: angry\n",
        ("scenario 'angry-customer', field 'nodes'",
         "no wrong turn can be recovered from: at least one bad reply must lead to a node from which "
         "a good ending (化解 or 转交上级) can still be reached"),
        at="    nodes:\n      - id: threat\n",
    ),
    Fault(
        "scenario-bad-reply-to-good-ending",
        "          - text: 我们一向说到做到。\n            next: escalated\n",
        "          - text: 我们一向说到做到。\n            next: resolved\n",
        ("scenario 'angry-customer', field 'nodes[3].replies[1].verdict'",
         "node 'doubt': a bad reply leads straight to the good ending 'resolved' (化解); "
         "its explanation would not fit"),
        at="verdict: bad\n            feedback: 又一个做不到的承诺。",
    ),
    Fault(
        "scenario-narration-with-speaker",
        "        customer: （客户坐下来，把事情说了一遍。）\n",
        "        customer: （客户坐下来，把事情说了一遍。）\n        speaker: 客户\n",
        ("scenario 'angry-customer', field 'nodes[1]'", "a line wholly in （…） is narration and takes no speaker"),
        at="      - id: listening\n",
    ),
    Fault(
        "session-too-long",
        "    title: 角色扮演\n    minutes: 20\n", "    title: 角色扮演\n    minutes: 60\n",
        ("field 'session'", "the session's blocks add up to 120 minutes; a session runs 60–90"),
        at="session:\n",
    ),
    Fault(
        "session-unknown-roleplay",
        "    roleplays: [angry-customer]", "    roleplays: [angry-customers]",
        ("session block 'practice', field 'roleplays[0]'", "no scenario has the id 'angry-customers'"),
        at="    roleplays: [angry-customers]",
    ),
    Fault(
        "session-unknown-section",
        "    show: [steps#steps]", "    show: [steps#step]",
        ("session block 'steps', field 'show[0]'", "no heading with the id 'step'"),
        at="    show: [steps#step]",
    ),
]


# --- Faults of the pages and of the settings ----------------------------------------------


@dataclass(frozen=True)
class PageFault:
    """A page of the fixture site edited: one snippet replaced, and the message the build must give.
    With `at`, the message starts with the page and the line of that snippet of the edited page."""

    name: str
    page: str  # under docs/
    old: str
    new: str
    expected: str
    at: str | None = None

    def apply(self, project) -> str:
        """Break the page in a copy of the fixture site; the message the build must give."""
        page = project / "docs" / self.page
        text = page.read_text(encoding="utf-8")
        assert self.old in text, f"fault {self.name}: snippet not in the fixture's {self.page}"
        text = text.replace(self.old, self.new, 1)
        page.write_text(text, encoding="utf-8")
        return f"docs/{self.page}:{line_of(text, self.at)}: {self.expected}" if self.at else self.expected


PAGE_FAULTS = [
    PageFault("unknown-card", "steps.md", '{{ cards("step") }}', '{{ card("no-such-card") }}',
              "steps.md: no card has the id 'no-such-card'"),
    PageFault("unknown-tag", "steps.md", '{{ cards("step") }}', '{{ cards("steps") }}',
              "steps.md: no tag 'steps'"),
    PageFault("card-on-wrong-page", "steps.md",
              "## 本章测验 {#quiz}", '{{ card("signal-media") }}\n\n## 本章测验 {#quiz}',
              "card 'signal-media' belongs to the chapter 'signals', not to 'steps'"),
    PageFault("card-placed-twice", "signals.md", '{{ cards("signal") }}',
              '{{ cards("signal") }}\n\n{{ card("signal-media") }}', "card 'signal-media' is placed twice"),
    PageFault("card-on-no-page", "signals.md", '{{ cards("signal") }}', "",
              "training.yml has entries that no page shows: card 'signal-media'"),
    PageFault("quiz-on-no-page", "steps.md", "{{ quiz() }}", "",
              "training.yml has entries that no page shows: the quiz of chapter 'steps'"),
    PageFault("unknown-quiz", "summary.md", "## 结语 {#closing}", "{{ quiz() }}\n\n## 结语 {#closing}",
              "summary.md: no question in training.yml has the chapter 'summary'"),
    PageFault("unknown-macro", "summary.md", "## 结语 {#closing}", "{{ phrase_card('x') }}\n\n## 结语 {#closing}",
              "summary.md: 'phrase_card' is undefined"),
    # The page rules (macros/integration/pages.py), named with the page and the line
    PageFault("heading-without-id", "summary.md", "## 结语 {#closing}", "## 结语",
              "the heading has no id", at="## 结语"),
    PageFault("hard-wrapped-chinese", "summary.md",
              "## 结语 {#closing}", "## 结语 {#closing}\n\n这一段写到一半\n就换了行。",
              "Chinese text is broken across two lines", at="这一段写到一半"),
]

# mkdocs.yml's extra.review_interval_days, and the message the build and `make check` give
BAD_REVIEW_INTERVALS = ["0", "半年", "90.5"]
BAD_REVIEW_INTERVAL = "mkdocs.yml: extra.review_interval_days must be a whole number of days"


def set_review_interval(project, interval: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "review_interval_days: 180" in text
    config.write_text(text.replace("review_interval_days: 180", f"review_interval_days: {interval}"),
                      encoding="utf-8")


# CKB_TODAY, the day the build and `make check` compare review dates with, set to no day
BAD_DAY = "2027-13-01"
BAD_DAY_MESSAGE = "CKB_TODAY='2027-13-01' is not a day: write it as YYYY-MM-DD"
