"""话术速查 as the content grows (bench/synthetic.py): its page grows by a small, fixed amount
per card, every card is listed, and text typed before the scripts run is ranked once they do.
Built at 10× (210 cards) to keep `make test` short; the 300 KB limit is issue 24's for 100×
(2,100 cards), reached by the measured growth per card. How long anything takes belongs to
`make bench` (BENCHMARKS.md), never to a test."""

import gzip
import re

import pytest
from playwright.sync_api import expect

from bench.synthetic import make_project
from tests.helpers import LoopbackServer, build_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

SCALE = 10
CARDS_AT_100X = 2100
QUICK_GZIP_LIMIT_AT_100X = 300_000  # bytes: issue 24's limit for 话术速查's HTML at 2,100 cards


def gzipped(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def listed(path) -> int:
    return len(re.findall(rb'class="ckb-phrase[ "][^>]*data-card=', path.read_bytes()))


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """The project at 10× its content, built for and served at one loopback address."""
    root = tmp_path_factory.mktemp(f"scale-{SCALE}")
    size = make_project(SCALE, root / "project")
    server = LoopbackServer(root / "site")
    result = build_site(root / "project", root / "site", cwd=root, extra_env={"SITE_URL": server.url})
    assert result.returncode == 0, result.stderr[-2000:]
    with server:
        yield size, root / "site", server.url


def test_the_quick_page_lists_every_card_and_would_stay_under_300_kb_gzip_at_2100(large_site, site_dir):
    size, site, _ = large_site
    small, large = site_dir / "quick" / "index.html", site / "quick" / "index.html"
    assert listed(large) == size["cards"] == SCALE * listed(small)
    per_card = (gzipped(large) - gzipped(small)) / (size["cards"] - listed(small))
    assert per_card > 0
    at_100x = gzipped(small) + per_card * (CARDS_AT_100X - listed(small))
    assert at_100x < QUICK_GZIP_LIMIT_AT_100X, f"{per_card:.0f} B gzip per card → {at_100x:,.0f} B at 2,100 cards"


@pytest.mark.browser
def test_at_10x_text_typed_before_the_scripts_run_is_ranked_once_they_do(browser, large_site):
    _, _, url = large_site
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    held = []
    page.route(re.compile(r".*/phrasebook\.[0-9a-f]{8}\.min\.js$"), lambda route: held.append(route))
    page.goto(url + "quick/", wait_until="commit")
    box = page.locator(".ckb-phrasebook__filter")
    expect(box).to_be_visible()
    box.fill("记者偷拍")
    assert page.evaluate("typeof ckb === 'undefined' || !ckb.cardBodies")  # the script has not run
    for _ in range(100):  # the page is parsed further while we wait for it to ask for the script
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the phrasebook script was never requested"
    held[0].continue_()
    best = page.locator(".ckb-phrasebook__results .ckb-phrase").first
    expect(best).to_have_attribute("data-card", re.compile(r"^risk-undercover-media(-s\d+)?$"), timeout=30_000)
    expect(best.locator(".ckb-phrase__situation")).to_be_visible()  # its body, drawn on opening
    expect(box).to_have_value("记者偷拍")
    context.unroute_all(behavior="ignoreErrors")
    context.close()
