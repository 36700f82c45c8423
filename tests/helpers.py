"""What the tests share, in one place: the project and the fixture sites, builds, a loopback
server, the test day, waiting on conditions, and what a learner does on a page.

Fixtures live in conftest.py; test modules import from here, never from each other.
bench/ uses the project copy and the loopback server too.
"""

import functools
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import NamedTuple, TypeVar

from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect

from macros.domain.review import TODAY_VARIABLE

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"  # small fixture sites: mkdocs.yml, docs/, training.yml

# What a build reads: the content and the code. A fixture site brings its own content.
CODE_PARTS = ("macros", "templates", "overrides", "deploy")
CONTENT_PARTS = ("mkdocs.yml", "training.yml", "docs")

INTRANET_URL = "http://kb.intranet.example/"
OLD_REVIEW_DATE = "2020-01-15"

# The day every build, check and browser of the tests lives on, whatever day they run: builds
# and `make check` read it from TODAY_VARIABLE (CKB_TODAY), the browser's clock is moved to it
# (conftest.py). The real cards were reviewed on it.
TODAY = date(2026, 11, 25)


# --- The project and the fixture sites ------------------------------------------------


def _copy(parts: tuple[str, ...], source: Path, destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    for part in parts:
        if (source / part).is_dir():
            shutil.copytree(source / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, destination / part)


def copy_project(destination: Path) -> Path:
    """A copy of everything the build reads, to multiply or to break on purpose."""
    _copy(CONTENT_PARTS + CODE_PARTS, ROOT, destination)
    return destination


def copy_fixture_site(name: str, destination: Path) -> Path:
    """The fixture site tests/sites/<name> with the project's code beside it, ready to build."""
    _copy(CONTENT_PARTS, SITES / name, destination)
    _copy(CODE_PARTS, ROOT, destination)
    return destination


def build_site(project: Path, site_dir: Path, cwd: Path, extra_env=None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a user would, from `cwd`, on the test day."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", TODAY_VARIABLE: TODAY.isoformat(), **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


class InProcessBuild(NamedTuple):
    built: bool
    output: str  # what MkDocs logged at warning level or above, each line as `mkdocs build` prints it


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")  # mkdocs.__main__.ColorFormatter


def build_in_process(project: Path, site_dir: Path) -> InProcessBuild:
    """MkDocs' own build of `project`, strict, in this process: a fraction of a second for a
    fixture site, where a `mkdocs build` subprocess takes seconds (pydata-sphinx-theme's tests
    build Sphinx in process the same way). Builds on the test day, like build_site; the
    environment is os.environ (monkeypatch.setenv changes it).

    A build stopped by the site (a page's macro exits, a BuildError aborts) is `built=False`
    with what it said; any other exception is a traceback a user would see, and is raised.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    search_path = list(sys.path)  # mkdocs-macros puts the project's folder first to import macros/
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except SystemExit:  # mkdocs' Abort, and mkdocs-macros' exit when a page's macro fails
        return InProcessBuild(False, "\n".join(collect.lines))
    finally:
        logger.removeHandler(collect)
        sys.path[:] = search_path
    return InProcessBuild(True, "\n".join(collect.lines))


def line_of(text: str, snippet: str) -> int:
    """The line number (from 1) where a snippet of a text starts."""
    assert snippet in text, snippet
    return text[: text.index(snippet)].count("\n") + 1


# --- The pages of the nav ---------------------------------------------------------------


class NavPage(NamedTuple):
    title: str  # as the nav shows it
    src: str  # the Markdown file, under docs/
    url: str  # the address under the site, as a learner opens it: "" for the home page, "quick/"
    section: str | None  # the nav's section it is listed under (练习, 培训师), None at the top

    @property
    def heading_id(self) -> str:
        """The id of the page's title heading, which trainers link to: its file's name, `home` for the home page."""
        name = PurePosixPath(self.src).stem
        return "home" if name == "index" else name


def read_nav(config_file: Path = ROOT / "mkdocs.yml") -> list[NavPage]:
    """The pages of a site's nav (mkdocs.yml), in its order, with directory URLs (MkDocs' default;
    the offline build turns them off and has its own tests)."""

    def walk(entries, section):
        for entry in entries:
            title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
            if isinstance(target, list):
                yield from walk(target, title)
            elif not str(target).startswith(("http://", "https://")):
                path = PurePosixPath(target).with_suffix("")
                folder = path.parent if path.name == "index" else path
                yield NavPage(title, target, "" if str(folder) == "." else f"{folder}/", section)

    with config_file.open(encoding="utf-8") as text:
        return list(walk(yaml_load(text)["nav"], None))


NAV = read_nav()
# Every page of the nav, as a learner opens them (redirects are tested by the link contract).
PAGES = [page.url for page in NAV]


# The deck's chapters, in the deck's order: each a page of the nav, and the nav, the session
# plan and the printed handouts follow this order.
DECK_CHAPTERS = ["origins", "risk-signals", "customer-types", "principles", "taboos", "six-steps", "summary"]


def nav_pages_of(*urls: str) -> list[str]:
    """A chosen few of the nav's pages, for a test that opens only those: each must be a page of the
    nav, so that a page renamed in mkdocs.yml fails here rather than quietly testing a 404."""
    missing = [url for url in urls if url.split("?", 1)[0] not in PAGES]
    assert not missing, f"not pages of the nav (mkdocs.yml): {missing}"
    return list(urls)


CHAPTER_PAGES = nav_pages_of(*(f"{chapter}/" for chapter in DECK_CHAPTERS))


# --- Serving and waiting ----------------------------------------------------------------


class QuietLog:
    """Mixed into an http.server handler: no line on stderr for each request."""

    def log_message(self, *args):
        pass


class QuietHandler(QuietLog, SimpleHTTPRequestHandler):
    """Serves a folder (`directory=`) without logging every request."""


class _Server(ThreadingHTTPServer):
    """A browser that closes a connection mid-response (a page left for the next) is not a fault."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class LoopbackServer:
    """A folder served on 127.0.0.1 at a free port. The address is known before it serves, so a
    site can be built for it (Material's instant navigation only follows links of its sitemap).

        server = LoopbackServer(site)
        with server:
            page.goto(server.url)
    """

    def __init__(self, directory: Path):
        handler = functools.partial(QuietHandler, directory=str(directory))
        self._server = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> "LoopbackServer":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def wait_until(condition: Callable[[], T], limit_s: float, every_s: float = 0.1) -> T | None:
    """Poll a condition outside the browser (a server coming up, a rebuild, a count in the LRS)
    until it holds; return its first true value, or None once the limit has passed.

    The limit only bounds a broken run; a passing run waits exactly as long as it must.
    """
    deadline = time.monotonic() + limit_s
    while not (value := condition()):
        if time.monotonic() > deadline:
            return None
        time.sleep(every_s)
    return value


def wait_for(condition: Callable[[], T], timeout: float = 20, message: str = "condition") -> T:
    """wait_until, failing the test with `message` when the condition never holds."""
    value = wait_until(condition, limit_s=timeout, every_s=0.05)
    if not value:
        raise AssertionError(f"timed out waiting for {message}")
    return value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- In the browser ---------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]



