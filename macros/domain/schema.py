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
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_UNMARKED = ("mark the line: `deck:` for the course's own words, `example:` with `from:` for a line "
             "written from the deck's guidance, or `note:` for the site's own reading of the deck")
_KINDS = ("deck", "example", "note")


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

    deck_text: Text | None = Field(default=None, alias="deck")
    example_text: Text | None = Field(default=None, alias="example")
    note_text: Text | None = Field(default=None, alias="note")
    source: Text | None = Field(default=None, alias="from")
    speaker: Text | None = None
    original: Text | None = None

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
            raise ValueError(f"give exactly one of `deck:`, `example:` or `note:`; {_UNMARKED}")
        if self.kind == "example" and self.source is None:
            raise ValueError("an `example:` line needs `from:` quoting the deck sentence it carries out")
        if self.kind == "deck" and self.source is not None:
            raise ValueError("a `deck:` line is the course's own words and takes no `from:`")
        if self.original is not None:
            if self.kind != "deck":
                raise ValueError("`original:` is the deck's wording of a `deck:` line; this line is not one")
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
    title: Text
    chapter: Id
    owner: Text  # the role that keeps the card up to date, e.g. 柜面主管
    reviewed: Annotated[date, Field(strict=False)]  # when it was last reviewed (YYYY-MM-DD, read from text)
    # when the owner signed off the card's 本站说明 lines; until then the card says they wait for it
    notes_signed_off: Annotated[date | None, Field(default=None, strict=False)]
    tags: Annotated[list[Id], Field(min_length=1)]
    situation: SomeLines
    do: SomeLines
    say: SomeLines
    dont_say: MarkedLines
    cautions: MarkedLines
    why: SomeLines
    keywords: Lines

    @property
    def lines(self) -> list[Line]:
        return [*self.situation, *self.do, *self.say, *self.dont_say, *self.cautions, *self.why]

    @property
    def has_notes(self) -> bool:
        return any(line.note or line.speaker for line in self.lines)

    @property
    def notes_pending(self) -> bool:
        """The card holds the site's readings that its owner has not signed off yet."""
        return self.has_notes and self.notes_signed_off is None


class Option(_Entry):
    text: Text
    correct: bool
    feedback: Text


class Teaches(_Entry):
    """Where a question's answer is taught: a card, or a section `chapter#anchor`."""

    card: Id | None = None
    section: SectionRef | None = None

    @model_validator(mode="after")
    def _exactly_one_target(self):
        if (self.card is None) == (self.section is None):
            raise ValueError("give exactly one of card or section")
        return self


QuestionType = Literal["single", "multiple", "true_false", "fill_blank", "ordering"]
CHOICE_TYPES = ("single", "multiple", "true_false")
BLANK = "___"  # marks a blank in the stem of a fill_blank question


class Question(_Entry):
    id: Id
    chapter: Id
    type: QuestionType
    stem: Text
    # single, multiple, true_false: the options, each right or wrong.
    options: Annotated[list[Option], Field(default_factory=list)]
    # fill_blank: for each ___ in the stem, the answers accepted.
    blanks: Annotated[list[Annotated[list[Text], Field(min_length=1)]], Field(default_factory=list)]
    # ordering: the items in their right order (shown scrambled).
    order: Lines
    explanation: Text
    teaches: Teaches

    @field_validator("options")
    @classmethod
    def _answers_fit_type(cls, options: list[Option], info: ValidationInfo) -> list[Option]:
        kind = info.data.get("type")
        correct = sum(option.correct for option in options)
        if kind in ("single", "true_false") and correct != 1:
            raise ValueError(f"a {kind} question needs exactly one correct option, found {correct}")
        if kind == "true_false" and len(options) != 2:
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
        if order and (len(order) < 3 or len(set(order)) != len(order)):
            raise ValueError("an ordering question needs at least three different items")
        return order

    @model_validator(mode="after")
    def _has_what_its_type_needs(self):
        needed = "options" if self.type in CHOICE_TYPES else {"fill_blank": "blanks", "ordering": "order"}[self.type]
        for field in ("options", "blanks", "order"):
            given = bool(getattr(self, field))
            if field == needed and not given:
                raise ValueError(f"a {self.type} question needs '{field}'")
            if field != needed and given:
                raise ValueError(f"a {self.type} question takes no '{field}'")
        if self.type in CHOICE_TYPES and len(self.options) < 2:
            raise ValueError(f"a {self.type} question needs at least two options")
        return self


Mood = Literal["平静", "不满", "愤怒", "哭泣", "沉默"]
Ending = Literal[ENDINGS]  # contracts.ENDINGS: the good ones, then the bad ones, the worst last
Verdict = Literal["good", "bad"]


class Reply(_Entry):
    """What the employee may say, where it leads, and which card or section it follows or breaks."""

    text: Text
    next: Id
    verdict: Verdict
    feedback: Text
    teaches: Teaches


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
    speaker: Text | None = None
    mood: Mood
    replies: Annotated[list[Reply], Field(default_factory=list, max_length=4)]
    ending: Ending | None = None
    explanation: Text | None = None

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
    situation: Text
    start: Id
    nodes: Annotated[list[Node], Field(min_length=2)]


SESSION_MINUTES = (60, 90)  # the shortest and the longest classroom session


class SessionBlock(_Entry):
    """One block of the 培训师指南 session plan, in the deck's order."""

    id: Id
    title: Text
    minutes: Annotated[int, Field(ge=1, le=60)]
    show: Annotated[list[PageRef], Field(min_length=1)]  # what to put on the screen
    prompts: Lines  # discussion questions for the room
    roleplays: Annotated[list[Id], Field(default_factory=list)]  # scenario ids
    quiz: Id | None = None  # the chapter whose quiz closes the block, or "exam"


class VocabularyGroup(_Entry):
    """Words staff say (`staff`) for what the course calls `term`."""

    term: Text
    staff: Annotated[list[Text], Field(min_length=1)]


class Vocabulary(_Entry):
    """How site search and 话术速查 read a query: staff words, the filler of speech, emergencies.

    `emergency` lists the words of emergencies the course does not cover (a threat
    of self-harm, a weapon, a fight, a robbery, someone collapsing, a fire): a query
    holding one shows the company's instruction (mkdocs.yml's extra.emergency)
    first, and no group may hold one, so that none leads to a card.
    """

    groups: Annotated[list[VocabularyGroup], Field(default_factory=list)]
    filler: Lines
    emergency: Lines


class RetiredQuestion(_Entry):
    """A question taken out: trainers' links to it (q-<id>, answer-<id>) land on its quiz's questions."""

    id: Id
    chapter: Id
    replaced_by: Id | None = None  # the question that took its place, if any (any chapter)


class TrainingSource(_Entry):
    tags: dict[Id, Text]
    search_terms: Lines
    vocabulary: Vocabulary = Vocabulary()
    cards: list[Card]
    questions: list[Question]
    retired_questions: Annotated[list[RetiredQuestion], Field(default_factory=list)]
    scenarios: Annotated[list[Scenario], Field(default_factory=list)]
    session: Annotated[list[SessionBlock], Field(default_factory=list)]

    @field_validator("session")
    @classmethod
    def _session_fits_its_time(cls, session: list[SessionBlock]) -> list[SessionBlock]:
        total = sum(block.minutes for block in session)
        shortest, longest = SESSION_MINUTES
        if session and not shortest <= total <= longest:
            raise ValueError(f"the session's blocks add up to {total} minutes; a session runs {shortest}–{longest}")
        return session
