"""The site in headless Chromium, as a member of staff uses it."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import search, watch

pytestmark = pytest.mark.browser


def test_home_page_loads_cleanly_without_outside_requests(page, site_url):
    seen = watch(page, site_url)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("article h1#home")).to_contain_text("柜面投诉应对")
    assert seen == {"errors": [], "foreign": []}


def test_searching_tuibao_opens_a_card(page, site_url):
    seen = watch(page, site_url)
    page.goto(site_url)
    results = search(page, "退保")
    card_result = results.filter(visible=True).and_(page.locator("[href*='#card-']")).first
    expect(card_result).to_be_visible()
    anchor = card_result.get_attribute("href").split("#", 1)[1]

    card_result.click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    assert seen == {"errors": [], "foreign": []}
