"""The site's parts for one build, made from MkDocs' configuration.

`define_env` (macros/__init__.py) asks for them once per build and registers
what they offer; the parts keep the build's state (which cards a page placed,
the exam's key), so nothing is kept in a module global.
"""

import gc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..contracts import EXAM_KEY_SCRIPT, js_config
from ..domain.exam import exam_questions
from ..domain.query import ranking_documents
from ..domain.review import ReviewPolicy
from ..domain.schema import TrainingSource
from ..domain.sections import Section, findable_sections
from ..domain.source import SOURCE_FILE, load_source
from ..settings import EmergencyInstruction, Settings
from ..views.blocks import EMERGENCY_PAGE, QUICK_PAGE, TrainingBlocks
from ..views.handout import Handout
from ..views.links import SiteLinks
from ..views.qr import QrCodes
from ..views.render import Partials, template_environment
from ..views.trainer_guide import TrainerGuide
from .course import course_facts
from .navigation import prune_large_navigation
from .offline import drop_instant_navigation_offline
from .pages import check_pages
from .post_build import PostBuild
from .search_terms import teach_search_terms


@dataclass
class SiteParts:
    source: TrainingSource
    blocks: TrainingBlocks
    guide: TrainerGuide
    handout: Handout
    links: SiteLinks
    sections: list[Section]
    emergency: EmergencyInstruction
    settings: Settings

    def post_build(self) -> PostBuild:
        docs = ranking_documents(
            self.source, self.sections,
            url=lambda chapter, anchor: f"{self.links.chapter(chapter)}#{anchor}",
            chapter_title=self.links.chapter_title,
        )
        emergency = {**self.emergency.as_data(), "url": self.blocks.emergency_page()}
        pages = {"quick": self.blocks.phrasebook_page or ""}
        key = self.blocks.exam_key_script()
        scripts = {**({EXAM_KEY_SCRIPT: key} if key else {}), **self.blocks.card_body_scripts()}
        return PostBuild(self.source, unplaced=self.blocks.unplaced(), scripts=scripts,
                         course=course_facts(self.source, self.blocks.exam_questions, self.settings.exam_pass_percent),
                         documents=docs, emergency=emergency, pages=pages)


def make_site_parts(env, today: date) -> SiteParts:
    """Check the pages and the source, adjust the configuration, and make the views."""
    config = env.conf
    project_dir, docs_dir = Path(env.project_dir), Path(config["docs_dir"])
    drop_instant_navigation_offline(config)
    watch_source(config, project_dir / SOURCE_FILE)
    check_pages(docs_dir)
    settings = Settings(config)
    settings.check()  # every setting, every build; a bad one is one line, as the source's faults
    prune_large_navigation(config, settings.navigation_prune_pages)
    emergency = settings.emergency
    source = load_source(project_dir, docs_dir)
    teach_search_terms(source)
    links = SiteLinks(source, docs_dir, config["use_directory_urls"])
    pages = {name: links.chapter(chapter) for name, chapter in (("quick", QUICK_PAGE), ("emergency", EMERGENCY_PAGE))
             if links.has_page(chapter)}
    config["extra"]["ckb_config"] = js_config(settings, pages)  # read by overrides/main.html
    partials = Partials(template_environment(project_dir))
    current_page = lambda: env.page  # noqa: E731  (the page being rendered, read when a macro runs)
    review = ReviewPolicy(settings.review_interval_days, today)
    sections = findable_sections(source, docs_dir)
    blocks = TrainingBlocks(source, partials, links, current_page=current_page, review=review,
                            qr_codes=QrCodes(config["site_url"]), emergency=emergency, sections=sections,
                            exam=exam_questions(source.questions, settings.exam_questions))
    guide = TrainerGuide(source, partials, links, current_page=current_page, docs_dir=docs_dir)
    handout = Handout(source, partials, links, current_page=current_page)
    # The source's models live for the whole build: kept out of the collector's walks
    # (at 100x the content they made it run twice as long as Material's own build needs);
    # PostBuild.run hands them back, so that `make serve`'s rebuilds free the old ones.
    gc.freeze()
    return SiteParts(source, blocks, guide, handout, links, sections, emergency, settings)


def watch_source(config, source: Path) -> None:
    """`make serve` rebuilds when training.yml changes (MkDocs watches only docs/ by itself)."""
    if source.is_file() and str(source) not in config["watch"]:
        config["watch"].append(str(source))
