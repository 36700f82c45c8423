"""What `make bench` measures in Chromium (Debian's, through Playwright).

Every load is a fresh browser context (nothing cached: a first visit), on a phone's
screen (360×740) with the CPU slowed 4× (a mid-range phone, as Chromium's DevTools
throttling has it). A case that takes longer than the limit is recorded as slow, with
the time it had taken, never raised.

- page loads: the site's pages against stock Material's build of the same Markdown,
  interleaved page by page (site, stock, then stock, site on the next run);
- 话术速查: from the request for the page to the first card shown for a sentence typed
  as soon as the box is in the page (a teller who does not wait for the scripts);
- site search per query, and 话术速查 per keystroke, on a desktop without throttling.
"""

import json
import shutil
import statistics
import time
from contextlib import contextmanager

from tests.helpers import CHROMIUM_ARGS

from .builds import median_after_warm_up

PHONE = {"width": 360, "height": 740}
CPU_SLOWDOWN = 4
LIMIT_MS = 180_000  # past this a case is "slow": its time so far is what is recorded

SEARCH_QUERIES = ["客户哭了", "要拉横幅", "不是投保人"]
QUICK_SENTENCES = ["客户说要去找媒体曝光怎么办", "来了五六个客户一起投诉", "客户在柜台前一直哭"]
# Keystrokes in 话术速查: short words, then whole sentences as they grow.
FILTER_TYPING = ["客", "客户", "客户哭", "客户哭了", "", "横", "横幅", "", "投", "投保", "投保人", "",
                 *[sentence[:end] for sentence in QUICK_SENTENCES[:2] for end in range(1, len(sentence) + 1)], ""]


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def phone_page(browser, init_script: str | None = None):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if init_script:
        page.add_init_script(init_script)
    try:
        yield page
    finally:
        context.close()


def _timed(page, url: str, ready: str) -> dict:
    """Open url and wait until `ready` (a JS expression giving ms since navigation, or 0)."""
    start = time.perf_counter()
    try:
        page.goto(url, wait_until="commit", timeout=LIMIT_MS)
        page.wait_for_function(ready, timeout=LIMIT_MS, polling=100)
        return {"ms": page.evaluate(ready), "slow": False}
    except Exception as error:  # Playwright's TimeoutError, or a page that never got there
        return {"ms": (time.perf_counter() - start) * 1000, "slow": True, "error": type(error).__name__}


LOAD_END = "(() => { const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd })()"


def page_loads(browser, site_url: str, stock_url: str, paths: list[str], runs: int) -> dict:
    """Each page's load (loadEventEnd) on the site and on stock Material, interleaved."""
    samples = {path: {"site": [], "stock": []} for path in paths}
    for run in range(runs + 1):
        for path in paths:
            sides = [("site", site_url), ("stock", stock_url)]
            for side, base in sides if run % 2 == 0 else reversed(sides):
                with phone_page(browser) as page:
                    samples[path][side].append(_timed(page, base + path, LOAD_END))
    return {path: _compare(sides["site"], sides["stock"]) for path, sides in samples.items()}


def _compare(site: list[dict], stock: list[dict]) -> dict:
    figures = {"site": _median(site), "stock": _median(stock)}
    both = figures["site"]["ms"] and figures["stock"]["ms"]
    return {**figures, "ratio": figures["site"]["ms"] / figures["stock"]["ms"] if both else None}


def _median(samples: list[dict]) -> dict:
    return {"ms": median_after_warm_up([sample["ms"] for sample in samples]),
            "slow": any(sample["slow"] for sample in samples[1:])}


# Set before the page's own scripts: type the sentence into the box as soon as the parser
# has made it, and note (at the next frame) when the box and then the first card show.
TYPE_AT_ONCE = """sentence => {
    const frame = name => requestAnimationFrame(() => { window[name] = window[name] || performance.now() })
    new MutationObserver((_, observer) => {
        const box = document.querySelector(".ckb-phrasebook__filter")
        if (box && !window.__ckbTyped) {
            window.__ckbTyped = true
            box.value = sentence
            box.dispatchEvent(new Event("input", { bubbles: true }))
            frame("__ckbBox")
        }
        if (document.querySelector(".ckb-phrasebook__results .ckb-phrase[data-card]")) {
            observer.disconnect()
            frame("__ckbFirstCard")
        }
    }).observe(document, { childList: true, subtree: true })
}"""


def quick_first_card(browser, site_url: str, runs: int) -> dict:
    """Request to first card for each sentence, typed as soon as the box exists."""
    figures = {}
    for sentence in QUICK_SENTENCES:
        cards, boxes = [], []
        for _ in range(runs + 1):
            with phone_page(browser, f"({TYPE_AT_ONCE})({json.dumps(sentence)})") as page:
                cards.append(_timed(page, site_url + "quick/", "window.__ckbFirstCard || 0"))
                boxes.append({"ms": page.evaluate("window.__ckbBox || 0") or cards[-1]["ms"], "slow": False})
        figures[sentence] = {"first_card": _median(cards), "box": _median(boxes)}
    return {"sentences": figures,
            "first_card_ms": statistics.median(value["first_card"]["ms"] for value in figures.values()),
            "box_ms": statistics.median(value["box"]["ms"] for value in figures.values()),
            "slow": any(value["first_card"]["slow"] for value in figures.values())}


MEASURE_SEARCH = """async query => {
    const input = document.querySelector("[data-md-component=search-query]")
    const list = document.querySelector(".md-search-result__list")
    const settled = test => new Promise(resolve => {
        const check = () => test() ? resolve() : setTimeout(check, 5)
        check()
    })
    input.value = ""
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    await settled(() => list.children.length === 0)
    const start = performance.now()
    input.value = query
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    await settled(() => list.children.length > 0)
    await new Promise(requestAnimationFrame)
    return performance.now() - start
}"""

MEASURE_FILTER = """typing => {
    const filter = document.querySelector(".ckb-phrasebook__filter")
    return typing.map(value => {
        const start = performance.now()
        filter.value = value
        filter.dispatchEvent(new Event("input"))
        document.body.getBoundingClientRect()  // the style and layout the keystroke causes
        return performance.now() - start
    })
}"""


def search_and_filter(browser, site_url: str, runs: int) -> dict:
    """Site search per query and 话术速查 per keystroke, on a desktop, unthrottled."""
    page = browser.new_page()
    try:
        page.goto(site_url, timeout=LIMIT_MS)
        page.keyboard.press("/")
        page.evaluate(MEASURE_SEARCH, "客户")  # warm-up: the worker builds its index
        search = {query: statistics.median(page.evaluate(MEASURE_SEARCH, query) for _ in range(runs))
                  for query in SEARCH_QUERIES}
        page.goto(site_url + "quick/", timeout=LIMIT_MS)
        page.wait_for_selector(".ckb-phrasebook__count:not(:empty)", timeout=LIMIT_MS)
        cards = page.locator(".ckb-phrasebook__group .ckb-phrase").count()
        page.evaluate(MEASURE_FILTER, FILTER_TYPING)  # warm-up
        keystrokes = [t for _ in range(runs) for t in page.evaluate(MEASURE_FILTER, FILTER_TYPING)]
    finally:
        page.close()
    return {"search_ms": search, "search_median_ms": statistics.median(search.values()),
            "filter_cards": cards, "filter_median_ms": statistics.median(keystrokes),
            "filter_p95_ms": statistics.quantiles(keystrokes, n=20)[-1], "filter_max_ms": max(keystrokes)}
