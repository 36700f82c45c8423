"""话术速查 in Chromium: filter, chips, address, 常用, 最近查看, copy, `/`, no JavaScript, phones.

How well it ranks the query sets is test_queries.py's (the same script, run in node).
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers import page_errors

pytestmark = pytest.mark.browser


def visible_cards(page) -> list[str]:
    """The cards shown for the query, best first (or every card, without a query)."""
    return page.locator(".ckb-phrasebook__results .ckb-phrase:visible, .ckb-phrasebook__group .ckb-phrase:visible"
                        ).evaluate_all("cards => cards.map(card => card.dataset.card)")


def card(page, card_id):
    return page.locator(f".ckb-phrasebook__group .ckb-phrase[data-card='{card_id}']")


def test_best_card_first_and_open_with_every_part(page, site_url, source):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").fill("记者偷拍")
    best = page.locator(".ckb-phrasebook__results .ckb-phrase").first
    expect(best).to_have_attribute("data-card", "risk-undercover-media")  # ranked: then read the list
    shown = visible_cards(page)
    assert shown[0] == "risk-undercover-media" and len(shown) < len(source.cards)
    expect(best.locator(".ckb-phrase__more")).to_have_attribute("aria-expanded", "true")  # opened: then read it
    labels = [label.strip("✔✘→ ") for label in best.locator("dt").all_inner_texts()]
    assert labels[:2] == ["怎么说", "怎么做"] and labels[-1] == "什么时候"
    second = page.locator(".ckb-phrasebook__results .ckb-phrase").nth(1)
    expect(second.locator(".ckb-phrase__more")).to_have_text("展开全部")
    expect(second.locator(".ckb-phrase__situation")).to_be_hidden()
    second.locator(".ckb-phrase__more").click()
    expect(second.locator(".ckb-phrase__situation")).to_be_visible()
    expect(page.locator(".ckb-phrasebook__count")).to_contain_text("最相关的在最前")


def test_a_section_of_the_course_is_a_result_with_its_text_and_link(page, site_url, soup_of):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").fill("向客户承诺做不到的事")
    section = page.locator(".ckb-phrasebook__results .ckb-phrase--section[data-section='taboos#taboo-promise']")
    expect(section).to_be_visible()
    expect(section).to_contain_text("向客户承诺自己做不到的事")
    expect(section).to_contain_text("处理大忌")
    section.get_by_role("link", name="打开这一节").click()
    page.wait_for_url("**/taboos/#taboo-promise")


def test_an_emergency_shows_the_companys_instruction_above_any_card(page, site_url, mkdocs_config):
    page.goto(site_url + "quick/")
    box = page.locator(".ckb-phrasebook__filter")
    box.fill("客户拿着刀在柜台前大闹")
    instruction = page.locator(".ckb-phrasebook__emergency")
    expect(instruction).to_be_visible()
    expect(instruction).to_have_attribute("role", "alert")
    expected = mkdocs_config["extra"]["emergency"]
    expect(instruction).to_contain_text(expected["text"])
    expect(instruction).to_contain_text(expected["source"])  # the company's, not the course's
    first_card = page.locator(".ckb-phrasebook__results .ckb-phrase").first
    assert instruction.bounding_box()["y"] < first_card.bounding_box()["y"]
    # no card opens by itself beside it: none shows the course's cautions (一般不主张公安机关出面)
    expect(page.locator(".ckb-phrasebook__results .ckb-phrase[data-card]:not(.ckb-phrase--compact)")).to_have_count(0)
    expect(first_card.get_by_role("button", name="展开全部")).to_be_visible()
    box.fill("客户哭了")
    expect(instruction).to_be_hidden()
    expect(page.locator(".ckb-phrasebook__results .ckb-phrase").first).not_to_have_class(re.compile("compact"))


def test_a_guess_says_so_and_keeps_the_pinned_cards(page, site_url):
    page.goto(site_url + "quick/")
    card(page, "type-rage").get_by_role("button", name=re.compile("^加入常用：类型一")).click()
    page.locator(".ckb-phrasebook__filter").fill("客户在大厅里走来走去")
    expect(page.locator(".ckb-phrasebook__count")).to_contain_text("没有完全匹配")
    expect(page.locator(".ckb-phrasebook__results .ckb-phrase").first).to_be_visible()
    expect(page.locator(".ckb-phrasebook__pinned .ckb-phrase")).to_have_count(1)  # 常用 stays below a guess


def test_every_part_of_every_card_is_shown_once_opened_cautions_included(page, site_url, source):
    """The list holds each card's title and first line; 展开全部 draws the rest, once."""
    page.goto(site_url + "quick/")
    for entry in source.cards:
        listed = card(page, entry.id)
        first = (entry.say or entry.do)[0].text
        assert first in listed.text_content() and not listed.locator(".ckb-phrase__copy").first.is_visible()
        listed.get_by_role("button", name="展开全部").click()
        expect(listed.get_by_role("button", name="收起")).to_have_attribute("aria-expanded", "true")
        expect(listed.locator(".ckb-phrase__part--caution, .ckb-phrase__situation").last).to_be_visible()
        text = listed.text_content()
        for line in [*entry.say, *entry.do, *entry.dont_say, *entry.cautions, *entry.situation]:
            assert line.text in text, (entry.id, line.text)
        expect(listed.locator(".ckb-phrase__first")).to_have_count(0)  # the drawn body holds the first line


