"""The blocks pages ask for: a card, the cards with a tag, a chapter's quiz.

Each card and quiz belongs to one chapter page and is placed there exactly
once, so that its anchor is unique and trainers' links always land.
"""

from collections.abc import Callable
from pathlib import PurePosixPath

from mkdocs.structure.pages import Page

from .errors import PageError
from .links import SiteLinks, card_anchor, question_anchor, relative_url
from .render import Partials
from .schema import Card, TrainingSource

QUESTION_TYPE_LABELS = {"single": "单选", "multiple": "多选", "true_false": "判断"}


def chapter_of(page: Page) -> str:
    return PurePosixPath(page.file.src_path).stem


class TrainingBlocks:
    def __init__(
        self,
        source: TrainingSource,
        partials: Partials,
        links: SiteLinks,
        current_page: Callable[[], Page],
    ):
        self._source = source
        self._partials = partials
        self._links = links
        self._current_page = current_page
        self._cards = {card.id: card for card in source.cards}
        self.placed_cards: set[str] = set()
        self.placed_quizzes: set[str] = set()

    # --- macros ---------------------------------------------------------

    def card(self, card_id: str, level: int = 2) -> str:
        """One phrasing card, with a heading of the given level."""
        if card_id not in self._cards:
            raise PageError(f"no card has the id '{card_id}' (see training.yml)")
        return self._render_card(self._cards[card_id], level)

    def cards(self, tag: str, level: int = 2) -> str:
        """Every card with the tag, in the order of the source."""
        if tag not in self._source.tags:
            raise PageError(f"no tag '{tag}' (known: {', '.join(self._source.tags)})")
        chosen = [card for card in self._source.cards if tag in card.tags]
        return "\n".join(self._render_card(card, level) for card in chosen)

    def quiz(self) -> str:
        """The questions of the current page's chapter."""
        chapter = chapter_of(self._current_page())
        questions = [q for q in self._source.questions if q.chapter == chapter]
        if not questions:
            raise PageError(f"no question in training.yml has the chapter '{chapter}'")
        if chapter in self.placed_quizzes:
            raise PageError(f"the quiz of '{chapter}' is placed twice")
        self.placed_quizzes.add(chapter)
        return self._partials.render(
            "quiz",
            chapter=chapter,
            questions=questions,
            links=[self._teaches_link(question) for question in questions],
            question_anchor=question_anchor,
            type_labels=QUESTION_TYPE_LABELS,
        )

    # --- checks after the build ---------------------------------------

    def unplaced(self) -> list[str]:
        """Cards and quizzes of the source that no page shows."""
        missing = [f"card '{card.id}' (chapter {card.chapter})" for card in self._source.cards
                   if card.id not in self.placed_cards]
        chapters = dict.fromkeys(question.chapter for question in self._source.questions)
        missing += [f"the quiz of chapter '{chapter}'" for chapter in chapters
                    if chapter not in self.placed_quizzes]
        return missing

    # --- helpers -------------------------------------------------------

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
            "card", card=card, level=level, anchor=card_anchor(card.id), tag_labels=tag_labels
        )

    def _teaches_link(self, question) -> dict[str, str]:
        target, title = self._links.teaches(question.teaches)
        return {"url": relative_url(target, self._current_page().url), "title": title}
