"""Pages print as handouts (Chromium's print media and PDF): nothing but the content."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

HANDOUT_PAGES = ["", "customer-types/", "principles/", "trainer-guide/", "scenarios/", "quick/", "record-form/"]
SCREEN_ONLY = [".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top"]


@pytest.fixture
def printed(page):
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("path", HANDOUT_PAGES)
def test_print_hides_navigation_header_search_and_buttons(printed, site_url, path):
    printed.goto(site_url + path)
    printed.wait_for_load_state("networkidle")
    for selector in SCREEN_ONLY:
        expect(printed.locator(selector).filter(visible=True)).to_have_count(0)
    expect(printed.locator("button").filter(visible=True)).to_have_count(0)
    title = "article caption" if path == "record-form/" else "article h1"  # the form is titled by its table
    expect(printed.locator(title)).to_be_visible()


def test_print_hides_the_answers_of_a_quiz(printed, site_url):
    printed.goto(site_url + "principles/")
    expect(printed.locator(".ckb-question").first).to_be_visible()
    expect(printed.locator(".ckb-answer").filter(visible=True)).to_have_count(0)
    expect(printed.get_by_text("正确答案").filter(visible=True)).to_have_count(0)


def test_print_keeps_each_card_and_question_on_one_page(printed, site_url):
    printed.goto(site_url + "principles/")
    for selector in (".ckb-card", ".ckb-question"):
        breaks = printed.locator(selector).evaluate_all(
            "blocks => blocks.map(block => getComputedStyle(block).breakInside)")
        assert breaks and set(breaks) == {"avoid"}, selector


def test_print_writes_where_each_link_leads(printed, site_url):
    printed.goto(site_url + "trainer-guide/")
    link = printed.locator("article a[href*='risk-signals/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert f"{site_url}risk-signals/" in after
    within = printed.locator(".ckb-session a[href*='#roleplay-']").first
    assert within.evaluate("a => getComputedStyle(a, '::after').content") == "none"


def test_record_form_prints_on_one_a4_page(page, site_url):
    page.goto(site_url + "record-form/")
    page.wait_for_load_state("networkidle")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for field in ("与投保人关系", "委托书", "险种", "缴费", "保额", "三个工作日内", "转交上级部门", "客户签名"):
        assert field in text, field
