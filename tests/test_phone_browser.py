"""Phones (360×740, touch): every control of cards, chips, copy buttons, quiz options and
role-play replies is at least 44×44 CSS px, and the trainers' buttons wait behind ⋯."""

import pytest
from playwright.sync_api import expect

from tests.helpers import nav_pages_of

pytestmark = pytest.mark.browser

MIN = 44
CONTROLS = """root => [...root.querySelectorAll(
    '.ckb-card button, .ckb-phrase button, .ckb-phrase__home, .ckb-phrasebook__chip, .ckb-phrasebook__filter,'
    + ' .ckb-question button, .ckb-option__label, .ckb-question summary, .ckb-scenario button')]
  .filter(el => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
  .map(el => { const box = el.getBoundingClientRect()
    return [el.className + ' ' + el.textContent.trim().slice(0, 12),
            Math.round(box.width), Math.round(box.height)] })"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", nav_pages_of("quick/", "customer-types/", "six-steps/", "scenarios/"))
def test_every_control_is_44_px_to_tap(phone, site_url, path):
    phone.goto(site_url + path)
    if path == "scenarios/":
        phone.locator(".ckb-scenario button").first.click()  # start the first role-play
    controls = phone.locator("body").evaluate(CONTROLS)
    assert controls, "no control found"
    small = [control for control in controls if control[1] < MIN or control[2] < MIN]
    assert small == []


def test_trainer_buttons_wait_behind_one_small_menu(phone, site_url):
    phone.goto(site_url + "customer-types/")
    card = phone.locator("#card-type-crying").locator("xpath=ancestor::article[1]")
    expect(card.locator(".ckb-tools__copy")).to_be_hidden()
    expect(card.locator(".ckb-tools__project")).to_be_hidden()
    card.get_by_role("button", name="培训师工具：类型二：嚎啕大哭，说被人所骗").tap()
    expect(card.locator(".ckb-tools__project")).to_be_visible()


def test_desktop_shows_the_trainer_buttons_without_a_menu(page, site_url):
    page.goto(site_url + "customer-types/")
    card = page.locator("#card-type-crying").locator("xpath=ancestor::article[1]")
    expect(card.locator(".ckb-tools__project")).to_be_visible()
    expect(card.locator(".ckb-tools__more")).to_be_hidden()


def test_the_way_into_the_finder_is_on_the_home_pages_first_screen(phone, site_url, tmp_path):
    """A teller on a phone opens the site and says the situation: the box is there, big enough to tap."""
    phone.goto(site_url)
    phone.screenshot(path=tmp_path / "home-360.png")
    box = phone.locator(".ckb-finder-form__query")
    button = phone.get_by_role("button", name="查话术")
    for control in (box, button):
        place = control.bounding_box()
        assert place["y"] + place["height"] <= 740 and place["height"] >= MIN and place["width"] >= MIN, place
    hint = phone.locator(".ckb-finder-form__hint").inner_text()
    assert "话筒" in hint and "/" not in hint  # what a phone has: its keyboard's microphone, not a / key
    box.tap()
    box.fill("客户哭了")
    box.press("Enter")
    phone.wait_for_url("**/quick/?filter=*")
    expect(phone.locator(".ckb-phrasebook__results .ckb-phrase").first).to_have_attribute("data-card", "type-crying")
