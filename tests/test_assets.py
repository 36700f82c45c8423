"""Each page loads the scripts and styles of what it holds, minified and named by their content;
a file the web server keeps for a year changes its name whenever its bytes change."""

import hashlib
import re
from pathlib import Path

import pytest
import rjsmin
from bs4 import BeautifulSoup

from macros.contracts import BUNDLES, COMPONENT_SCRIPTS, EVERY_PAGE_SCRIPTS, XAPI_SCRIPTS
from macros.integration.assets import current
from tests.helpers import ROOT, all_pages

OWN = re.compile(r"assets/(?:javascripts|stylesheets)/(?!vendor/)[^/]+\.(?:js|css)$")
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
# the site's own scripts (overrides/assets/javascripts), the bundles the build joins of them
# and the query data the build writes
OWN_SCRIPTS = {path.name for path in (ROOT / "overrides/assets/javascripts").glob("*.js")} | set(BUNDLES) | {
    "ckb-query-data.js"}


def immutable_rules() -> list[re.Pattern]:
    """The locations deploy/nginx.conf serves with `immutable`, as the regular expressions it matches."""
    conf = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    rules = []
    for block in re.finditer(r'location\s+(~\*?)\s+"([^"]+)"\s*\{(.*?)\n\s*\}', conf, re.S):
        if "immutable" in block.group(3):
            rules.append(re.compile(block.group(2), re.I if block.group(1) == "~*" else 0))
    assert rules, "deploy/nginx.conf has no immutable location: the test reads it wrong"
    return rules


def served_immutable(site: Path) -> dict[str, str]:
    """{address: sha-256} of every file of the site nginx would serve immutable."""
    rules = immutable_rules()
    return {f"/{path.relative_to(site).as_posix()}": hashlib.sha256(path.read_bytes()).hexdigest()
            for path in site.rglob("*") if path.is_file()
            and any(rule.search(f"/{path.relative_to(site).as_posix()}") for rule in rules)}


def _loaded(soup: BeautifulSoup) -> list[str]:
    addresses = [element.get("src") for element in soup.select("script[src]")]
    addresses += [element.get("href") for element in soup.select("link[rel=stylesheet]")]
    return [re.sub(r"^(?:\.\./|/)+", "", address) for address in addresses]


def _stem(address: str) -> str:
    """The name a file had before the build named it by its content: ckb-core.1234abcd.min.js -> ckb-core.js"""
    name = address.rsplit("/", 1)[-1]
    found = HASHED.search(name)
    return name[:found.start()] + name[found.end() - len(".js" if name.endswith(".js") else ".css"):] if found else name


@pytest.mark.build
def test_after_a_content_change_no_immutable_file_keeps_its_name_with_other_bytes(site_dir, changed_site):
    """The changed site (conftest.change_project: the vocabulary and a card changed) against the site."""
    before, after = served_immutable(site_dir), served_immutable(changed_site.site)
    same_name = before.keys() & after.keys()
    assert [address for address in same_name if before[address] != after[address]] == []
    assert any("/workers/search." in address for address in before.keys() - after.keys())  # the test can fail:
    assert any("/ckb-query-data." in address for address in before.keys() - after.keys())  # these changed
    assert any("/bundle." in address for address in same_name)  # Material's, unchanged, kept


def test_every_script_and_style_of_the_sites_own_is_named_by_its_content(site_dir):
    own = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
           if path.is_file() and OWN.search(path.relative_to(site_dir).as_posix())
           and not path.name.endswith(".map")]
    assert len(own) > 20 and [path for path in own if not HASHED.search(path)] == []
    for page, soup in all_pages(site_dir).items():
        for address in _loaded(soup):
            if OWN.search(address):
                assert HASHED.search(address) and (site_dir / address).is_file(), (page, address)


def test_each_page_loads_the_scripts_of_the_components_it_holds_and_no_others(site_dir):
    every = set(EVERY_PAGE_SCRIPTS)
    for page, soup in all_pages(site_dir).items():
        if soup.select_one("#ckb-config") is None:
            continue  # a redirect page
        loaded = {_stem(address) for address in _loaded(soup)} & OWN_SCRIPTS
        held = {name for element in soup.select("[data-ckb]") for name in element["data-ckb"].split()}
        wanted = every | {script for name in held for script in COMPONENT_SCRIPTS.get(name, ())}
        assert loaded == wanted, page
        assert not loaded & set(XAPI_SCRIPTS), page  # built without xAPI
    quick, chapter = all_pages(site_dir)["quick/index.html"], all_pages(site_dir)["six-steps/index.html"]
    assert "phrasebook.js" in {_stem(a) for a in _loaded(quick)} - {_stem(a) for a in _loaded(chapter)}
    assert "ckb-quiz.js" in {_stem(a) for a in _loaded(chapter)} - {_stem(a) for a in _loaded(quick)}


def test_scripts_that_go_together_arrive_as_one_file_and_their_parts_not_alone(site_dir):
    """contracts.py BUNDLES: each bundle holds its sources in order; none of them is served
    apart; a chapter with cards and a quiz asks for two scripts of the site's own."""
    served = {_stem(path.name) for path in (site_dir / "assets/javascripts").glob("*.js")}
    for name, parts in BUNDLES.items():
        text = current(site_dir, f"assets/javascripts/{name}").read_text(encoding="utf-8")
        # each part by its first statement after the opening comment, as the minifier left it
        sources = [(ROOT / "overrides/assets/javascripts" / part).read_text(encoding="utf-8") for part in parts]
        starts = [text.index(rjsmin.jsmin(source)[:120]) for source in sources]
        assert starts == sorted(starts), name
        assert not set(parts) & served, name
    chapter = {_stem(address) for address in _loaded(all_pages(site_dir)["risk-signals/index.html"])} & OWN_SCRIPTS
    assert chapter == {"ckb-core.js", "ckb-quiz.js"}


def test_no_page_holds_data_in_an_inline_script_of_its_content(site_dir):
    """Material's instant navigation re-creates every inline script of the content as a classic
    script, its type dropped: JSON data there would be run as JavaScript and lost. Data goes in
    attributes; the content's inline scripts are JavaScript (Material's own, for tabs)."""
    for page, soup in all_pages(site_dir).items():
        container = soup.select_one("[data-md-component=container]")
        if container is not None:
            typed = [script for script in container.select("script:not([src])") if script.get("type")]
            assert typed == [], page


SCRIPT_LINES_AT_MOST = 350  # past this a script has more than one job (the guide's shape of the code)


def test_no_script_of_the_project_has_more_than_one_job_by_its_length():
    scripts = [*(ROOT / "overrides/assets/javascripts").glob("*.js"), *(ROOT / "deploy/scorm-launch").glob("*.js")]
    assert len(scripts) > 10
    long = {path.name: lines for path in scripts
            if (lines := path.read_text(encoding="utf-8").count("\n") + 1) > SCRIPT_LINES_AT_MOST}
    assert long == {}
