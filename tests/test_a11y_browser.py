"""axe-core finds nothing serious or critical: in each kind of page's content, light and dark, as
the page loads and after a learner has used it; and once in the frame Material draws around it.

As pydata-sphinx-theme does (tests/test_a11y.py), axe scans the content (helpers.CONTENT), not
Material's header, navigation and footer on every page: those are the same on each page, and
one whole-page scan per colour scheme keeps them covered. `pytest -m a11y` runs these alone.
An automated scan finds only part of what makes a page hard to use; it is a floor, not a proof.
"""

import pytest

from tests.helpers import answer, nav_pages_of, scenario, serious_violations, submit

pytestmark = [pytest.mark.browser, pytest.mark.a11y]

SCHEMES = ["light", "dark"]
# One page of each kind: 原则 and 六个步骤 hold what 抱怨客户类型 holds (cards, a quiz), and are not scanned
AXE_PAGES = nav_pages_of("quick/", "origins/", "customer-types/", "scenarios/", "exam/",
                         "progress/", "answers/", "trainer-guide/", "record-form/",
                         "customer-types/?projection=card-type-rage")


@pytest.fixture(params=SCHEMES)
def scheme_page(request, browser):
    context = browser.new_context(color_scheme=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(scheme_page, site_url, path):
    scheme_page.goto(site_url + path)
    assert serious_violations(scheme_page) == []


def test_axe_finds_nothing_serious_in_the_frame_around_the_content(scheme_page, site_url):
    """The whole page once: header, search, navigation, table of contents and footer."""
    scheme_page.goto(site_url + "customer-types/")
    assert serious_violations(scheme_page, within=None) == []


def test_axe_after_answering_right_and_wrong(scheme_page, site_url, source):
    scheme_page.goto(site_url + "taboos/")
    questions = [question for question in source.questions if question.chapter == "taboos"]
    for number, question in enumerate(questions):
        answer(scheme_page, question, right=number % 2 == 0)
        submit(scheme_page, question.id)
    assert serious_violations(scheme_page) == []


def test_axe_after_role_play_steps(scheme_page, site_url):
    scheme_page.goto(site_url + "scenarios/")
    media = scenario(scheme_page, "group-media-visit")
    while not media.locator(".ckb-scenario__again").count():
        media.locator(".ckb-scenario__reply, .ckb-scenario__next").last.click()
    assert serious_violations(scheme_page) == []
