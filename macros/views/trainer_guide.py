"""培训师指南: the session plan and the role-plays, both drawn from training.yml.

The plan is the `session` of the source, block by block with its clock time; the
run sheet is the same plan as one table for one printed page. Each 展示 link carries
the anchor to project (data-projection), so that link-tools.js opens it in projection.
Each role-play is a scenario of the source told for a room: the situation,
what the "customer" opens with, what a good answer covers and the cards behind it.
"""

from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.pages import Page

from ..contracts import GOOD_ENDINGS, SCENARIO_ANCHOR_PREFIX
from ..domain.references import page_headings
from ..domain.scenario_graph import good_path
from ..domain.schema import Scenario, SessionBlock, Teaches, TrainingSource
from .blocks import EXAM_PAGE, SCENARIO_PAGE
from .links import SiteLinks, relative_url
from .render import Partials

GUIDE_PAGE = "trainer-guide"


def roleplay_anchor(scenario_id: str) -> str:
    return f"roleplay-{scenario_id}"


class TrainerGuide:
    def __init__(self, source: TrainingSource, partials: Partials, links: SiteLinks,
                 current_page: Callable[[], Page], docs_dir: Path):
        self._source = source
        self._docs_dir = docs_dir
        self._partials = partials
        self._links = links
        self._current_page = current_page
        self._scenarios = {scenario.id: scenario for scenario in source.scenarios}

    # --- macros ---------------------------------------------------------

    def session_plan(self) -> str:
        """The session, block by block, with the minute each block starts and ends."""
        blocks, total = self._blocks()
        return self._partials.render("session-plan", blocks=blocks, total=total)

    def run_sheet(self) -> str:
        """The session as one table (time, block, show, prompts, role-plays, quiz) for one page."""
        blocks, total = self._blocks(roleplays_on=GUIDE_PAGE)
        return self._partials.render("run-sheet", blocks=blocks, total=total)

    def roleplays(self) -> str:
        """Every scenario the session plays, in the order of the plan."""
        chosen = dict.fromkeys(scenario_id for block in self._source.session for scenario_id in block.roleplays)
        views = [self._roleplay_view(self._scenarios[scenario_id]) for scenario_id in chosen]
        return self._partials.render("roleplay", roleplays=views)

    # --- views ----------------------------------------------------------

    def _blocks(self, roleplays_on: str | None = None) -> tuple[list[dict], int]:
        """The views of the session's blocks and the session's length in minutes."""
        blocks, start = [], 0
        for block in self._source.session:
            blocks.append(self._block_view(block, start, roleplays_on))
            start += block.minutes
        return blocks, start

    def _block_view(self, block: SessionBlock, start: int, roleplays_on: str | None) -> dict:
        guide = self._links.chapter(roleplays_on) if roleplays_on else ""
        return {
            "block": block,
            "start": start,
            "end": start + block.minutes,
            "show": [self._show_link(ref) for ref in block.show],
            "roleplays": [self._roleplay_link(guide, scenario_id) for scenario_id in block.roleplays],
            "quiz": self._quiz_link(block.quiz) if block.quiz else None,
        }

    def _show_link(self, ref: str) -> dict[str, str]:
        """A link to what a block shows, with the anchor to project: the section, or the page's title."""
        chapter, _, anchor = ref.partition("#")
        if not anchor:
            anchor = next(iter(page_headings(self._docs_dir / f"{chapter}.md")), "")
        return {**self._url_and_title(*self._links.page_ref(ref)), "projection": anchor}

    def _roleplay_link(self, guide: str, scenario_id: str) -> dict[str, str]:
        """A role-play in the guide's list; on the guide page itself (no `guide`), only its anchor."""
        anchor, title = roleplay_anchor(scenario_id), self._scenarios[scenario_id].title
        return self._url_and_title(f"{guide}#{anchor}", title) if guide else {"url": f"#{anchor}", "title": title}

    def _quiz_link(self, quiz: str) -> dict[str, str]:
        if quiz == EXAM_PAGE:
            return self._url_and_title(self._links.chapter(EXAM_PAGE), self._links.chapter_title(EXAM_PAGE))
        return self._url_and_title(f"{self._links.chapter(quiz)}#quiz", f"{self._links.chapter_title(quiz)} · 本章测验")

    def _roleplay_view(self, scenario: Scenario) -> dict:
        replies, last = good_path(scenario)
        opening = next(node for node in scenario.nodes if node.id == scenario.start)
        cards = {}
        for teaches in (scenario.trains, *(reply.teaches for reply in replies)):
            link = self._teaches(teaches)
            cards.setdefault(link["url"], link)
        return {
            "id": scenario.id,
            "anchor": roleplay_anchor(scenario.id),
            "title": scenario.title,
            "situation": scenario.situation,
            "opening": opening,
            "replies": replies,
            "ending": last if last.ending in GOOD_ENDINGS else None,
            "cards": list(cards.values()),
            "practice": self._url_and_title(
                f"{self._links.chapter(SCENARIO_PAGE)}#{SCENARIO_ANCHOR_PREFIX}{scenario.id}",
                f"情景演练：{scenario.title}"),
        }

    def _teaches(self, teaches: Teaches) -> dict[str, str]:
        return self._url_and_title(*self._links.teaches(teaches))

    def _url_and_title(self, target: str, title: str) -> dict[str, str]:
        return {"url": relative_url(target, self._current_page().url), "title": title}
