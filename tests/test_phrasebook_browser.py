"""话术速查 in Chromium: filter, chips, address, 常用, 最近查看, copy, `/`, no JavaScript, phones."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.shift_queries import SHIFT_QUERIES


def visible_cards(page) -> list[str]:
    return page.locator(".ckb-phrasebook__group .ckb-phrase:visible").evaluate_all(
        "cards => cards.map(card => card.dataset.card)")


def card(page, card_id):
    return page.locator(f".ckb-phrasebook__group .ckb-phrase[data-card='{card_id}']")


@pytest.fixture(scope="module")
def quick_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "quick/")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "card_id"), SHIFT_QUERIES.items())
def test_shift_query_keeps_its_card_in_the_filter(quick_page, query, card_id):
    quick_page.locator(".ckb-phrasebook__filter").fill(query)
    shown = visible_cards(quick_page)
    assert card_id in shown
    assert len(shown) < len(SHIFT_QUERIES)  # the filter narrows


def test_single_character_filters_by_substring(page, site_url, source):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").fill("哭")
    assert visible_cards(page) == ["type-crying"]
    expect(page.locator(".ckb-phrasebook__count")).to_have_text(f"显示 1 / {len(source.cards)} 张卡片")
    expect(page.locator("#group-risk-signal")).to_be_hidden()


def test_tag_chips_and_filter_live_in_the_address(page, site_url, source):
    page.goto(site_url + "quick/")
    page.get_by_role("button", name="处理原则").click()
    principles = [c.id for c in source.cards if "principle" in c.tags]
    assert visible_cards(page) == principles
    page.locator(".ckb-phrasebook__filter").fill("投保人")
    address = page.evaluate("location.href")
    assert parse_qs(urlparse(address).query) == {"filter": ["投保人"], "tag": ["principle"]}

    page.reload()
    expect(page.locator(".ckb-phrasebook__filter")).to_have_value("投保人")
    expect(page.get_by_role("button", name="处理原则")).to_have_attribute("aria-pressed", "true")
    assert visible_cards(page) == ["principle-verify-identity"]


def test_no_match_says_so_and_offers_site_search(page, site_url):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").fill("股票")
    expect(page.locator(".ckb-phrasebook__empty")).to_be_visible()
    link = page.get_by_role("link", name="在全站搜索“股票”")
    expect(link).to_have_attribute("href", "?q=%E8%82%A1%E7%A5%A8")  # Material's own search link
    link.click()
    expect(page.locator("input[data-md-component=search-query]")).to_be_focused()
    expect(page.locator("input[data-md-component=search-query]")).to_have_value(re.compile("^股\u200b?票$"))
    expect(page.locator(".md-search-result__meta")).to_have_text("没有找到符合条件的结果")


def test_pinned_and_recent_cards_survive_a_reload(page, site_url):
    page.goto(site_url + "quick/")
    card(page, "type-rage").get_by_role("button", name="加入常用：类型一：当场暴怒，扬言拉横幅").click()
    pinned = page.locator(".ckb-phrasebook__pinned")
    expect(pinned.locator(".ckb-phrase")).to_have_count(1)
    expect(card(page, "type-rage").locator(".ckb-phrase__pin")).to_have_attribute("aria-pressed", "true")

    page.goto(site_url + "principles/#card-principle-allow-time")  # opened from a search result
    page.goto(site_url + "quick/")
    expect(pinned.locator(".ckb-phrase__title")).to_have_text(["类型一：当场暴怒，扬言拉横幅"])
    expect(page.locator(".ckb-phrasebook__recent-list a")).to_have_text(["原则四：尽可能给后台处理留有时间"])
    expect(pinned).to_be_visible()

    pinned.get_by_role("button", name=re.compile("^移出常用")).click()
    expect(pinned).to_be_hidden()


def test_copy_buttons_put_phrasing_and_link_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "quick/")
    rage = card(page, "type-rage")
    rage.get_by_role("button", name="复制话术").click()
    expect(rage.locator(".ckb-phrase__status")).to_have_text("✔ 已复制话术")
    assert page.evaluate("navigator.clipboard.readText()") == \
        "我就是柜面主管/经理。\n这件事情由我来负责。\n这是我们经理，有什么事情可以跟他说。"

    rage.get_by_role("button", name="复制链接").click()
    expect(rage.locator(".ckb-phrase__status")).to_have_text("✔ 已复制链接")
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "customer-types/#card-type-rage"
    expect(page.locator(".ckb-phrasebook__recent-list a")).to_have_text(["类型一：当场暴怒，扬言拉横幅"])
    context.close()


def test_slash_focuses_the_filter_not_site_search(page, site_url):
    page.goto(site_url + "quick/")
    page.locator("article h1").click()
    page.keyboard.press("/")
    expect(page.locator(".ckb-phrasebook__filter")).to_be_focused()
    page.keyboard.type("横幅")
    assert visible_cards(page) == ["type-rage"]


def test_without_javascript_the_page_is_the_full_list(browser, site_url, source):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "quick/")
    expect(page.locator(".ckb-phrasebook__group .ckb-phrase")).to_have_count(len(source.cards))
    assert len(visible_cards(page)) == len(source.cards)
    expect(page.locator(".ckb-phrasebook__controls")).to_be_hidden()
    expect(page.locator(".ckb-phrase__copy").first).to_be_hidden()
    context.close()


def test_every_card_reads_without_horizontal_scrolling_at_360px(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_url + "quick/")
    page.screenshot(path=tmp_path / "quick-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    overflowing = page.locator(".ckb-phrase").evaluate_all(
        "cards => cards.filter(card => card.getBoundingClientRect().right > 360 || card.scrollWidth > card.clientWidth)"
        ".map(card => card.dataset.card)")
    assert overflowing == []
    context.close()
