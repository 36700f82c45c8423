"""Hostile text in training.yml stays text: in the built HTML, and in the browser (no dialog, no request).

The hostile text goes into the small fixture site tests/sites/minimal, not the real content.
"""

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.domain.source import SOURCE_FILE
from tests.helpers import SITES, LoopbackServer, build_site, copy_fixture_site, read_nav

pytestmark = pytest.mark.build

SCRIPT = "<script>alert(1)</script>{{ 7*7 }}"
IMAGE = "<img src=x onerror=alert(2)> [点我](javascript:alert(3)) *强调*"
BREAKOUT = "</dd></dl></article><script>alert(4)</script>来得快"
REPLY = "</script><script>alert(7)</script>你再闹，我就报警了。"


SITE = "minimal"
CARD = "step-listen"
PAGES = [page.url for page in read_nav(SITES / SITE / "mkdocs.yml")]  # every page of the fixture site


def make_hostile(data: dict) -> None:
    """Put hostile text into one card, one question and the first reply of the first role-play."""
    card = next(card for card in data["cards"] if card["id"] == CARD)
    card["title"] = SCRIPT
    card["say"][0] = {"deck": IMAGE}
    card["why"] = [{"note": BREAKOUT}]
    card["keywords"][0] = "<b onmouseover=alert(5)>暴怒</b>"
    question = next(q for q in data["questions"] if q["chapter"] == "steps")
    question["stem"] = "<svg onload=alert(6)>" + question["stem"]
    data["scenarios"][0]["nodes"][0]["replies"][0]["text"] = REPLY


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    project = copy_fixture_site(SITE, work / "project")
    data = yaml.safe_load((SITES / SITE / SOURCE_FILE).read_text(encoding="utf-8"))
    make_hostile(data)
    (project / SOURCE_FILE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                                       encoding="utf-8")
    result = build_site(project, work / "site", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def soup(site, page):
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_card_texts_render_as_text(hostile_site):
    card = soup(hostile_site, "steps").find(id=f"card-{CARD}").find_parent(class_="ckb-card")
    assert card.find(id=f"card-{CARD}").get_text(strip=True).startswith(SCRIPT)
    assert IMAGE in card.get_text() and BREAKOUT in card.get_text()
    assert "<b onmouseover=alert(5)>暴怒</b>" in [chip.get_text() for chip in card.select(".ckb-card__keyword")]


@pytest.mark.parametrize("page", PAGES)
def test_no_hostile_markup_reaches_any_page(hostile_site, page):
    parsed = soup(hostile_site, page)
    assert not [script for script in parsed.find_all("script") if "alert" in (script.string or "")
                and "application/json" not in script.get("type", "")]
    assert not parsed.select("[onerror], [onload], [onmouseover], a[href^='javascript'], svg[onload]")
    assert not parsed.select("article em")


@pytest.mark.browser
def test_hostile_page_opens_in_chromium_without_dialog_or_request(browser, hostile_site):
    context = browser.new_context()
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with LoopbackServer(hostile_site) as server:
        page.on("request", lambda request: None if request.url.startswith((server.url, "data:"))
                else requests.append(request.url))
        try:
            for path in PAGES:
                page.goto(server.url + path)
                page.wait_for_load_state("networkidle")
            page.goto(server.url + "scenarios/")
            page.get_by_role("button", name=REPLY).click()
            page.get_by_role("button", name="继续").first.click()
        finally:
            context.close()
    assert dialogs == [] and requests == []
