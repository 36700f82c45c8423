"""Without JavaScript, nothing the scripts would show (and run) is on the page."""

import pytest

from tests.helpers import nav_pages_of

pytestmark = pytest.mark.browser

PAGES = nav_pages_of("origins/", "taboos/", "customer-types/", "quick/", "exam/", "scenarios/", "progress/")


@pytest.fixture(scope="module")
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_elements_waiting_for_a_script_stay_hidden(no_script_page, site_url, path):
    page = no_script_page
    response = page.goto(site_url + path)
    assert response.status == 200
    shown = page.evaluate("""() => [...document.querySelectorAll('[hidden]')]
        .filter(element => [...element.classList].some(name => name.startsWith('ckb-')))
        .filter(element => getComputedStyle(element).display !== 'none')
        .map(element => element.className)""")
    assert shown == []
    assert page.locator("[hidden][class*='ckb-']").count() > 0  # the page has such elements to hide