def test_the_box_reacts_to_text_set_without_a_key(page, site_url):
    """A phone's voice input changes the text and fires input, with no key pressed."""
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").evaluate(
        "box => { box.value = '来了五六个客户一起投诉'; box.dispatchEvent(new InputEvent('input', {bubbles: true})) }")
    assert visible_cards(page)[0] == "risk-group-visit"


def test_the_query_lives_in_the_address(page, site_url):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").fill("投保人")
    assert parse_qs(urlparse(page.evaluate("location.href")).query) == {"filter": ["投保人"]}
    page.reload()
    expect(page.locator(".ckb-phrasebook__filter")).to_have_value("投保人")
    assert visible_cards(page)[0] == "principle-verify-identity"


def test_pinned_cards_follow_the_query(page, site_url):
    page.goto(site_url + "quick/")
    card(page, "type-rage").get_by_role("button", name=re.compile("^加入常用：类型一")).click()
    pinned = page.locator(".ckb-phrasebook__pinned")
    expect(pinned).to_be_visible()
    page.locator(".ckb-phrasebook__filter").fill("横幅")
    expect(pinned.locator(".ckb-phrase")).to_have_count(1)
    page.locator(".ckb-phrasebook__filter").fill("哭")
    expect(pinned).to_be_hidden()


def test_a_damaged_memory_record_is_dropped_and_the_page_works(browser, site_url):
    """Each damaged record in turn, in one browser: the finder finds, and a card can be pinned."""
    context = browser.new_context()
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site_url + "quick/")
    for record in ['"text"', "42", "[1, 2]", '{"pinned": "type-rage", "recent": 7}',
                   '{"version": 1, "pinned": [["type-rage"]]}', "{broken"]:
        page.evaluate("record => localStorage.setItem(__md_scope.pathname + '.ckb.phrasebook', record)", record)
        page.reload()
        page.locator(".ckb-phrasebook__filter").fill("哭")
        assert visible_cards(page)[0] == "type-crying", record
        page.locator(".ckb-phrasebook__filter").fill("")
        card(page, "type-rage").get_by_role("button", name=re.compile("^加入常用")).click()
        expect(page.locator(".ckb-phrasebook__pinned .ckb-phrase"), record).to_have_count(1)
    assert errors == []
    context.close()


