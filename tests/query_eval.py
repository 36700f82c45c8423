"""Run the staff query sets through site search and 话术速查 in Chromium.

`python -m tests.query_eval SITE_URL [--half tuning|held-out] [--failures]`
prints the share of queries whose card is in the first three results. Only
print the failures of the tuning half while tuning.
"""

import argparse
import shutil
import sys

from tests.query_sets import HELD_OUT, TUNING, load_queries

TOP = 3
SEARCH_INPUT = "input[data-md-component=search-query]"


def open_search(page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator(SEARCH_INPUT).wait_for()


def search_sections(page, query: str) -> list[str]:
    """Type a query as a phone's voice input commits it; the anchors of the visible section results."""
    field = page.locator(SEARCH_INPUT)
    field.fill("")
    field.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    field.fill(query)
    field.press("End")  # Material reads the query on keyup
    page.wait_for_function("""() => document.querySelector('.md-search-result__item')
        || document.querySelector('.md-search-result__meta').textContent.includes('没有找到')""")
    hrefs = page.locator(".md-search-result__link").evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))")
    return [href.split("#", 1)[1] for href in hrefs if "#" in href]


def phrasebook_cards(page, query: str) -> list[str]:
    """The cards 话术速查 shows for a query, in the order shown."""
    page.locator(".ckb-phrasebook__filter").fill(query)
    return page.locator(".ckb-phrasebook__results .ckb-phrase:visible").evaluate_all(
        "cards => cards.map(card => card.dataset.card)")


def evaluate(browser, site_url: str, queries) -> dict[str, list]:
    """For each place, the queries that failed."""
    context = browser.new_context()
    page = context.new_page()
    failures = {"search": [], "phrasebook": []}
    open_search(page, site_url)
    for q in queries:
        shown = search_sections(page, q.query)
        if f"card-{q.card}" not in shown[:TOP]:
            failures["search"].append((q, shown[:TOP]))
    page.goto(site_url + "quick/")
    for q in queries:
        shown = phrasebook_cards(page, q.query)
        if q.card not in shown[:TOP]:
            failures["phrasebook"].append((q, shown[:TOP]))
    context.close()
    return failures


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.helpers import CHROMIUM_ARGS

    parser = argparse.ArgumentParser()
    parser.add_argument("site_url")
    parser.add_argument("--half", choices=[TUNING, HELD_OUT], default=TUNING)
    parser.add_argument("--failures", action="store_true", help="list the failing queries")
    args = parser.parse_args()
    queries = [q for q in load_queries() if q.half == args.half]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        failures = evaluate(browser, args.site_url, queries)
        browser.close()
    for place, failed in failures.items():
        for kind in ("word", "sentence"):
            total = sum(q.kind == kind for q in queries)
            bad = sum(q.kind == kind for q, _ in failed)
            print(f"{place:10} {args.half:8} {kind:8} {total - bad}/{total} = {(total - bad) / total:.0%}")
        if args.failures:
            for q, shown in failed:
                print(f"   {q.query} → want {q.card}, got {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
