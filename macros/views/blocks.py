"""The blocks pages ask for: cards, a chapter's quiz, the exam, the answer key,
progress, 话术速查 and the role-play scenarios, each rendered by its partial.

Each card and chapter quiz belongs to one chapter page and is placed there
exactly once, so that its anchor is unique and trainers' links always land.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from mkdocs.structure.pages import Page

from ..contracts import (
    CARD_BODIES_PER_SCRIPT,
    CARD_BODIES_SCRIPT,
    ENDINGS,
    EXAM_KEY_SCRIPT,
    GOOD_ENDINGS,
    SCENARIO_ANCHOR_PREFIX,
    SEARCH_PLACES,
)
from ..domain.errors import PageError
from ..domain.review import ReviewPolicy
from ..domain.schema import Card, Question, Scenario, Teaches, TrainingSource
from ..domain.sections import Section
from ..settings import EmergencyInstruction
from .links import SiteLinks, card_anchor, relative_url
from .qr import QrCodes
from .render import Partials

QUESTION_TYPE_LABELS = {
    "single": "单选",
    "multiple": "多选",
    "true_false": "判断",
    "fill_blank": "填空",
    "ordering": "排序",
}
EXAM_PAGE = "exam"
ANSWERS_PAGE = "answers"
SCENARIO_PAGE = "scenarios"
EMERGENCY_PAGE = "emergency"
QUICK_PAGE = "quick"
BROWSE_PAGE = 12  # 话术速查: the cards a group lists at once (a phone's few screens); the rest on demand


def chapter_of(page: Page) -> str:
    return PurePosixPath(page.file.src_path).stem


def question_version(question: Question) -> str:
    """Changes whenever the question does, so that a browser forgets only that answer."""
    return hashlib.sha1(question.model_dump_json().encode()).hexdigest()[:10]


def scrambled(question: Question) -> list[tuple[int, str]]:
    """The items of an ordering question in a fixed order that is never the right one."""
    ranked = list(enumerate(question.order))
    ranked.sort(key=lambda item: hashlib.sha1(f"{question.id}:{item[1]}".encode()).digest())
    if [rank for rank, _ in ranked] == sorted(rank for rank, _ in ranked):
        ranked = ranked[1:] + ranked[:1]
    return ranked


@dataclass(frozen=True)
class QuestionView:
    """A question as a page shows it: numbered, versioned, with its link resolved."""

    question: Question
    number: int
    link: dict[str, str]
    version: str
    scrambled: list[tuple[int, str]]
    chapter_title: str = ""


class TrainingBlocks:
    def __init__(
        self,
        source: TrainingSource,
        partials: Partials,
        links: SiteLinks,
        current_page: Callable[[], Page],
        review: ReviewPolicy,
        qr_codes: QrCodes,
        emergency: EmergencyInstruction,
        sections: list[Section],
        exam: list[Question],
    ):
        self._source = source
        self._partials = partials
        self._links = links
        self._review = review
        self._qr_codes = qr_codes
        self._current_page = current_page
        self._emergency = emergency
        self._sections = sections
        self.phrasebook_page: str | None = None  # where 话术速查 is, for site search to send a guess to
        self._cards = {card.id: card for card in source.cards}
        # each chapter's cards and questions, in the order of the source (pages ask by chapter)
        self._chapter_cards: dict[str, list[Card]] = {}
        for card in source.cards:
            self._chapter_cards.setdefault(card.chapter, []).append(card)
        self._questions_of: dict[str, list[Question]] = {}
        for question in source.questions:
            self._questions_of.setdefault(question.chapter, []).append(question)
        self.placed_cards: set[str] = set()
        self.placed_quizzes: set[str] = set()
        self.placed_scenarios: set[str] = set()
        self._legend_shown: set[str] = set()  # pages whose cards are preceded by the marks' legend
        self._exam_key: dict | None = None
        self._card_bodies: dict[str, dict[str, str]] = {}  # 话术速查's body scripts: address -> {card id: HTML}
        self.exam_questions = exam  # the exam's draw (macros/domain/exam.py)

    @property
    def source(self) -> TrainingSource:
        return self._source

    # --- macros ---------------------------------------------------------

    def card(self, card_id: str, level: int = 2) -> str:
        """One phrasing card, with a heading of the given level."""
        if card_id not in self._cards:
            raise PageError(f"no card has the id '{card_id}' (see training.yml)")
        return self._render_card(self._cards[card_id], level)

    def cards(self, tag: str, level: int = 2) -> str:
        """The cards of this page's chapter that have the tag, in the order of the source."""
        if tag not in self._source.tags:
            raise PageError(f"no tag '{tag}' (known: {', '.join(self._source.tags)})")
        chapter = chapter_of(self._current_page())
        chosen = [card for card in self._chapter_cards.get(chapter, []) if tag in card.tags]
        if not chosen:
            raise PageError(f"no card of the chapter '{chapter}' has the tag '{tag}'")
        return "\n".join([self._legend(), *(self._render_card(card, level) for card in chosen)]).strip()

    def _legend(self) -> str:
        """What the lines' marks mean, once a page, before its first cards."""
        page = self._current_page().url
        if page in self._legend_shown:
            return ""
        self._legend_shown.add(page)
        return self._partials.call("card", "legend")

    def quiz(self) -> str:
        """The questions of the current page's chapter."""
        chapter = chapter_of(self._current_page())
        questions = self._chapter_questions(chapter)
        if not questions:
            raise PageError(f"no question in training.yml has the chapter '{chapter}'")
        if chapter in self.placed_quizzes:
            raise PageError(f"the quiz of '{chapter}' is placed twice")
        self.placed_quizzes.add(chapter)
        return self._partials.render(
            "quiz",
            retired=[retired.id for retired in self._source.retired_questions if retired.chapter == chapter],
            quiz_id=chapter,
            title=self._links.chapter_title(chapter),
            views=self._views(questions),
            type_labels=QUESTION_TYPE_LABELS,
        )

    def exam(self) -> str:
        """The exam's questions (all, or a sample per chapter), for the 综合测验 page, without its key."""
        views = self._views(self.exam_questions, with_chapter=True)
        self._exam_key = {view.question.id: self._key_of(view) for view in views}
        here = self._current_page().url
        drawn = {question.id for question in self.exam_questions}
        return self._partials.render(
            "exam", views=views, type_labels=QUESTION_TYPE_LABELS,
            # a question retired, or not in the draw, keeps its anchor here: a link to it still lands
            retired=[retired.id for retired in self._source.retired_questions]
            + [question.id for question in self._source.questions if question.id not in drawn],
            total=len(self._source.questions),
            key_url=relative_url(EXAM_KEY_SCRIPT, here),
            answers_url=relative_url(self._links.chapter(ANSWERS_PAGE), here),
        )

    def card_body_scripts(self) -> dict[str, str]:
        """话术速查's body scripts, {site-root relative address: classic script}; none without 话术速查.

        The bodies' links are relative to 话术速查's page, where they are drawn.
        """
        return {address: f"ckb.cardBodies.add({json.dumps(bodies, ensure_ascii=False, separators=(',', ':'))})\n"
                for address, bodies in self._card_bodies.items()}

    def exam_key_script(self) -> str | None:
        """The exam's key as a classic script (it must load from file:// too), or None without an exam."""
        if self._exam_key is None:
            return None
        payload = json.dumps(self._exam_key, ensure_ascii=False, separators=(",", ":"))
        return f"ckb.examKey = {payload}\n"

    def _key_of(self, view: QuestionView) -> dict:
        question = view.question
        return {
            "version": view.version,
            "correct": [index for index, option in enumerate(question.options) if option.correct],
            "feedback": [option.feedback for option in question.options],
            "blanks": question.blanks,
            "ranks": [rank for rank, _ in view.scrambled],
            "answer": self._partials.call("question", "answer", question=question, link=view.link),
        }

    def answer_key(self) -> str:
        """Every question with its answer, chapter by chapter, for trainers."""
        chapters = [
            {"id": chapter, "title": self._links.chapter_title(chapter),
             "views": self._views(self._chapter_questions(chapter)),
             "retired": [retired.id for retired in self._source.retired_questions if retired.chapter == chapter]}
            for chapter in self.quiz_chapters()
        ]
        return self._partials.render("answer-key", chapters=chapters, type_labels=QUESTION_TYPE_LABELS)

    def progress(self) -> str:
        """One row per chapter quiz and the exam; the browser fills in the scores."""
        here = self._current_page().url
        quizzes = [
            {
                "id": chapter,
                "title": self._links.chapter_title(chapter),
                "url": relative_url(f"{self._links.chapter(chapter)}#quiz", here),
                "count": len(self._chapter_questions(chapter)),
            }
            for chapter in self.quiz_chapters()
        ]
        quizzes.append({
            "id": "exam",
            "title": self._links.chapter_title(EXAM_PAGE),
            "url": relative_url(self._links.chapter(EXAM_PAGE), here),
            "count": len(self.exam_questions),
        })
        scenarios = [
            {"id": scenario.id, "title": scenario.title,
             "url": relative_url(f"{self._links.chapter(SCENARIO_PAGE)}#{SCENARIO_ANCHOR_PREFIX}{scenario.id}", here)}
            for scenario in self._source.scenarios
        ]
        return self._partials.render("progress", quizzes=quizzes, scenarios=scenarios,
                                     endings=ENDINGS, good_endings=GOOD_ENDINGS)

    def finder_form(self) -> str:
        """A box that takes the teller's words to 话术速查, for the home page."""
        quick = relative_url(self._links.chapter(QUICK_PAGE), self._current_page().url)
        return self._partials.render("finder-form", action=quick,
                                     hint="手机上点输入框，可以直接按键盘上的话筒说出来；不用打全，说出情况就行。")

    def search_gaps(self) -> str:
        """我的进度's list of the queries this browser searched for and did not find."""
        return self._partials.render("search-gaps", places=SEARCH_PLACES)

    def phrasebook(self) -> str:
        """Every card, grouped by its first tag, for 话术速查, and the emergency, for its results.

        A card is its title and first line here; the rest of it goes to a body script
        (card_body_scripts), a few cards to a script, drawn when the card is opened. A
        group lists its first BROWSE_PAGE cards; the others wait in <noscript> blocks,
        BROWSE_PAGE to a block: text to a browser that runs scripts (its parser only
        scans it), made into cards when a query finds them or the list is asked for
        more, so that 2,100 cards are parsed about as quickly as 21; cards like the
        others without scripts. The sections of the course it finds are drawn from
        the ranking's documents.
        """
        here = self._current_page().url
        self.phrasebook_page = here
        bodies = {card.id: CARD_BODIES_SCRIPT.format(number // CARD_BODIES_PER_SCRIPT)
                  for number, card in enumerate(self._source.cards)}
        self._card_bodies = {}
        for card in self._source.cards:
            self._card_bodies.setdefault(bodies[card.id], {})[card.id] = self._partials.call(
                "phrasebook", "body", card=card, tag_labels=[self._source.tags[t] for t in card.tags])
        groups = []
        for tag, label in self._source.tags.items():
            cards = [card for card in self._source.cards if card.tags[0] == tag]
            items = [{"card": card, "home": relative_url(self._links.card(card.id), here), "bodies": bodies[card.id]}
                     for card in cards]
            groups.append({
                "tag": tag,
                "label": label,
                "cards": items[:BROWSE_PAGE],
                "stored": [items[start:start + BROWSE_PAGE] for start in range(BROWSE_PAGE, len(items), BROWSE_PAGE)],
            })
        emergency_url = self.emergency_page()
        return self._partials.render("phrasebook", groups=[group for group in groups if group["cards"]],
                                     emergency=self._emergency,
                                     emergency_url=relative_url(emergency_url, here) if emergency_url else "")

    def emergency(self) -> str:
        """The company's emergency instruction (mkdocs.yml), for the page that states it."""
        return self._partials.render("emergency", emergency=self._emergency, page=True)

    def emergency_page(self) -> str:
        """The site-root relative address of the page that states the emergency instruction, if any."""
        return self._links.chapter(EMERGENCY_PAGE) if self._links.has_page(EMERGENCY_PAGE) else ""

    def scenarios(self) -> str:
        """Every role-play scenario: played by scenario.js, a readable tree without it."""
        rendered = [self._partials.render("scenario", scenario=self._scenario_view(s)) for s in self._source.scenarios]
        self.placed_scenarios.update(scenario.id for scenario in self._source.scenarios)
        return "\n".join(rendered)

    def quiz_chapters(self) -> list[str]:
        return list(self._questions_of)

    # --- checks after the build ---------------------------------------

    def unplaced(self) -> list[str]:
        """Cards and quizzes of the source that no page shows."""
        missing = [f"card '{card.id}' (chapter {card.chapter})" for card in self._source.cards
                   if card.id not in self.placed_cards]
        missing += [f"the quiz of chapter '{chapter}'" for chapter in self.quiz_chapters()
                    if chapter not in self.placed_quizzes]
        missing += [f"scenario '{scenario.id}'" for scenario in self._source.scenarios
                    if scenario.id not in self.placed_scenarios]
        return missing

    # --- helpers -------------------------------------------------------

    def _chapter_questions(self, chapter: str) -> list[Question]:
        return list(self._questions_of.get(chapter, []))

    def _views(self, questions: list[Question], with_chapter: bool = False) -> list[QuestionView]:
        return [
            QuestionView(
                question=question,
                number=number,
                link=self._link(question.teaches),
                version=question_version(question),
                scrambled=scrambled(question),
                chapter_title=self._links.chapter_title(question.chapter) if with_chapter else "",
            )
            for number, question in enumerate(questions, start=1)
        ]

    def _render_card(self, card: Card, level: int) -> str:
        chapter = chapter_of(self._current_page())
        if card.chapter != chapter:
            raise PageError(
                f"card '{card.id}' belongs to the chapter '{card.chapter}', not to '{chapter}'"
            )
        if card.id in self.placed_cards:
            raise PageError(f"card '{card.id}' is placed twice")
        self.placed_cards.add(card.id)
        tag_labels = [self._source.tags[tag] for tag in card.tags]
        return self._partials.render(
            "card", card=card, level=level, anchor=card_anchor(card.id), tag_labels=tag_labels,
            due=self._review.due(card), overdue=self._review.is_overdue(card),
            qr=self._qr_codes.code(self._links.card(card.id)),
        )

    def _scenario_view(self, scenario: Scenario) -> dict:
        """A scenario with its links resolved, for the tree and for scenario.js."""
        nodes = {
            node.id: {
                "customer": node.customer,
                "speaker": node.who,  # None for narration
                "mood": node.mood,
                "ending": node.ending,
                "good": node.ending in GOOD_ENDINGS,
                "explanation": node.explanation,
                "replies": [
                    {**reply.model_dump(include={"text", "next", "verdict", "feedback"}), **self._link(reply.teaches)}
                    for reply in node.replies
                ],
            }
            for node in scenario.nodes
        }
        return {"id": scenario.id, "title": scenario.title, "situation": scenario.situation,
                "start": scenario.start, "trains": self._link(scenario.trains), "nodes": nodes}

    def page_qr(self) -> str:
        """The QR code of the current page's address, for the foot of every page."""
        qr = self._qr_codes.code(self._current_page().url)
        return self._partials.render("qr", qr=qr, what="本页", kind="page") if qr else ""

    def _link(self, teaches: Teaches) -> dict[str, str]:
        target, title = self._links.teaches(teaches)
        return {"url": relative_url(target, self._current_page().url), "title": title}
