"""The steps after MkDocs has written the site, as one object.

- search: the index without questions, cards rewritten, the query data and
  Material's worker prefixed (search_index.py);
- the data the pages wrote as scripts: the exam's key, loaded by exam.js only
  after 交卷, and 话术速查's card bodies, loaded as cards are opened (a built site
  already holds them);
- the course's facts for the SCORM package (course.py);
- the project's scripts and styles minified and named by their content, the pages
  pointing to them (assets.py);
- the security headers for nginx, computed from the built pages.

Each step is safe to run again on its own output, so the steps also run as a
command on a built site, e.g. after editing a page of site/ by hand
(macros/integration/__main__.py):

    .venv/bin/python -m macros.integration site
"""

import gc
from dataclasses import dataclass, field
from pathlib import Path

from ..contracts import BUNDLES, CARD_BODIES_SCRIPT, EXAM_KEY_SCRIPT
from ..domain.errors import PageError
from ..domain.schema import TrainingSource
from .assets import bundle, fingerprint, restore
from .course import write_course
from .search_index import QUERY_DATA_SCRIPT, build_search
from .security_headers import write_security_headers

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"


@dataclass
class PostBuild:
    source: TrainingSource
    unplaced: list[str]          # entries of the source that no page shows
    course: dict                 # the course's facts (course.py)
    # the data the pages wrote as scripts ({site-root relative address: script}: the
    # exam's key, 话术速查's card bodies); empty keeps the site's own
    scripts: dict[str, str] = field(default_factory=dict)
    # what 话术速查 and site search rank, the company's emergency instruction and where
    # 话术速查 is; None (the command on a built site) keeps what the build wrote
    documents: list[dict] | None = None
    emergency: dict | None = None
    pages: dict | None = None

    def run(self, site_dir: Path) -> None:
        try:
            self._run(site_dir)
        finally:
            gc.unfreeze()  # the build's objects, frozen once loaded (site.py), back to the collector

    def _run(self, site_dir: Path) -> None:
        if self.unplaced:
            raise PageError("training.yml has entries that no page shows: " + "; ".join(self.unplaced))
        restore(site_dir)  # run again on a built site: the plain names back first
        build_search(site_dir, self.source, ASSETS / "javascripts", self.documents, self.emergency, self.pages)
        for address, script in self.scripts.items():
            (site_dir / address).write_text(script, encoding="utf-8")
        write_course(site_dir, self.course)
        scripts = bundle(site_dir, ASSETS / "javascripts", BUNDLES)
        bodies = Path(CARD_BODIES_SCRIPT.format("*"))
        data = {QUERY_DATA_SCRIPT, Path(EXAM_KEY_SCRIPT).name,
                *(path.name for path in (site_dir / bodies.parent).glob(bodies.name))}
        fingerprint(site_dir, own_scripts=scripts, data_scripts=data,
                    own_styles={path.name for path in (ASSETS / "stylesheets").glob("*.css")})
        write_security_headers(site_dir)
