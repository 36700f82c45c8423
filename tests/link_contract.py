"""The link contract: every page and anchor a trainer may have put in a slide or a chat.

tests/public-links.txt lists them, one per line: `/page/` or `/page/#anchor`
(pages, headings, cards `#card-…`, questions `#q-…`). A listed target must
stay reachable, directly or through a redirect of mkdocs-redirects when its
page moved; a new target must be added to the list, so that it is kept too.

    python -m tests.link_contract site/          # after make build: what is missing, and what is gone
    python -m tests.link_contract site/ --add    # also writes the missing targets into the list

`--add` only ever adds: a listed target that stopped landing stays listed, and
the command (like tests/test_link_contract.py) fails naming it.
"""

import argparse
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

CONTRACT_FILE = Path(__file__).with_name("public-links.txt")
_REFRESH = re.compile(r"url=(\S+)", re.IGNORECASE)
# Headings (also those made by role, such as 话术速查's card titles), and the anchors a
# question taken out left behind (training.yml's retired_questions)
_HEADINGS = ("article h1[id], article h2[id], article h3[id], article h4[id], article h5[id], article h6[id], "
             "article [role=heading][id], article .ckb-retired-anchor[id]")


def listed_targets(contract_file: Path = CONTRACT_FILE) -> list[str]:
    lines = contract_file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def page_url(html_file: Path, site_dir: Path) -> str:
    """`/origins/` for site/origins/index.html, `/` for the home page."""
    relative = html_file.relative_to(site_dir).as_posix()
    return "/" + relative.removesuffix("index.html")


def redirect_target(soup: BeautifulSoup) -> str | None:
    """The relative URL a mkdocs-redirects page sends its visitors to, if it is one."""
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    match = refresh and _REFRESH.search(refresh.get("content", ""))
    return match.group(1) if match else None


def read_site(site_dir: Path) -> tuple[set[str], dict[str, str]]:
    """The targets the built site offers, and its redirects (old page -> new page)."""
    targets, redirects = set(), {}
    for html_file in sorted(site_dir.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        url = page_url(html_file, site_dir)
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        moved_to = redirect_target(soup)
        if moved_to:
            redirects[url] = urljoin(url, moved_to)
            continue
        targets.add(url)
        targets.update(f"{url}#{heading['id']}" for heading in soup.select(_HEADINGS))
    return targets, redirects


def resolve(target: str, redirects: dict[str, str]) -> str:
    """Where a listed target lands once the redirects of moved pages are followed."""
    page, hash_mark, anchor = target.partition("#")
    seen = set()
    while page in redirects and page not in seen:
        seen.add(page)
        page = redirects[page]
    return page + hash_mark + anchor


def contract_problems(listed: list[str], site_dir: Path) -> tuple[list[str], list[str]]:
    """(listed targets that no longer land, targets of the site that are not listed)."""
    targets, redirects = read_site(site_dir)
    gone = [target for target in listed if resolve(target, redirects) not in targets]
    unlisted = sorted(targets - set(listed))
    return gone, unlisted


def add_targets(targets: list[str], contract_file: Path = CONTRACT_FILE) -> None:
    """Write targets into the contract: its header (the comment lines at its top) kept, every target sorted."""
    lines = contract_file.read_text(encoding="utf-8").splitlines()
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0))
    if any(line.startswith("#") for line in lines):
        raise ValueError(f"{contract_file.name}: comments go at the top, before the targets")
    listed = {line.strip() for line in lines if line.strip()}
    contract_file.write_text("\n".join(header + sorted(listed | set(targets))) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.link_contract site/ [--add]`: what the contract is missing, and what is gone."""
    parser = argparse.ArgumentParser(prog="python -m tests.link_contract", description=main.__doc__)
    parser.add_argument("site_dir", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("--add", action="store_true", help=f"write the missing targets into {CONTRACT_FILE.name}")
    parser.add_argument("--contract", type=Path, default=CONTRACT_FILE, help="the contract file (default: %(default)s)")
    args = parser.parse_args(argv)
    gone, unlisted = contract_problems(listed_targets(args.contract), args.site_dir)
    for target in gone:
        print(f"gone: {target}")
    if args.add and unlisted:
        add_targets(unlisted, args.contract)
        print(f"added to {args.contract.name}:")
    for target in unlisted:
        print(target)
    if gone:
        print(f"A listed target must keep landing: give its page a redirect in mkdocs.yml, or keep its id "
              f"(a question taken out goes to retired_questions). Never delete it from {args.contract.name}.")
    return 1 if gone else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
