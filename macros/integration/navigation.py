"""A large site's navigation: only the open section's pages in each page's HTML.

Material renders the whole navigation into every page. At 600 pages that is some
1,900 elements on each of them, which a phone styles and lays out before it can
show 话术速查's first card, and which the build renders 600 times over. From
`extra.navigation_prune_pages` pages on, Material's own `navigation.prune` is
switched on: a closed section is a link to its first page.
"""

from pathlib import Path

PRUNE = "navigation.prune"


def nav_pages(nav, docs_dir: Path) -> int:
    """How many pages the navigation lists (mkdocs.yml's nav; without one, every page)."""
    if nav is None:
        return sum(1 for _ in docs_dir.rglob("*.md"))
    count = 0
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        count += nav_pages(value, docs_dir) if isinstance(value, list) else 1
    return count


def prune_large_navigation(config, from_pages: int | None) -> None:
    """Switch navigation.prune on when the site has `from_pages` pages or more."""
    features = config.theme["features"]
    if from_pages is None or PRUNE in features:
        return
    if nav_pages(config["nav"], Path(config["docs_dir"])) >= from_pages:
        features.append(PRUNE)
