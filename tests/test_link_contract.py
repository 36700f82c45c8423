"""Trainers' links never break: tests/public-links.txt against the built site."""

import pytest
from playwright.sync_api import expect

from tests.helpers import all_pages
from tests.link_contract import CONTRACT_FILE, contract_problems, listed_targets


def test_every_listed_link_target_still_lands_and_every_target_is_listed(site_dir):
    gone, unlisted = contract_problems(listed_targets(), site_dir)
    assert not gone, f"listed in {CONTRACT_FILE.name} but gone from the site: {gone}"
    assert not unlisted, f"new link targets, add them to {CONTRACT_FILE.name}: {unlisted}"


def test_the_contract_lists_pages_headings_cards_and_questions():
    listed = set(listed_targets())
    for target in ("/", "/taboos/#taboo-promise", "/customer-types/#card-type-rage",
                   "/principles/#q-principle-not-policyholder", "/summary/#your-examples"):
        assert target in listed
    assert len(listed) == len(listed_targets()), "a target is listed twice"


@pytest.mark.build
def test_a_renamed_anchor_fails_the_contract_with_its_name(changed_site):
    gone, unlisted = contract_problems(listed_targets(), changed_site.site)
    assert gone == ["/#during-a-shift"]
    assert "/#on-shift" in unlisted


@pytest.mark.build
@pytest.mark.browser
def test_a_moved_page_is_reached_through_its_redirect(changed_site, page):
    gone, unlisted = contract_problems(listed_targets(), changed_site.site)
    assert not [target for target in gone if target.startswith("/summary/")]
    assert "/closing/#takeaways" in unlisted  # the new address must be listed too

    page.goto(changed_site.url + "summary/#takeaways")
    page.wait_for_url(changed_site.url + "closing/#takeaways")
    heading = page.locator("#takeaways")
    expect(heading).to_contain_text("本课程的收获")
    expect(heading).to_be_in_viewport()


def test_every_heading_has_a_permalink(site_dir):
    """Trainers copy a section's address from the ¶ beside its heading."""
    for name, soup in all_pages(site_dir).items():
        if name == "404.html":  # Material's own page, never a link target
            continue
        for heading in soup.select("article :is(h1, h2, h3, h4, h5, h6)[id]"):
            links = [link["href"] for link in heading.select("a.headerlink")]
            assert links == [f"#{heading['id']}"], (name, heading["id"])
