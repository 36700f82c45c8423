"""Trainers' links never break: tests/public-links.txt against the built site."""

import shutil

import pytest
from playwright.sync_api import expect

from tests.helpers import all_pages
from tests.link_contract import CONTRACT_FILE, contract_problems, listed_targets, main


def test_every_listed_link_target_still_lands_and_every_target_is_listed(site_dir):
    gone, unlisted = contract_problems(listed_targets(), site_dir)
    assert not gone, f"listed in {CONTRACT_FILE.name} but gone from the site: {gone}"
    assert not unlisted, (f"new link targets, add them to {CONTRACT_FILE.name} "
                          f"(python -m tests.link_contract site/ --add): {unlisted}")


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


# --- python -m tests.link_contract site/ --add, on a copy of the contract --------------------


def _site_offering(targets: list[str], site):
    """A built site in miniature: a page for each page of the targets, a heading for each anchor."""
    pages: dict[str, list[str]] = {}
    for target in targets:
        page, _, anchor = target.partition("#")
        pages.setdefault(page, []).extend([anchor] if anchor else [])
    for page, anchors in pages.items():
        folder = site / page.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        headings = "".join(f'<h2 id="{anchor}">{anchor}</h2>' for anchor in anchors)
        (folder / "index.html").write_text(f"<html><body><article>{headings}</article></body></html>",
                                           encoding="utf-8")
    return site


def _contract_copy(tmp_path):
    copy = tmp_path / CONTRACT_FILE.name
    shutil.copy2(CONTRACT_FILE, copy)
    return copy


def test_add_writes_the_new_targets_in_order_and_keeps_the_header(tmp_path, capsys):
    before = CONTRACT_FILE.read_bytes()
    contract = _contract_copy(tmp_path)
    new = ["/customer-types/#card-type-new", "/zz-new-page/"]
    site = _site_offering([*listed_targets(), *new], tmp_path / "site")

    assert main([str(site), "--add", "--contract", str(contract)]) == 0

    lines = before.decode("utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert contract.read_text(encoding="utf-8").splitlines() == header + sorted([*listed_targets(), *new])
    assert capsys.readouterr().out.splitlines() == [f"added to {contract.name}:", *new]
    assert contract_problems(listed_targets(contract), site) == ([], [])
    # Once more: nothing to add, the file as it was.
    written = contract.read_bytes()
    assert main([str(site), "--add", "--contract", str(contract)]) == 0
    assert contract.read_bytes() == written
    assert CONTRACT_FILE.read_bytes() == before, "the command wrote the real contract"


def test_without_add_the_command_only_prints_what_is_missing(tmp_path, capsys):
    contract = _contract_copy(tmp_path)
    site = _site_offering([*listed_targets(), "/#brand-new"], tmp_path / "site")
    assert main([str(site), "--contract", str(contract)]) == 0
    assert capsys.readouterr().out.splitlines() == ["/#brand-new"]
    assert contract.read_bytes() == CONTRACT_FILE.read_bytes()


def test_add_keeps_a_target_that_stopped_landing_and_fails_naming_it(tmp_path, capsys):
    contract = _contract_copy(tmp_path)
    gone = "/taboos/#taboo-promise"
    site = _site_offering([target for target in listed_targets() if target != gone] + ["/taboos/#taboo-new"],
                          tmp_path / "site")

    assert main([str(site), "--add", "--contract", str(contract)]) == 1

    out = capsys.readouterr().out
    assert f"gone: {gone}" in out.splitlines()
    assert gone in listed_targets(contract) and "/taboos/#taboo-new" in listed_targets(contract)
    # The contract test still fails on it.
    assert contract_problems(listed_targets(contract), site) == ([gone], [])


def test_add_refuses_a_contract_with_a_comment_among_its_targets(tmp_path):
    contract = tmp_path / CONTRACT_FILE.name
    contract.write_text("# The contract.\n/\n# a note here would be lost in sorting\n/origins/\n", encoding="utf-8")
    site = _site_offering(["/", "/origins/", "/summary/"], tmp_path / "site")
    with pytest.raises(ValueError, match="comments go at the top"):
        main([str(site), "--add", "--contract", str(contract)])
    assert "/summary/" not in listed_targets(contract)