def test_first_result_is_visible_above_a_phone_keyboard(browser, site_url, tmp_path):
    """360×740 with the on-screen keyboard open: only the top 400 px can be seen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__filter").tap()
    page.locator(".ckb-phrasebook__filter").fill("客户说要去找媒体曝光怎么办")
    page.screenshot(path=tmp_path / "quick-keyboard.png")
    best = page.locator(".ckb-phrasebook__results .ckb-phrase").first
    title = best.locator(".ckb-phrase__title").bounding_box()
    first_line = best.locator(".ckb-phrase__parts li").first.bounding_box()
    assert title["y"] >= 0 and first_line["y"] + first_line["height"] <= 400, (title, first_line)
    context.close()


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


def test_copy_buttons_put_phrasing_and_link_on_the_clipboard(browser, site_url, source):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "quick/")
    rage = card(page, "type-rage")
    expect(rage.get_by_role("button", name="复制话术")).to_be_hidden()  # the phrasing is drawn when the card opens
    rage.get_by_role("button", name="展开全部").click()
    rage.get_by_role("button", name="复制话术").click()
    expect(page.locator(".md-dialog__inner")).to_have_text("已复制")  # Material's clipboard and toast
    rage_card = next(entry for entry in source.cards if entry.id == "type-rage")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(line.text for line in rage_card.say)

    rage.get_by_role("button", name="复制链接").click()
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "customer-types/#card-type-rage"
    expect(page.locator(".ckb-phrasebook__recent-list a")).to_have_text(["类型一：当场暴怒，扬言拉横幅"])
    context.close()


def test_slash_focuses_the_filter_not_site_search(page, site_url):
    page.goto(site_url + "quick/")
    page.locator(".ckb-phrasebook__count").click()
    page.keyboard.press("/")
    expect(page.locator(".ckb-phrasebook__filter")).to_be_focused()
    page.keyboard.type("横幅")
    assert visible_cards(page)[0] == "type-rage"


def test_without_javascript_the_page_lists_every_card_and_links_it(browser, site_url, source):
    """Each card's title and first line, and its full card on its chapter page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "quick/")
    expect(page.locator(".ckb-phrasebook__group .ckb-phrase")).to_have_count(len(source.cards))
    assert len(visible_cards(page)) == len(source.cards)
    for entry in source.cards:
        listed = card(page, entry.id)
        assert (entry.say or entry.do)[0].text in listed.text_content()
        assert listed.get_by_role("link", name="完整卡片").get_attribute("href").endswith(f"#card-{entry.id}")
    expect(page.locator(".ckb-phrase__copy").first).to_be_hidden()
    expect(page.locator(".ckb-phrase__more").first).to_be_hidden()
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


def test_a_query_that_found_nothing_is_counted_here_and_sent_nowhere_without_xapi(page, site_url):
    """The site is built without xAPI: the gap is kept in this browser, digits masked, and no request goes out."""
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    page.goto(site_url + "quick/")
    box = page.locator(".ckb-phrasebook__filter")
    for _ in range(2):
        box.fill("股票代码600519")
        box.blur()  # the query is settled when the box is left
        box.fill("")
    box.fill("客户哭了")  # found its card: not a gap
    box.blur()
    page.goto(site_url + "progress/")
    gaps = page.locator(".ckb-search-gaps")
    expect(gaps).to_be_visible()
    expect(gaps.locator("tbody tr")).to_have_count(1)
    expect(gaps.locator("tbody tr").first).to_contain_text("股票代码#")
    assert "600519" not in gaps.inner_text()
    assert not [(method, url) for method, url in requests if method != "GET" or "/xapi/" in url]


def test_text_typed_before_the_scripts_run_is_ranked_once_they_do(page, site_url):
    """The box is in the page: a teller who types while the scripts still load loses nothing."""
    held = []

    def hold(route):
        held.append(route)

    page.route(re.compile(r".*/phrasebook\.[0-9a-f]{8}\.min\.js$"), hold)
    page.goto(site_url + "quick/", wait_until="commit")
    box = page.locator(".ckb-phrasebook__filter")
    expect(box).to_be_visible()
    box.fill("记者偷拍")
    assert page.evaluate("typeof ckb === 'undefined' || !ckb.cardBodies") and held  # the script has not run
    held[0].continue_()
    expect(page.locator(".ckb-phrasebook__results .ckb-phrase").first).to_be_visible()
    expect(box).to_have_value("记者偷拍")
    assert visible_cards(page)[0] == "risk-undercover-media"


def test_a_card_named_in_the_address_opens_in_the_list(page, site_url, source):
    entry = source.cards[-1]
    page.goto(site_url + f"quick/#card-{entry.id}")
    listed = card(page, entry.id)
    expect(listed.get_by_role("button", name="收起")).to_be_visible()
    assert all(line.text in listed.text_content() for line in entry.cautions + entry.do)
