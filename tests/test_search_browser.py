"""Site search in Chromium: the wiring of what test_queries.py proves of the ranking.

Voice input and pasted text without a key, Enter on the best result, the highlighted
snippet, the company's emergency instruction and an honest guess, shown by Material.
"""

import pytest
from playwright.sync_api import expect

from tests.helpers import SEARCH_INPUT, open_search, search_results

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    yield page
    context.close()


def test_off_topic_query_finds_nothing(search_page):
    assert search_results(search_page, "股票") == []
    assert "没有找到" in search_page.locator(".md-search-result__meta").inner_text()


def test_a_staff_word_finds_the_course_term(search_page):
    assert search_results(search_page, "报警")[0] == "card-risk-aggressive-customer"  # the card says 公安机关
    assert search_results(search_page, "电视台曝光")[0] in {"card-risk-temperament", "card-risk-open-media-visit"}


def test_a_section_of_the_course_is_a_result(search_page):
    assert "taboo-promise" in search_results(search_page, "向客户承诺做不到的事")[:3]


def test_the_snippet_shows_the_words_to_say_highlighted(search_page):
    search_results(search_page, "哭")
    first = search_page.locator(".md-search-result__link[href*='#card-']").first
    assert first.get_attribute("href").endswith("#card-type-crying")
    assert "h=" in first.get_attribute("href") and "h=&" not in first.get_attribute("href")  # words to highlight
    text = first.inner_text()
    assert text.split("\n", 1)[1].lstrip().startswith("怎么说：")
    assert first.locator("mark").count() >= 1
    assert "\u200b" not in text


def test_pasted_text_is_searched_without_a_key(browser, site_url):
    """Paste and some voice inputs set the text and fire input, and no keyup follows."""
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    page.locator(SEARCH_INPUT).evaluate(
        "box => { box.value = '客户说要去找媒体曝光我们';"
        " box.dispatchEvent(new InputEvent('input', {bubbles: true})) }")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert "键入以开始搜索" not in page.locator(".md-search-result__meta").inner_text()
    context.close()


def test_enter_opens_the_best_card_not_a_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    field = page.locator(SEARCH_INPUT)
    field.fill("有个客户嚎啕大哭怎么办")
    field.press("End")
    page.wait_for_selector(".md-search-result__item")
    field.press("Enter")
    page.wait_for_url("**/customer-types/**")
    assert page.evaluate("location.hash") == "#card-type-crying"
    context.close()


def test_an_emergency_shows_the_companys_instruction_first(browser, site_url, mkdocs_config):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, site_url)
    field = page.locator(SEARCH_INPUT)
    field.fill("客户说要跳楼")
    field.press("End")
    first = page.locator(".md-search-result__item").first
    instruction = mkdocs_config["extra"]["emergency"]
    expect(first).to_contain_text(instruction["text"])
    expect(first).to_contain_text(instruction["source"])
    field.press("Enter")  # Enter opens the instruction, not a card
    page.wait_for_url("**/emergency/**")
    expect(page.locator(".ckb-emergency")).to_contain_text(instruction["text"])
    context.close()


def test_a_guess_says_it_is_one(search_page):
    """A query none of whose words the course uses: the closest results, said to be a guess."""
    search_results(search_page, "客户在大厅里走来走去")
    first = search_page.locator(".md-search-result__item").first
    expect(first).to_contain_text("没有完全匹配")
    assert "filter=" in first.locator("a").first.get_attribute("href")


def test_a_card_section_ranks_above_a_page_row(search_page):
    search_results(search_page, "暴怒")
    first_item = search_page.locator(".md-search-result__item").first
    links = first_item.locator(".md-search-result__link").evaluate_all(
        "links => links.filter(a => a.offsetParent)"
        ".map(a => [a.getAttribute('href'), +a.querySelector('article').dataset.mdScore])")
    page_row = next(score for href, score in links if "#" not in href)
    card_rows = [score for href, score in links if "#card-" in href]
    assert card_rows and card_rows[0] > page_row
