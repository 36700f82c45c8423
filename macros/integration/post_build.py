"""The steps after MkDocs has written the site, as one object.

- search: the index without questions, cards rewritten, the query data and
  Material's worker prefixed (search_index.py);
- the exam's key as its own script, loaded by quiz.js only after 交卷 (the
  exam page renders it; a built site already holds it);
- the security headers for nginx, computed from the built pages.

Each step is safe to run again on its own output, so the steps also run as a
command on a built site, e.g. after editing a page of site/ by hand
(macros/integration/__main__.py):

    .venv/bin/python -m macros.integration site
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..contracts import EXAM_KEY_SCRIPT
from ..domain.errors import PageError
from ..domain.schema import TrainingSource
from .search_index import build_search
from .security_headers import write_security_headers


@dataclass
class PostBuild:
    source: TrainingSource
    unplaced: list[str]          # entries of the source that no page shows
    exam_key: str | None = None  # the exam page's key script; None keeps the site's own
    documents: list[dict] = field(default_factory=list)  # what 话术速查 and site search rank
    emergency: dict = field(default_factory=dict)        # the company's instruction, and its page
    pages: dict = field(default_factory=dict)            # where 话术速查 is

    def run(self, site_dir: Path) -> None:
        if self.unplaced:
            raise PageError("training.yml has entries that no page shows: " + "; ".join(self.unplaced))
        build_search(site_dir, self.source, self.documents, self.emergency, self.pages)
        if self.exam_key:
            (site_dir / EXAM_KEY_SCRIPT).write_text(self.exam_key, encoding="utf-8")
        write_security_headers(site_dir)
