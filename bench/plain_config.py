"""MkDocs hook for the build baseline of `make bench` (builds.py): the site's main.html reads
the JSON config block that the macros would have set (extra.ckb_config), and a large site's
navigation is pruned as the macros prune it."""

from pathlib import Path

from macros.contracts import js_config
from macros.integration.navigation import prune_large_navigation
from macros.settings import Settings
from macros.views.blocks import EMERGENCY_PAGE, QUICK_PAGE


def on_config(config):
    docs = Path(config["docs_dir"])
    pages = {name: f"{page}/" for name, page in (("quick", QUICK_PAGE), ("emergency", EMERGENCY_PAGE))
             if (docs / f"{page}.md").is_file()}
    config["extra"]["ckb_config"] = js_config(Settings(config), pages)
    prune_large_navigation(config, Settings(config).navigation_prune_pages)  # the navigation the site builds
    return config
