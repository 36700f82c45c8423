"""The shape of training.yml: phrasing cards, quiz questions, tags, search terms.

Checks that need only one entry live here; checks across entries (ids,
references to cards and pages) live in references.py.
"""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..contracts import ENDINGS

# Two Chinese characters split by white space: a hard-wrapped line, which the
# browser would show as a stray space.
_WRAPPED_CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]\s+[\u3400-\u9fff]")


def _not_hard_wrapped(text: str) -> str:
    if _WRAPPED_CHINESE.search(text):
        raise ValueError("Chinese text is broken by a space or line break; write it on one line")
    return text


# " - " inside a text: a list item indented one step too far, which YAML joins
# to the line above it.
_HIDDEN_ITEM = re.compile(r"\s-\s+\S")


def _no_hidden_list_item(text: str) -> str:
    found = _HIDDEN_ITEM.search(text)
    if found:
        hidden = text[found.start():found.start() + 12].strip()
        raise ValueError(f"a list item hides inside this text (“{hidden}…”): it is indented one step "
                         "too far, so YAML joined it to the line above; indent it like the item above")
    return text


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_not_hard_wrapped),
    AfterValidator(_no_hidden_list_item),
]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
SectionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]
PageRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(#[a-z0-9-]+)?$")]  # a page, or one of its sections
Lines = Annotated[list[Text], Field(default_factory=list)]


class _Entry(BaseModel):
    # A field's docstring is its description in training.schema.json (make schema), which editors show.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


_UNMARKED = ("mark the line: `deck:` for the course's own words, `example:` with `from:` for a line "
             "written from the deck's guidance, or `note:` for the site's own reading of the deck")
_KINDS = ("deck", "example", "note")
_ONE_MARK = f"give exactly one of `deck:`, `example:` or `note:`; {_UNMARKED}"
_EXAMPLE_NEEDS_FROM = "an `example:` line needs `from:` quoting the deck sentence it carries out"
_DECK_TAKES_NO_FROM = "a `deck:` line is the course's own words and takes no `from:`"
_ORIGINAL_OF_DECK = "`original:` is the deck's wording of a `deck:` line; this line is not one"


def _refused(keys: tuple[str, ...], message: str) -> dict:
    """JSON Schema: these keys may not be given here; `errorMessage` is what yaml-language-server then says."""
    return {"properties": dict.fromkeys(keys, False), "errorMessage": message}


# The marks as JSON Schema, for editors (training.schema.json): a mark, and only one; `from:` with
# every `example:` and never with `deck:`; `original:` only on a `deck:` line. The validators below
# say the same, in the same words; tests/test_schema_json.py holds the two together.
_LINE_KINDS_SCHEMA = {
    "anyOf": [{"required": [kind]} for kind in _KINDS],
    "dependencies": {
        "deck": {"allOf": [_refused(("example", "note"), _ONE_MARK), _refused(("from",), _DECK_TAKES_NO_FROM)]},
        "example": {"required": ["from"],
                    "allOf": [_refused(("note",), _ONE_MARK), _refused(("original",), _ORIGINAL_OF_DECK)]},
        "note": _refused(("original",), _ORIGINAL_OF_DECK),
    },
}


class Line(_Entry):
    """One line of a card, marked by where its words come from.

    `deck:` is the course's own words (课程原话). `example:` is a line written to
    carry out the deck's guidance (示例); `from:` quotes the deck sentence it carries
    out. `note:` is the site's own reading of the deck (本站说明), which the card's
    owner signs off (`notes_signed_off` of the card); it may quote what it reads in
    `from:`. `speaker:` says who speaks a line when that is not the counter employee
    (the site's reading too, shown as such). `original:` keeps the deck's wording of a
    `deck:` line shown in 您 where the deck says 你 (a line said to a customer).
    """

    model_config = ConfigDict(json_schema_extra=_LINE_KINDS_SCHEMA)

    deck_text: Text | None = Field(default=None, alias="deck")
    """课程原话: the deck's own words, clause by clause (the tests check each against the deck)."""
    example_text: Text | None = Field(default=None, alias="example")
    """示例: a line written to carry out the deck's guidance; `from:` names the deck sentence."""
    note_text: Text | None = Field(default=None, alias="note")
    """本站说明: the site's own reading of the deck, signed off by the card's owner (`notes_signed_off`)."""
    source: Text | None = Field(default=None, alias="from")
    """The deck sentence an `example:` carries out (required there), or that a `note:` reads; never on `deck:`."""
    speaker: Text | None = None
    """Who says the line when it is not the counter employee (客户, 出面接待的主管或经理 …); the site's reading."""
    original: Text | None = None
    """The deck's wording of a `deck:` line shown in 您 where the deck says 你; it differs only there."""

    @model_validator(mode="before")
    @classmethod
    def _is_marked(cls, data):
        if not isinstance(data, dict):
            raise ValueError(_UNMARKED)
        return data

    @model_validator(mode="after")
    def _one_mark_and_its_source(self):
        given = [kind for kind in _KINDS if getattr(self, f"{kind}_text") is not None]
        if len(given) != 1:
            raise ValueError(_ONE_MARK)
        if self.kind == "example" and self.source is None:
            raise ValueError(_EXAMPLE_NEEDS_FROM)
        if self.kind == "deck" and self.source is not None:
            raise ValueError(_DECK_TAKES_NO_FROM)
        if self.original is not None:
            if self.kind != "deck":
                raise ValueError(_ORIGINAL_OF_DECK)
            if self.original.replace("你", "您") != self.text or self.original == self.text:
                raise ValueError("`original:` may differ from the line only by 你 where the line says 您")
        return self

    @property
    def kind(self) -> str:
        """deck (课程原话), example (示例) or note (本站说明)."""
        return next(kind for kind in _KINDS if getattr(self, f"{kind}_text") is not None)

    @property
    def text(self) -> str:
        return getattr(self, f"{self.kind}_text")

    @property
    def example(self) -> bool:
        """True for a 示例 line, written from the deck's guidance."""
        return self.kind == "example"

    @property
    def note(self) -> bool:
        """True for a 本站说明 line, the site's own reading of the deck."""
        return self.kind == "note"


def _a_list_of_lines(value):
    """A card's text written as one plain text, not as a list of marked lines."""
    if isinstance(value, str):
        raise ValueError(f"write this as a list of marked lines (`- deck: …`); {_UNMARKED}")
    return value


MarkedLines = Annotated[list[Line], BeforeValidator(_a_list_of_lines), Field(default_factory=list)]
SomeLines = Annotated[list[Line], BeforeValidator(_a_list_of_lines), Field(min_length=1)]


class Card(_Entry):
    """A phrasing card: every text of it is a marked line (课程原话, 示例 or 本站说明)."""

    id: Id
    """The card's anchor is card-<id>, in trainers' links: never rename an id in use."""
    title: Text
    """The card's heading, e.g. 类型二：嚎啕大哭，说被人所骗."""
    chapter: Id
    """The page that shows the card (docs/<chapter>.md), which must call {{ cards("<one of its tags>") }}."""
    owner: Text
    """The role that keeps the card up to date, e.g. 柜面主管."""
    reviewed: Annotated[date, Field(strict=False)]
    """When the card was last reviewed (YYYY-MM-DD); past the review interval it shows 待复核."""
    notes_signed_off: Annotated[date | None, Field(default=None, strict=False)]
    """When the owner signed off the card's 本站说明 lines and speakers (YYYY-MM-DD); until then it says they wait."""
    tags: Annotated[list[Id], Field(min_length=1)]
    """Tags from `tags:` at the top of the file; the chapter's page shows the cards of one of them."""
    situation: SomeLines
    """什么时候: when the card applies."""
    do: SomeLines
    """怎么做: what to do."""
    say: SomeLines
    """怎么说: what to say."""
    dont_say: MarkedLines
    """不要怎么说: what not to say (may be left out)."""
    cautions: MarkedLines
    """⚠注意: cautions (may be left out)."""
    why: SomeLines
    """为什么: why."""
    keywords: Lines
    """Words staff would type for this card, kept whole in the search index and shown as chips (at least three)."""

    @property
    def lines(self) -> list[Line]:
        return [*self.situation, *self.do, *self.say, *self.dont_say, *self.cautions, *self.why]

    @property
    def note_count(self) -> int:
        """How many of its lines are the site's readings (本站说明, or a speaker the site names)."""
        return sum(1 for line in self.lines if line.note or line.speaker)

    @property
    def has_notes(self) -> bool:
        return self.note_count > 0

    @property
    def notes_pending(self) -> bool:
        """The card holds the site's readings that its owner has not signed off yet."""
        return self.has_notes and self.notes_signed_off is None


class Option(_Entry):
    """One option of a single, multiple or true_false question."""

    text: Text
    """The option as shown (true_false: 正确 and 错误)."""
    correct: bool
    """Whether choosing it is right."""
    feedback: Text
    """Shown once the option is chosen; a right option's restates the rule, not a bare 对。"""


_ONE_TARGET = "give exactly one of card or section"


class Teaches(_Entry):
    """Where a question's answer is taught: a card, or a section `chapter#anchor`."""

    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["card"]}, {"required": ["section"]}],
        "dependencies": {"card": _refused(("section",), _ONE_TARGET)},
    })

    card: Id | None = None
    """The id of the card that teaches it."""
    section: SectionRef | None = None
    """A section that teaches it: chapter#heading-id, e.g. origins#what-customers-want."""

    @model_validator(mode="after")
    def _exactly_one_target(self):
        if (self.card is None) == (self.section is None):
            raise ValueError(_ONE_TARGET)
        return self