def browser_clock_offset_ms() -> float:
    """How far to move a browser's clock for its today to be TODAY (9:00 local time); time still runs."""
    return (datetime(TODAY.year, TODAY.month, TODAY.day, 9).timestamp() - time.time()) * 1000


# An init script: Date, moved by an offset. Unlike page.clock, timers and Date.now() differences
# are untouched, so Material's debounced search and animations behave as usual.
MOVE_CLOCK = """offset => {
  const RealDate = Date
  class MovedDate extends RealDate {
    constructor(...args) { if (args.length) super(...args); else super(RealDate.now() + offset) }
    static now() { return RealDate.now() + offset }
  }
  globalThis.Date = MovedDate
}"""


# Material intercepts a click for instant navigation only once it has read sitemap.xml
# (a click before that is an ordinary page load). It parses the sitemap with DOMParser and
# subscribes in the same task, so the flag set here says instant navigation is ready.
MARK_SITEMAP_READ = """() => {
  const parse = DOMParser.prototype.parseFromString
  DOMParser.prototype.parseFromString = function (...args) {
    const parsed = parse.apply(this, args)
    if (parsed.querySelector("urlset")) window.__ckbSitemapRead = true
    return parsed
  }
}"""


def goto_with_instant_navigation(page, url: str) -> None:
    """Open a page and wait until Material's instant navigation would take a click."""
    page.add_init_script(f"({MARK_SITEMAP_READ})()")
    page.goto(url)
    page.wait_for_function("() => window.__ckbSitemapRead === true")


