"""Cards stay fresh: 最后复核 on every card, 待复核 past the interval, listed by `make check`.

The build's today is CKB_TODAY where it is set: the tests build on TODAY (tests/helpers.py),
so what they see is the same on any day they run.
"""

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.helpers import OLD_REVIEW_DATE, TODAY, TODAY_VARIABLE, build_site, copy_fixture_site


def _cards(site, page: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {card["data-card"]: card for card in soup.select("article.ckb-card")}


def test_every_card_shows_when_it_was_reviewed_and_by_whom(source, soup_of):
    for card in source.cards:
        shown = soup_of(f"{card.chapter}/").select_one(f'article[data-card="{card.id}"] .ckb-card__review')
        assert shown is not None, card.id
        assert shown.get_text().startswith(f"最后复核：{card.reviewed}（{card.owner}）"), card.id


def test_no_card_of_the_site_is_overdue_on_the_day_the_tests_build_it(source, soup_of):
    assert all(card.reviewed <= TODAY for card in source.cards)  # else TODAY is too early for the content
    chapters = {card.chapter for card in source.cards}
    assert not [chapter for chapter in chapters if soup_of(f"{chapter}/").select(".ckb-card__due:not([hidden])")]


# The fixture site's two cards were reviewed on 2026-11-25; 180 days later, on 2027-05-24, they fall due.
@pytest.mark.parametrize(("today", "overdue"), [
    ("2027-05-24", []),
    ("2027-05-25", ["signal-media", "step-listen"]),
])
@pytest.mark.build
def test_the_build_and_the_check_mark_the_cards_past_the_interval_on_the_day_they_are_given(tmp_path, today, overdue):
    project = copy_fixture_site("minimal", tmp_path / "project")
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env={TODAY_VARIABLE: today})
    assert result.returncode == 0, result.stdout + result.stderr
    cards = {**_cards(tmp_path / "site", "signals"), **_cards(tmp_path / "site", "steps")}

    marked = sorted(card_id for card_id, card in cards.items() if card.select_one(".ckb-card__due:not([hidden])"))
    assert marked == overdue
    assert all(card.select_one(".ckb-card__due")["data-due"] == "2027-05-24" for card in cards.values())

    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True,
                           text=True, timeout=60, env={**os.environ, TODAY_VARIABLE: today})
    assert check.returncode == 0, check.stderr
    if overdue:
        assert f"{len(overdue)} cards due for review (every 180 days):" in check.stdout
        assert all(f"  {card_id} — " in check.stdout for card_id in overdue)
    else:
        assert "All cards reviewed within 180 days." in check.stdout


@pytest.mark.build
def test_a_card_reviewed_long_ago_is_marked_for_review(changed_site):
    cards = _cards(changed_site.site, "customer-types")
    overdue = [card_id for card_id, card in cards.items() if card.select_one(".ckb-card__due:not([hidden])")]
    assert overdue == ["type-crying"]
    assert cards["type-crying"].select_one(".ckb-card__due").get_text() == "待复核"
    assert OLD_REVIEW_DATE in cards["type-crying"].select_one(".ckb-card__review").get_text()


@pytest.mark.build
def test_make_check_lists_overdue_cards_with_their_owners_and_passes(changed_site):
    result = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=changed_site.project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    heading = lines.index("1 cards due for review (every 180 days):")
    overdue = lines[heading + 1:heading + 2]
    assert len(overdue) == 1 and "type-crying" in overdue[0]
    assert "owner 柜面主管" in overdue[0] and f"last reviewed {OLD_REVIEW_DATE}" in overdue[0]
    assert not lines[heading + 2].startswith("  "), "only type-crying is due"


@pytest.mark.browser
def test_a_card_falling_due_after_the_build_is_marked_when_viewed(page, site_url, source):
    """The site is served for months after a build: the browser compares the due date with today."""
    reviewed = datetime.combine(max(card.reviewed for card in source.cards), datetime.min.time())
    page.clock.set_fixed_time(reviewed + timedelta(days=180, hours=9))  # the last day of the interval
    page.goto(site_url + "customer-types/")
    expect(page.locator(".ckb-card__due").filter(visible=True)).to_have_count(0)
    page.clock.set_fixed_time(reviewed + timedelta(days=181, hours=9))
    page.reload()
    expect(page.locator(".ckb-card__due").filter(visible=True)).to_have_count(5)
    expect(page.locator('article[data-card="type-rage"] .ckb-card__due')).to_have_text("待复核")
