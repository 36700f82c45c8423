"""Site search in Chromium with what staff type and say during a shift (tests/staff_queries.yml)."""

import pytest

from tests.query_eval import TOP, open_search, search_sections
from tests.query_sets import HELD_OUT, NOTHING_QUERIES, TUNING, load_queries

# The share of queries whose card must be among the first three section results.
# The tuning half is what the vocabulary and weights were tuned on; the held-out
# half (and the fresh queries in it) was never looked at query by query.
TARGETS = {TUNING: 0.95, HELD_OUT: 0.90}


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    yield page
    context.close()


def search(page, query) -> list[str]:
    return search_sections(page, query)


@pytest.mark.parametrize("half", [TUNING, HELD_OUT])
def test_staff_queries_bring_their_card_into_the_top_three(search_page, half):
    queries = [q for q in load_queries() if q.half == half]
    failed = [(q.query, q.card) for q in queries if f"card-{q.card}" not in search(search_page, q.query)[:TOP]]
    share = 1 - len(failed) / len(queries)
    print(f"site search, {half}: {len(queries) - len(failed)}/{len(queries)} = {share:.1%}")
    assert share >= TARGETS[half], failed if half == TUNING else f"{len(failed)} held-out queries failed"


@pytest.mark.parametrize("query", NOTHING_QUERIES)
def test_off_topic_query_finds_nothing(search_page, query):
    assert search(search_page, query) == []
    assert "没有找到" in search_page.locator(".md-search-result__meta").inner_text()


@pytest.mark.parametrize(("typed", "spaced"), [
    ("客户哭了", "客户 哭了"),
    ("要拉横幅", "要 拉横幅"),
    ("客户不说话", "客户 不说话"),
])
def test_query_without_spaces_finds_what_it_finds_with_them(search_page, typed, spaced):
    assert search(search_page, typed) == search(search_page, spaced)


@pytest.mark.parametrize(("sentence", "words"), [
    ("客户说要去找媒体曝光怎么办", "找媒体 曝光"),
    ("我该怎么跟一直哭的客户说", "哭"),
])
def test_the_filler_of_a_spoken_sentence_does_not_steer_the_ranking(search_page, sentence, words):
    assert search(search_page, sentence)[:TOP] == search(search_page, words)[:TOP]


def test_a_staff_word_finds_the_course_term(search_page):
    assert search(search_page, "报警")[0] == "card-risk-aggressive-customer"  # the card says 公安机关
    assert search(search_page, "电视台曝光")[0] in {"card-risk-temperament", "card-risk-open-media-visit"}


def test_the_snippet_shows_the_words_to_say_highlighted(search_page):
    search(search_page, "哭")
    first = search_page.locator(".md-search-result__link[href*='#card-']").first
    assert first.get_attribute("href").endswith("#card-type-crying")
    text = first.inner_text()
    assert text.split("\n", 1)[1].lstrip().startswith("怎么说：")
    assert first.locator("mark").count() >= 1
    assert "\u200b" not in text


def test_enter_opens_the_best_card_not_a_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    field = page.locator("input[data-md-component=search-query]")
    field.fill("有个客户嚎啕大哭怎么办")
    field.press("End")
    page.wait_for_selector(".md-search-result__item")
    field.press("Enter")
    page.wait_for_url("**/customer-types/**")
    assert page.evaluate("location.hash") == "#card-type-crying"
    context.close()


def test_a_card_section_ranks_above_a_page_row(search_page):
    search(search_page, "暴怒")
    first_item = search_page.locator(".md-search-result__item").first
    links = first_item.locator(".md-search-result__link").evaluate_all(
        "links => links.filter(a => a.offsetParent)"
        ".map(a => [a.getAttribute('href'), +a.querySelector('article').dataset.mdScore])")
    page_row = next(score for href, score in links if "#" not in href)
    card_rows = [score for href, score in links if "#card-" in href]
    assert card_rows and card_rows[0] > page_row