def page_errors(page) -> list[str]:
    """The page's uncaught errors, collected as they happen."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def watch(page, site_url):
    """Collect console errors and every request to anything but the local server."""
    seen = {"errors": [], "foreign": []}
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:"))
            else seen["foreign"].append(request.url))
    return seen


def search(page, query):
    page.keyboard.press("/")
    field = page.locator("input[data-md-component=search-query]")
    expect(field).to_be_focused()
    field.fill(query)
    field.press("End")  # Material reads the query on keyup, as an IME commit sends it
    return page.locator(".md-search-result__link")


SEARCH_INPUT = "input[data-md-component=search-query]"


def open_search(page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator(SEARCH_INPUT).wait_for()


def search_results(page, query: str) -> list[str]:
    """Type a query into site search as an IME commits it; the anchors of the visible section results."""
    field = page.locator(SEARCH_INPUT)
    field.fill("")
    field.press("End")
    # cleared: no results, and no 没有找到 left from the last query (read below as this one's)
    page.wait_for_function("""() => !document.querySelector('.md-search-result__item')
        && !document.querySelector('.md-search-result__meta').textContent.includes('没有找到')""")
    field.fill(query)
    field.press("End")  # Material reads the query on keyup
    page.wait_for_function("""() => document.querySelector('.md-search-result__item')
        || document.querySelector('.md-search-result__meta').textContent.includes('没有找到')""")
    hrefs = page.locator(".md-search-result__link").evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))")
    return [href.split("#", 1)[1] for href in hrefs if "#" in href]


AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


CONTENT = "article"  # the page's content, inside Material's header, navigation and footer


def serious_violations(page, within: str | None = CONTENT) -> list:
    """What axe-core finds serious or critical on the page as it is now: in the page's content (as
    pydata-sphinx-theme scopes axe), or on the whole page with within=None. axe fails when the
    selector matches nothing, so a renamed container cannot make a scan pass unseen. It waits for
    the page's transitions to end first: a link's colour eases in when the colour scheme is set
    (Material's `transition: color`), and axe measured one halfway on a loaded machine."""
    page.evaluate("() => Promise.all(document.getAnimations().filter(animation =>"
                  " animation.effect?.getComputedTiming().endTime !== Infinity).map(animation => animation.finished))")
    page.add_script_tag(content=AXE_SCRIPT)
    violations = page.evaluate("async within => (await axe.run(within ?? document)).violations"
                               ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                               " nodes: v.nodes.map(n => n.target.join(' '))}))", within)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def card_bodies(site_dir: Path) -> dict[str, BeautifulSoup]:
    """话术速查's card bodies as the build wrote them (ckb-cards-<n>.<hash>.min.js): {card id: HTML}."""
    bodies = {}
    for script in sorted((site_dir / "assets/javascripts").glob("ckb-cards-*.js")):
        text = script.read_text(encoding="utf-8")
        assert text.startswith("ckb.cardBodies.add(") and text.rstrip().endswith(")"), script.name
        entries = json.loads(text.strip()[len("ckb.cardBodies.add("):-1])
        assert not set(entries) & set(bodies), script.name  # each card in one script
        bodies.update({card: BeautifulSoup(html, "html.parser") for card, html in entries.items()})
    return bodies


def all_pages(site_dir: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site_dir).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in site_dir.rglob("*.html")
    }


# --- Quizzes ----------------------------------------------------------------------------


def block(page, question_id):
    return page.locator(f".ckb-question[data-question='{question_id}']")


def answer(page, question, right=True):
    """Answer through the page as a learner would: click options (found by their source index,
    whatever order they are shown in), type, move items."""
    section = block(page, question.id)
    if question.options:
        wanted = [i for i, option in enumerate(question.options) if option.correct == right]
        if question.type != "multiple":
            wanted = wanted[:1]
        for index in wanted:
            section.locator(f".ckb-option__input[value='{index}']").check()
    elif question.blanks:
        for index, accepted in enumerate(question.blanks):
            section.locator(".ckb-blank__input").nth(index).fill(accepted[0] if right else "不知道")
    else:
        order_items(section, question.order if right else list(reversed(question.order)))


def order_items(section, order):
    for position, text in enumerate(order):
        item = section.locator(".ckb-order__item", has_text=text)
        while section.locator(".ckb-order__text").nth(position).inner_text() != text:
            item.get_by_role("button", name=f"上移：{text}").click()


def submit(page, question_id):
    block(page, question_id).get_by_role("button", name="提交").click()


def result_of(page, question_id):
    return block(page, question_id).locator(".ckb-question__result")


# --- Role-plays -------------------------------------------------------------------------


def scenario(page, scenario_id):
    return page.locator(f".ckb-scenario[data-scenario='{scenario_id}']")


def pick(section, reply_text):
    section.get_by_role("button", name=reply_text).click()
    section.get_by_role("button", name="继续").click()


# The replies that resolve rage-banner, from the start.
GOOD_PATH = [
    "我就是柜面主管，这件事情由我来负责。",
    "（不打断，专心听客户把话说完，不时点头示意在听。）",
    "非常抱歉给您添了麻烦。您是说上个月来问过，到现在还没有人联系您，是吗？您希望这件事怎么解决？",
    "我现在就把上个月的登记调出来，当着您的面查清楚卡在哪儿。",
    "非常抱歉，让您白等了一个月。您问的事我现在就给您答复清楚；之后我本人再给您打个电话，看看还有没有需要帮忙的。",
]
