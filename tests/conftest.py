"""Session fixtures: the site is built once, served on loopback, opened in Chromium.

What tests share besides fixtures is in tests/helpers.py.
"""

import functools
import json
import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from macros.domain.source import load_source
from tests.helpers import (
    CHROMIUM_ARGS,
    INTRANET_URL,
    MOVE_CLOCK,
    NAV,
    OLD_REVIEW_DATE,
    ROOT,
    TODAY,
    TODAY_VARIABLE,
    LoopbackServer,
    browser_clock_offset_ms,
    build_site,
    card_bodies,
    copy_project,
)

# Every build and `make check` the tests start, in this process or below it, runs on TODAY.
os.environ[TODAY_VARIABLE] = TODAY.isoformat()

# The marks (pyproject.toml) a test must carry when it asks for one of these fixtures, directly
# or through another: `pytest -m "not browser"` (make test-fast) never starts Chromium, and so on.
# A test that builds by calling helpers.build_site itself carries `build` without this check.
MARKS_OF_FIXTURES = {
    "browser": {"browser"},
    "nginx_url": {"nginx"},
    "changed_site": {"build"},
    "hostile_site": {"build"},
    "offline_zip": {"build"},
    "scorm_zip": {"build"},
    "large_site": {"build", "slow"},
    "ralph_site": {"build", "lrs", "nginx"},
    "login_site": {"build", "lrs", "nginx"},
    "learned": {"build", "lrs", "nginx"},
}


def pytest_collection_modifyitems(config, items):
    """Refuse to run with a test whose marks do not say what it starts."""
    wrong = []
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        needed = set().union(*(MARKS_OF_FIXTURES.get(name, set()) for name in item.fixturenames))
        if "a11y" in marks:
            needed.add("browser")
        if needed - marks:
            wrong.append(f"{item.nodeid}: mark it {', '.join(sorted(needed - marks))}")
        if "browser" in marks and "browser" not in item.fixturenames:
            wrong.append(f"{item.nodeid}: marked browser, but opens no browser")
    if wrong:
        raise pytest.UsageError("marks that do not say what a test starts (tests/conftest.py):\n  "
                                + "\n  ".join(wrong))


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The site built once, from another folder, and served on loopback.

    The server's port is bound first so that the site is built for its real
    address: Material's instant navigation only follows links of its sitemap.
    """
    site = tmp_path_factory.mktemp("site")
    server = LoopbackServer(site)
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # not the project folder, on purpose
    result = build_site(ROOT, site, cwd=elsewhere, extra_env={"SITE_URL": server.url})
    assert result.returncode == 0, result.stdout + result.stderr
    with server:
        yield site, server.url


def change_project(project: Path) -> None:
    """What happens to a site over time: a page moves, a heading is renamed, a card ages.

    总结 moves from summary.md to closing.md (with its redirect), the home page's
    heading #during-a-shift becomes #on-shift, the card type-crying was last
    reviewed long ago, and the content changed: the staff say 窗口口 for 柜面 too.
    """
    docs = project / "docs"
    (docs / "summary.md").rename(docs / "closing.md")
    for page in docs.glob("*.md"):
        text = page.read_text(encoding="utf-8").replace("(summary.md", "(closing.md")
        page.write_text(text.replace("{#during-a-shift}", "{#on-shift}"), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("总结: summary.md", "总结: closing.md")
    config = config.replace("redirect_maps: {}", "redirect_maps: {summary.md: closing.md}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    source = (project / "training.yml").read_text(encoding="utf-8").replace("summary#", "closing#")
    before, card, after = source.partition("  - id: type-crying\n")
    after = re.sub(r"reviewed: \S+", f"reviewed: {OLD_REVIEW_DATE}", after, count=1)
    after = after.replace("staff: [柜台, 前台,", "staff: [窗口口, 柜台, 前台,", 1)
    (project / "training.yml").write_text(before + card + after, encoding="utf-8")


class ChangedSite(NamedTuple):
    project: Path
    site: Path
    url: str  # where it is served; it was built for INTRANET_URL


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory) -> ChangedSite:
    """The changed project (change_project), built for the intranet address and served on loopback."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    change_project(project)
    site = tmp_path_factory.mktemp("changed-site")
    result = build_site(project, site, cwd=project.parent, extra_env={"SITE_URL": INTRANET_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    with LoopbackServer(site) as server:
        yield ChangedSite(project, site, server.url)


@pytest.fixture(scope="session")
def site_dir(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def source():
    return load_source(ROOT)


@pytest.fixture(scope="session")
def nav_pages() -> dict[str, str]:
    """The pages of the nav (mkdocs.yml): URL path -> the id its title heading must carry."""
    return {page.url: page.heading_id for page in NAV}


@pytest.fixture(scope="session")
def mkdocs_config():
    """mkdocs.yml as MkDocs reads it."""
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def soup_of(site_dir):
    @functools.cache
    def parse(url_path: str) -> BeautifulSoup:
        html = (site_dir / url_path / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")

    return parse


@pytest.fixture(scope="session")
def quick_bodies(site_dir):
    """话术速查's card bodies, {card id: BeautifulSoup}, from the scripts the build wrote."""
    return card_bodies(site_dir)


@pytest.fixture(scope="session")
def search_index(site_dir) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield _OnTestDay(chromium)
        chromium.close()


class _OnTestDay:
    """The browser, each of whose contexts lives on TODAY, as the site was built: review-dates.js
    compares each card's due date with the browser's today. Time still runs (not page.clock)."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(f"({MOVE_CLOCK})({browser_clock_offset_ms()})")
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.unroute_all(behavior="ignoreErrors")  # a routed request still on its way at the end
    context.close()
