"""Site search in Chromium with what staff type during a shift."""

import pytest

from tests.shift_queries import NOTHING_QUERIES, SHIFT_QUERIES


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    yield page
    context.close()


def search(page, query) -> list[str]:
    """Type a query as an IME commits it; the anchors of the visible results, in order."""
    field = page.locator("input[data-md-component=search-query]")
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


@pytest.mark.parametrize(("query", "card"), SHIFT_QUERIES.items())
def test_shift_query_brings_its_card_into_the_top_three(search_page, query, card):
    assert f"card-{card}" in search(search_page, query)[:3]


@pytest.mark.parametrize("query", NOTHING_QUERIES)
def test_off_topic_query_finds_nothing(search_page, query):
    assert search(search_page, query) == []
    assert "没有找到" in search_page.locator(".md-search-result__meta").inner_text()


@pytest.mark.parametrize(("typed", "spaced"), [
    ("客户哭了", "客户 哭了"),
    ("要拉横幅", "要 拉横幅"),
    ("客户不说话", "客户 不说话"),
    ("一群人来投诉", "一群人 来 投诉"),
])
def test_query_without_spaces_finds_what_it_finds_with_them(search_page, typed, spaced):
    assert search(search_page, typed) == search(search_page, spaced)


def test_segmented_query_still_reads_as_typed(search_page):
    search(search_page, "客户哭了")
    value = search_page.locator("input[data-md-component=search-query]").input_value()
    assert value.replace("\u200b", "") == "客户哭了"
