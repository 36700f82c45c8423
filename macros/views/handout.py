"""话术随身卡: every card's 什么时候, 怎么做, 怎么说 and 不要怎么说, dense, for lamination.

Drawn from the cards of training.yml, chapter by chapter in the order of the source;
each card links (on screen) to its full card on its chapter page.
"""

from collections.abc import Callable

from mkdocs.structure.pages import Page

from ..domain.schema import TrainingSource
from .links import SiteLinks, relative_url
from .render import Partials


def handout_anchor(chapter: str) -> str:
    return f"handout-{chapter}"


class Handout:
    def __init__(self, source: TrainingSource, partials: Partials, links: SiteLinks,
                 current_page: Callable[[], Page]):
        self._source = source
        self._partials = partials
        self._links = links
        self._current_page = current_page

    def handout(self) -> str:
        """The cards grouped by chapter, in the order of the source."""
        here = self._current_page().url
        chapters = list(dict.fromkeys(card.chapter for card in self._source.cards))
        groups = [
            {
                "anchor": handout_anchor(chapter),
                "title": self._links.chapter_title(chapter),
                "cards": [{"card": card, "url": relative_url(self._links.card(card.id), here)}
                          for card in self._source.cards if card.chapter == chapter],
            }
            for chapter in chapters
        ]
        return self._partials.render("handout", groups=groups)
