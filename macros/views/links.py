"""Where cards, questions and sections live on the built site, as URLs."""

from pathlib import Path

from mkdocs.utils import get_relative_url

from ..contracts import CARD_ANCHOR_PREFIX
from ..domain.references import page_headings, page_title
from ..domain.schema import Card, Teaches, TrainingSource


def card_anchor(card_id: str) -> str:
    return f"{CARD_ANCHOR_PREFIX}{card_id}"


def relative_url(target: str, from_page_url: str) -> str:
    """`target` (site-root relative, with an optional #fragment) as seen from a page."""
    path, _, fragment = target.partition("#")
    url = get_relative_url(path, from_page_url) if path else ""
    return f"{url}#{fragment}" if fragment else url


class SiteLinks:
    """Site-root relative URLs of chapters, cards and the target of a question's link."""

    def __init__(self, source: TrainingSource, docs_dir: Path, use_directory_urls: bool):
        self._cards: dict[str, Card] = {card.id: card for card in source.cards}
        self._pages: dict[str, tuple[str, dict[str, str]]] = {}  # read once per build
        self._docs_dir = docs_dir
        self._use_directory_urls = use_directory_urls

    def chapter(self, chapter: str) -> str:
        return f"{chapter}/" if self._use_directory_urls else f"{chapter}.html"

    def has_page(self, chapter: str) -> bool:
        return (self._docs_dir / f"{chapter}.md").is_file()

    def chapter_title(self, chapter: str) -> str:
        return self._page(chapter)[0]

    def card(self, card_id: str) -> str:
        return f"{self.chapter(self._cards[card_id].chapter)}#{card_anchor(card_id)}"

    def teaches(self, teaches: Teaches) -> tuple[str, str]:
        """The URL and the link text of where a question's answer is taught."""
        if teaches.card:
            return self.card(teaches.card), self._cards[teaches.card].title
        chapter, anchor = teaches.section.split("#", 1)
        title = self._page(chapter)[1][anchor]
        return f"{self.chapter(chapter)}#{anchor}", title

    def page_ref(self, ref: str) -> tuple[str, str]:
        """The URL and the title of a page (`chapter`) or of one of its sections (`chapter#anchor`)."""
        chapter, _, anchor = ref.partition("#")
        if not anchor:
            return self.chapter(chapter), self.chapter_title(chapter)
        return f"{self.chapter(chapter)}#{anchor}", self._page(chapter)[1][anchor]

    def _page(self, chapter: str) -> tuple[str, dict[str, str]]:
        """A chapter page's title and heading ids."""
        if chapter not in self._pages:
            page = self._docs_dir / f"{chapter}.md"
            self._pages[chapter] = (page_title(page), page_headings(page))
        return self._pages[chapter]
