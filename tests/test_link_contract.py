"""Trainers' links never break: tests/public-links.txt against the built site."""

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
