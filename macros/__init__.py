"""mkdocs-macros entry point: registers the training blocks and nothing else.

The work lives beside this file: source.py loads and validates training.yml,
blocks.py renders cards and quizzes through the templates in templates/,
trainer_guide.py the 培训师指南, review.py and qr.py what cards show besides.
"""

from datetime import date
from pathlib import Path

from jinja2 import UndefinedError
from mkdocs_macros.errors import format_error

from .blocks import TrainingBlocks
from .contracts import EXAM_KEY_SCRIPT, js_config
from .errors import PageError, TrainingError
from .handout import Handout
from .links import SiteLinks
from .offline import drop_instant_navigation_offline
from .pages import check_pages
from .qr import QrCodes
from .render import Partials, template_environment
from .review import ReviewPolicy, review_interval
from .search_terms import teach_search_terms
from .security_headers import write_security_headers
from .search_index import build_search
from .source import SOURCE_FILE, load_source
from .trainer_guide import TrainerGuide

_blocks: TrainingBlocks | None = None


def define_env(env):
    global _blocks
    drop_instant_navigation_offline(env.conf)
    watch_source(env.conf, Path(env.project_dir) / SOURCE_FILE)
    check_pages(Path(env.conf["docs_dir"]))
    env.conf["extra"]["ckb_config"] = js_config(env.conf["extra"])  # read by overrides/main.html
    source = load_source(Path(env.project_dir), Path(env.conf["docs_dir"]))
    teach_search_terms(source)
    links = SiteLinks(source, Path(env.conf["docs_dir"]), env.conf["use_directory_urls"])
    partials = Partials(template_environment(Path(env.project_dir)))
    review = ReviewPolicy(review_interval(env.conf["extra"]), date.today())
    _blocks = TrainingBlocks(source, partials, links, current_page=lambda: env.page,
                             review=review, qr_codes=QrCodes(env.conf["site_url"]))
    env.macro(_blocks.card, "card")
    env.macro(_blocks.cards, "cards")
    env.macro(_blocks.quiz, "quiz")
    env.macro(_blocks.exam, "exam")
    env.macro(_blocks.answer_key, "answer_key")
    env.macro(_blocks.progress, "progress")
    env.macro(_blocks.phrasebook, "phrasebook")
    env.macro(_blocks.scenarios, "scenarios")
    guide = TrainerGuide(source, partials, links, current_page=lambda: env.page,
                         docs_dir=Path(env.conf["docs_dir"]))
    env.macro(guide.session_plan, "session_plan")
    env.macro(guide.run_sheet, "run_sheet")
    env.macro(guide.roleplays, "roleplays")
    env.macro(Handout(source, partials, links, current_page=lambda: env.page).handout, "handout")


def on_post_page_macros(env):
    """Every page ends with the QR code of its own address (when the site has a reachable one)."""
    qr = _blocks.page_qr()
    if qr:
        env.markdown += "\n\n" + qr + "\n"


def on_post_build(env):
    missing = _blocks.unplaced() if _blocks else []
    if missing:
        raise PageError("training.yml has entries that no page shows: " + "; ".join(missing))
    site_dir = Path(env.conf["site_dir"])
    build_search(site_dir, _blocks.source)
    key = _blocks.exam_key_script()
    if key:
        (site_dir / EXAM_KEY_SCRIPT).write_text(key, encoding="utf-8")
    write_security_headers(site_dir)


def watch_source(config, source: Path) -> None:
    """`make serve` rebuilds when training.yml changes (MkDocs watches only docs/ by itself)."""
    if source.is_file() and str(source) not in config["watch"]:
        config["watch"].append(str(source))


@format_error.register(TrainingError)
@format_error.register(UndefinedError)
def _format_page_error(error, markdown, page) -> str:
    """A page's macro failed: name the page and the fault, without a traceback."""
    return f"{page.file.src_path}: {error}"