QuestionType = Literal["single", "multiple", "true_false", "fill_blank", "ordering"]
CHOICE_TYPES = ("single", "multiple", "true_false")
# What each type of question needs, and how many of it at least: the other two stay empty.
NEEDS = {**{kind: ("options", 2) for kind in CHOICE_TYPES}, "fill_blank": ("blanks", 1), "ordering": ("order", 3)}
ANSWER_FIELDS = ("options", "blanks", "order")
TRUE_FALSE_OPTIONS = 2
BLANK = "___"  # marks a blank in the stem of a fill_blank question


def _type_needs_schema() -> dict:
    """NEEDS as JSON Schema, for editors: `type: single` asks for `options`, and so on."""
    rules = []
    for kind, (needed, least) in NEEDS.items():
        fields = {field: {"maxItems": 0} for field in ANSWER_FIELDS}
        fields[needed] = {"minItems": least}
        if kind == "true_false":
            fields[needed]["maxItems"] = TRUE_FALSE_OPTIONS
        if needed == "order":
            fields[needed]["uniqueItems"] = True
        rules.append({"if": {"required": ["type"], "properties": {"type": {"const": kind}}},
                      "then": {"required": [needed], "properties": fields}})
    return {"allOf": rules}


class Question(_Entry):
    """A quiz question of its chapter's quiz, also in the exam (综合测验) and the answer key (答案)."""

    model_config = ConfigDict(json_schema_extra=_type_needs_schema())

    id: Id
    """The question's anchor is q-<id> (and answer-<id>): never rename an id in use; retire it instead."""
    chapter: Id
    """The page whose {{ quiz() }} asks it (docs/<chapter>.md)."""
    type: QuestionType
    """single, multiple, true_false (with `options`), fill_blank (with `blanks`) or ordering (with `order`)."""
    stem: Text
    """The question; a fill_blank stem marks each blank with ___."""
    options: Annotated[list[Option], Field(default_factory=list)]
    """single, multiple, true_false: the options, each right or wrong (single and true_false: one right)."""
    blanks: Annotated[list[Annotated[list[Text], Field(min_length=1)]], Field(default_factory=list)]
    """fill_blank: for each ___ in the stem, the answers accepted."""
    order: Lines
    """ordering: at least three different items, in their right order (shown scrambled)."""
    explanation: Text
    """Shown with the answer: 出自“<the card's title or the section's heading>”：… what the course says."""
    teaches: Teaches
    """Where the answer is taught: {card: <id>} or {section: chapter#heading-id}."""

    @field_validator("options")
    @classmethod
    def _answers_fit_type(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        kind = info.data.get("type")
        correct = sum(option.correct for option in options)
        if kind in ("single", "true_false") and correct != 1:
            raise ValueError(f"a {kind} question needs exactly one correct option, found {correct}")
        if kind == "true_false" and len(options) != TRUE_FALSE_OPTIONS:
            raise ValueError(f"a true_false question has exactly two options, found {len(options)}")
        if kind == "multiple" and not 0 < correct < len(options):
            raise ValueError("a multiple question needs at least one correct and one wrong option")
        return options

    @field_validator("blanks")
    @classmethod
    def _one_answer_list_per_blank(cls, blanks: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        marks = info.data.get("stem", "").count(BLANK)
        if blanks and marks != len(blanks):
            raise ValueError(f"the stem has {marks} blanks ({BLANK}) but {len(blanks)} answer lists are given")
        return blanks

    @field_validator("order")
    @classmethod
    def _distinct_items(cls, order: list[str]) -> list[str]:
        least = NEEDS["ordering"][1]
        if order and (len(order) < least or len(set(order)) != len(order)):
            raise ValueError("an ordering question needs at least three different items")
        return order

    @model_validator(mode="after")
    def _has_what_its_type_needs(self):
        needed, least = NEEDS[self.type]
        for field in ANSWER_FIELDS:
            given = bool(getattr(self, field))
            if field == needed and not given:
                raise ValueError(f"a {self.type} question needs '{field}'")
            if field != needed and given:
                raise ValueError(f"a {self.type} question takes no '{field}'")
        if self.type in CHOICE_TYPES and len(self.options) < least:
            raise ValueError(f"a {self.type} question needs at least two options")
        return self


Mood = Literal["平静", "不满", "愤怒", "哭泣", "沉默"]
Ending = Literal[ENDINGS]  # contracts.ENDINGS: the good ones, then the bad ones, the worst last
Verdict = Literal["good", "bad"]


class Reply(_Entry):
    """What the employee may say, where it leads, and which card or section it follows or breaks."""

    text: Text
    """What the employee says."""
    next: Id
    """The id of the node it leads to."""
    verdict: Verdict
    """good or bad."""
    feedback: Text
    """Shown once the reply is chosen."""
    teaches: Teaches
    """The card or section the reply follows or breaks."""


# A line wholly in full-width brackets is narration: what happens, said by nobody.
_NARRATION = re.compile(r"^（[^（）]*）$")
DEFAULT_SPEAKER = "客户"


class Node(_Entry):
    """What the customer (or `speaker`) says or does; either replies follow, or the scenario ends here.

    `speaker` names who talks when it is not the customer (离职业务员, 业务员, 记者 …).
    A line wholly in （…） is narration and is shown without a speaker.
    """

    id: Id
    customer: Text
    """What the customer (or the speaker) says; a line wholly in （…） is narration."""
    speaker: Text | None = None
    """Who talks when it is not the customer (离职业务员, 业务员, 记者 …)."""
    mood: Mood
    replies: Annotated[list[Reply], Field(default_factory=list, max_length=4)]
    """Two to four replies, unless the node is an ending."""
    ending: Ending | None = None
    """Ends the scenario here: 化解, 升级投诉, 媒体介入 or 转交上级 (with an explanation, without replies)."""
    explanation: Text | None = None
    """Why the scenario ended this way, true for every way that leads here."""

    @property
    def narration(self) -> bool:
        return bool(_NARRATION.match(self.customer))

    @property
    def who(self) -> str | None:
        """The speaker's label, or None for narration."""
        return None if self.narration else self.speaker or DEFAULT_SPEAKER

    @model_validator(mode="after")
    def _continues_or_ends(self):
        if self.ending is None and len(self.replies) < 2:
            raise ValueError("a node that is not an ending needs two to four replies")
        if self.ending is not None and (self.replies or self.explanation is None):
            raise ValueError("an ending has an explanation and no replies")
        if self.speaker is not None and self.narration:
            raise ValueError("a line wholly in （…） is narration and takes no speaker")
        return self


class Scenario(_Entry):
    id: Id
    title: Text
    trains: Teaches
    """The card or section the scenario trains."""
    situation: Text
    """The scene, told to the learner before the customer speaks."""
    start: Id
    """The id of the first node."""
    nodes: Annotated[list[Node], Field(min_length=2)]


SESSION_MINUTES = (60, 90)  # the shortest and the longest classroom session


class SessionBlock(_Entry):
    """One block of the 培训师指南 session plan, in the deck's order."""

    id: Id
    title: Text
    minutes: Annotated[int, Field(ge=1, le=60)]
    show: Annotated[list[PageRef], Field(min_length=1)]
    """What to put on the screen: a chapter, or chapter#heading-id."""
    prompts: Lines
    """Discussion questions for the room."""
    roleplays: Annotated[list[Id], Field(default_factory=list)]
    """The ids of the scenarios played in this block."""
    quiz: Id | None = None
    """The chapter whose quiz closes the block, or exam."""


class VocabularyGroup(_Entry):
    """Words staff say (`staff`) for what the course calls `term`."""

    term: Text
    """The course's word, which some card or section uses."""
    staff: Annotated[list[Text], Field(min_length=1)]
    """Words staff say for it, each meaning the term (宽限期 is not 保单恢复期)."""


class EmergencyContext(_Entry):
    """Emergency words a context makes ordinary: a claim names what it is for (心梗, 火灾, 被盗),
    a protest lies on the floor (躺在地上 … 不起来).

    A query holding one of `words` (理赔, 火灾险, 去年 …; 不起来, 撒泼 …) and none of `now`
    (突然, 正在 …) is in the context: the emergency words of `conditions` in it (and the
    emergency words that hold one or sound like one) do not count. Every other emergency word
    still counts (理赔被拒，客户拿头撞玻璃，满脸是血 is one).
    """

    conditions: Lines
    """Emergency words (each in `emergency`) that the context makes ordinary."""
    words: Lines
    """Words that make a query this context (a claim, a policy, a time gone by; a protest)."""
    now: Lines
    """Words that say it is happening now: a query holding one is never only this context."""


class EmergencySigns(_Entry):
    """Signs on the body (脸色 … 发紫, 嘴角 … 在抽): a part of `body` with one of `signs` a few
    characters after it names an emergency, unless it is what a mood does to a face: a `moods`
    word, then one of `mood_signs` (气得脸发青, 吓得脸色发白; 气得嘴唇发紫 still counts)."""

    body: Lines
    """Parts of the body, of two characters or more where one would start other words (手 of 手机)."""
    signs: Lines
    """What an emergency does to them (发紫, 冰凉, 动不了)."""
    moods: Lines
    """Words of a mood (气得, 吓得)."""
    mood_signs: Lines
    """What a mood does, or is said to do (发白, 发青; 想跳楼, 气出心脏病): after a mood word, no emergency."""


class Vocabulary(_Entry):
    """How site search and 话术速查 read a query: staff words, the filler of speech, emergencies.

    `emergency` lists the words of emergencies the course does not cover (a threat
    of self-harm, a weapon, a fight, a robbery, someone collapsing, a fire): a query
    holding one shows the company's instruction (mkdocs.yml's extra.emergency)
    first, and no group may hold one, so that none leads to a card.
    """

    groups: Annotated[list[VocabularyGroup], Field(default_factory=list)]
    filler: Lines
    """The filler of spoken sentences (客户说, 我该, 怎么办 …), dropped from a query."""
    emergency: Lines
    """Words of emergencies the course does not cover; none may be in a group."""
    emergency_figures: Lines
    """Figures of speech that hold an emergency's word (煽风点火, 头顶冒烟): taken out of a
    query before its emergencies are looked for; one written "被踢…皮球" is its parts in this order, a
    few characters apart. Each must hold a word of `emergency`."""
    emergency_signs: EmergencySigns = EmergencySigns()
    """Signs on the body that name an emergency (嘴唇 … 发紫), unless a mood makes them (气得)."""
    emergency_contexts: Annotated[list[EmergencyContext], Field(default_factory=list)]
    """Emergency words a context makes ordinary (a claim's 心梗, a protest's 躺在地上)."""
    staff_words: Annotated[dict[Text, list[Text]], Field(default_factory=dict)]
    """Words staff used when they looked for a card or a section (`chapter#anchor`) and the
    course does not say: said, each finds it as its keywords do (reached through a word of its
    vocabulary group, as its text does), and is shown nowhere. `make
    staff-words` proposes them from the query sets' tuning half; none may name an emergency."""
    dialect: Annotated[dict[Text, Text], Field(default_factory=dict)]
    """Words of regional speech and the common word they say (唔: 不, 佢: 他, 细路: 小孩, 嘎达: 地方):
    a query is read with them replaced, longest first. None may occur in the course."""


class RetiredQuestion(_Entry):
    """A question taken out: trainers' links to it (q-<id>, answer-<id>) land on its quiz's questions."""

    id: Id
    chapter: Id
    replaced_by: Id | None = None
    """The question that took its place, if any (any chapter)."""


class TrainingSource(_Entry):
    """training.yml: the one source of the site's cards, questions, role-plays and session plan."""

    tags: dict[Id, Text]
    """The tags a card can carry, each with the label shown on the site."""
    search_terms: Lines
    """Domain words site search keeps whole (jieba's user dictionary)."""
    vocabulary: Vocabulary = Vocabulary()
    """How site search and 话术速查 read a query: staff words, the filler of speech, emergencies."""
    cards: list[Card]
    """The phrasing cards, in the order the pages show them."""
    questions: list[Question]
    """The quiz questions, in the order the quizzes ask them."""
    retired_questions: Annotated[list[RetiredQuestion], Field(default_factory=list)]
    """Questions taken out, whose old anchors land on their chapter's quiz."""
    scenarios: Annotated[list[Scenario], Field(default_factory=list)]
    """The role-play scenarios (情景演练)."""
    session: Annotated[list[SessionBlock], Field(default_factory=list)]
    """The 培训师指南 session plan: blocks in the deck's order, 60 to 90 minutes in all."""

    @field_validator("session")
    @classmethod
    def _session_fits_its_time(cls, session: list[SessionBlock]) -> list[SessionBlock]:
        total = sum(block.minutes for block in session)
        shortest, longest = SESSION_MINUTES
        if session and not shortest <= total <= longest:
            raise ValueError(f"the session's blocks add up to {total} minutes; a session runs {shortest}–{longest}")
        return session
