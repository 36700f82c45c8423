"""Each page loads only the scripts of what it holds; a page reached by a click (Material's
instant navigation, no new document) gets the scripts it lacks and works: a chapter's quiz,
then 话术速查, the exam and a role-play, each used in turn."""

import pytest
from playwright.sync_api import expect

from tests.helpers import GOOD_PATH, answer, block, goto_with_instant_navigation, page_errors, pick, scenario

pytestmark = pytest.mark.browser
# How long a click may take to bring its page: fetched, parsed and drawn by instant navigation.
# Playwright's default wait (5 s) was once too short on a 2-core machine running two test
# processes (the exam page, after 话术速查); what is asserted is the page, not the time.
ARRIVES_WITHIN_MS = 20_000


def _click_nav(page, name: str, section: str | None = None) -> None:
    """Click a page in the sidebar, opening its section first as a reader would."""
    nav = page.locator(".md-nav--primary")
    link = nav.get_by_role("link", name=name, exact=True).first
    if section and not link.is_visible():
        nav.locator("label.md-nav__link", has_text=section).first.click()
    link.click()


def test_a_chapter_then_quick_then_the_exam_then_a_role_play_each_work_after_a_click(page, site_url, source):
    errors = page_errors(page)
    goto_with_instant_navigation(page, site_url + "six-steps/")
    page.evaluate("window.__sameDocument = true")  # gone if a click loads a new document
    loaded = lambda: page.evaluate(  # noqa: E731
        "[...document.querySelectorAll('script[src]')].map(s => s.src.split('/').pop().split('.')[0])")
    assert "ckb-quiz" in loaded() and "phrasebook" not in loaded() and "ckb-exam" not in loaded()

    question = next(q for q in source.questions if q.chapter == "six-steps" and q.type == "single")
    answer(page, question)
    block(page, question.id).get_by_role("button", name="提交").click()
    expect(block(page, question.id).locator(".ckb-question__result")).to_contain_text("你答对了")

    _click_nav(page, "话术速查")
    expect(page).to_have_url(site_url + "quick/", timeout=ARRIVES_WITHIN_MS)
    page.locator(".ckb-phrasebook__filter").fill("记者偷拍")
    best = page.locator(".ckb-phrasebook__results .ckb-phrase").first
    expect(best).to_have_attribute("data-card", "risk-undercover-media")
    expect(best.locator(".ckb-phrase__situation")).to_be_visible()  # its body, drawn from its script
    assert "phrasebook" in loaded()

    _click_nav(page, "综合测验", "练习")
    expect(page).to_have_url(site_url + "exam/", timeout=ARRIVES_WITHIN_MS)
    first = page.locator(".ckb-exam .ckb-question").first
    exam_question = next(q for q in source.questions if q.id == first.get_attribute("data-question"))
    answer(page, exam_question)
    expect(page.locator(".ckb-exam__entry--answered")).to_have_count(1)
    assert "ckb-exam" in loaded()

    _click_nav(page, "情景演练", "练习")
    expect(page).to_have_url(site_url + "scenarios/", timeout=ARRIVES_WITHIN_MS)
    played = scenario(page, "rage-banner")
    expect(played.locator(".ckb-scenario__transcript > li")).to_have_count(1)  # the customer's first line
    pick(played, GOOD_PATH[0])
    expect(played.locator(".ckb-scenario__transcript > li")).to_have_count(3)  # the reply, the customer again
    assert "scenario" in loaded()

    assert page.evaluate("window.__sameDocument") is True  # every step was instant navigation
    assert errors == []
