"""mkdocs-macros entry point: `define_env` registers the site's macros and post-build steps.

The work lives in three packages beside this file, by role:

- domain/: training.yml loaded and validated (source, schema, references,
  scenario graph, review dates, the staff vocabulary); `make check`.
- views/: what pages show (cards, quizzes, the exam, 话术速查, role-plays,
  the trainer guide, the handout), rendered through the templates in templates/.
- integration/: MkDocs around them: the parts of one build (site.py), checks of
  the pages, the offline switch, and the post-build steps (post_build.py:
  search, the exam key, the security headers).

contracts.py holds the names shared by Python, templates and JavaScript.
"""

from pathlib import Path

from jinja2 import UndefinedError
from mkdocs_macros.errors import format_error

from .domain.errors import TrainingError
from .domain.review import current_day
from .integration.site import make_site_parts


def define_env(env):
    parts = make_site_parts(env, today=current_day())
    for name in ("card", "cards", "quiz", "exam", "answer_key", "progress", "search_gaps", "phrasebook",
                 "finder_form", "scenarios"):
        env.macro(getattr(parts.blocks, name), name)
    # not `emergency`: extra's keys are page variables, and extra.emergency would hide it
    env.macro(parts.blocks.emergency, "emergency_instruction")
    for name in ("session_plan", "run_sheet", "roleplays"):
        env.macro(getattr(parts.guide, name), name)
    env.macro(parts.handout.handout, "handout")
    env.post_macro_functions.append(lambda env: _add_page_qr(env, parts.blocks.page_qr()))
    env.post_build_functions.append(lambda env: parts.post_build().run(Path(env.conf["site_dir"])))


def _add_page_qr(env, qr: str) -> None:
    """Every page ends with the QR code of its own address (when the site has a reachable one)."""
    if qr:
        env.markdown += "\n\n" + qr + "\n"


@format_error.register(TrainingError)
@format_error.register(UndefinedError)
def _format_page_error(error, markdown, page) -> str:
    """A page's macro failed: name the page and the fault, without a traceback."""
    return f"{page.file.src_path}: {error}"
