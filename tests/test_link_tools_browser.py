"""复制链接 and 投影 on cards and questions, in Chromium, as a trainer uses them."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import watch

pytestmark = pytest.mark.browser

PROJECTED = re.compile(r"\bckb-projection\b")
RAGE_CARD = 'article[data-card="type-rage"]'
QUESTION = 'section[data-question="principle-not-policyholder"]'


@pytest.fixture
def trainer_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    yield tab
    context.close()


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize(("path", "block", "anchor"), [
    ("customer-types/", RAGE_CARD, "card-type-rage"),
    ("principles/", QUESTION, "q-principle-not-policyholder"),
])
def test_copy_link_puts_the_full_address_on_the_clipboard(trainer_page, site_url, path, block, anchor):
    page = trainer_page
    page.goto(site_url + path + "?filter=x")  # the query is not part of the link
    page.locator(block).get_by_role("button", name="复制链接").click()
    expect(page.locator(".md-dialog__inner")).to_have_text("已复制")  # Material's clipboard and toast
    assert clipboard(page) == f"{site_url}{path}#{anchor}"


def test_every_card_and_question_has_both_buttons(trainer_page, site_url, source):
    page = trainer_page
    page.goto(site_url + "principles/")
    blocks = page.locator("article.ckb-card, section.ckb-question")
    expect(blocks).to_have_count(sum(card.chapter == "principles" for card in source.cards)
                                 + sum(question.chapter == "principles" for question in source.questions))
    for index in range(blocks.count()):
        expect(blocks.nth(index).get_by_role("button", name="复制链接")).to_be_visible()
        expect(blocks.nth(index).get_by_role("button", name="投影")).to_be_visible()


def _alone_and_large(page, block):
    """The block covers the window, nothing shows through, and its text reads from afar:
    never below a 30th of the window's height (24 px here), shrunk only to fit."""
    box = page.locator(block).bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 1280, 720)
    for x, y in ((640, 20), (20, 700), (1260, 360)):
        inside = page.evaluate(f"document.querySelector('{block}').contains(document.elementFromPoint({x}, {y}))")
        assert inside, (x, y)
    body_size = page.locator(block).locator("li, legend").first.evaluate(
        "element => parseFloat(getComputedStyle(element).fontSize)")
    assert body_size >= 24


def test_projection_shows_a_card_alone_and_esc_leaves(trainer_page, site_url):
    page = trainer_page
    seen = watch(page, site_url)
    page.goto(site_url + "customer-types/")
    button = page.locator(RAGE_CARD).get_by_role("button", name="投影")
    normal_size = page.locator(RAGE_CARD).locator("li").first.evaluate(
        "element => parseFloat(getComputedStyle(element).fontSize)")
    button.focus()
    page.keyboard.press("Enter")

    expect(page.locator(RAGE_CARD)).to_have_class(PROJECTED)
    expect(page.locator(RAGE_CARD)).to_be_focused()
    assert page.url == site_url + "customer-types/?projection=card-type-rage#card-type-rage"
    _alone_and_large(page, RAGE_CARD)
    assert normal_size < 20
    expect(page.get_by_role("button", name="退出投影（Esc）")).to_be_visible()

    page.keyboard.press("Escape")
    expect(page.locator(RAGE_CARD)).not_to_have_class(PROJECTED)
    expect(page.locator(".md-header")).to_be_visible()
    expect(button).to_be_focused()
    assert "projection" not in page.url
    assert seen == {"errors": [], "foreign": []}


def test_projection_address_opens_a_question_large(trainer_page, site_url):
    page = trainer_page
    page.goto(site_url + "principles/?projection=q-principle-not-policyholder")
    expect(page.locator(QUESTION)).to_have_class(PROJECTED)
    _alone_and_large(page, QUESTION)
    page.locator(QUESTION).locator("label").first.click()  # the room can still answer
    page.get_by_role("button", name="退出投影（Esc）").click()
    expect(page.locator(QUESTION)).not_to_have_class(PROJECTED)
    assert "projection" not in page.url


def _projected(page) -> str:
    return page.evaluate("new URL(location.href).searchParams.get('projection')")


def test_arrow_keys_and_a_presenters_page_keys_step_through_the_page(trainer_page, site_url, source):
    page = trainer_page
    page.goto(site_url + "customer-types/?projection=card-type-rage")
    crying = 'article[data-card="type-crying"]'
    for _ in range(4):  # the rest of the card first, then the next card
        page.keyboard.press("ArrowRight")
        if _projected(page) != "card-type-rage":
            break
    expect(page.locator(crying)).to_have_class(PROJECTED)
    expect(page.locator(RAGE_CARD)).not_to_have_class(PROJECTED)
    assert page.url.endswith("?projection=card-type-crying#card-type-crying")
    _alone_and_large(page, crying)
    page.keyboard.press("PageUp")
    expect(page.locator(RAGE_CARD)).to_have_class(PROJECTED)
    # The page's title and 本章测验 are headings alone: no screen of their own.
    cards = sum(card.chapter == "customer-types" for card in source.cards)
    blocks = 2 + cards + sum(question.chapter == "customer-types" for question in source.questions)
    for _ in range(10):  # back to the start of the card, then through the chapter's sections before it
        page.keyboard.press("ArrowLeft")
        if _projected(page) == "nine-kinds":
            break
    expect(page.locator(".ckb-projection")).to_contain_text("九种抱怨客户")
    expect(page.locator(".ckb-projection__counter")).to_have_text(f"1 / {blocks}")
    page.keyboard.press("ArrowLeft")  # the first section: nothing before it
    assert _projected(page) == "nine-kinds"
    for _ in range(30):  # past the five cards and the quiz's title, on to the chapter's first question
        page.keyboard.press("PageDown")
        if _projected(page).startswith("q-"):
            break
    expect(page.locator('section[data-question="type-rage-banner"]')).to_have_class(PROJECTED)
    expect(page.locator(".ckb-projection__counter")).to_have_text(f"{2 + cards + 1} / {blocks}")
    page.keyboard.press("Escape")
    expect(page.locator(".ckb-projection")).to_have_count(0)
