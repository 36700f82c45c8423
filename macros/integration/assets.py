"""The site's own scripts and styles after the build: minified, and named by their content.

A file the web server may cache for a year (deploy/nginx.conf: `name.<8 hex>.min.js`
or `.css` under assets/) must change its name whenever its bytes change, or returning
browsers keep the old one. So after the other post-build steps:

- the scripts that always go together (macros/contracts.py `BUNDLES`) are joined into
  one file each, from their sources (overrides/assets/javascripts/), and their copies
  leave the site: on a slow phone every script is a request and a parse;
- every script and style of the project's own under assets/ (overrides/assets/) is
  minified (rjsmin, rcssmin: pure Python, whitespace and comments only) and written
  as `<name>.<sha-256 of its bytes, 8 hex>.min.js` (or .css), the plain file removed;
  the data the build writes as scripts (ckb-query-data.js, exam-key.js) the same way,
  unminified (they are data);
- Material's search worker, which the build prefixed with the query data
  (search_index.py), gets a name of its content the same way;
- every page's references are rewritten: `<script src>`, `<link href>`, the exam's key
  address, Material's `__config.search` and ckb.config's script plan (one address
  written once, `assets/javascripts/<name>`, is found wherever it appears);
- `.ckb-assets.json` (a dotfile: never published) records what became of each name,
  so that the steps run again on a built site undo this first and redo it.

Vendored files (vendor/) and Material's own (already named by their content) are left
as they are.
"""

import hashlib
import json
import re
from pathlib import Path

import rcssmin
import rjsmin

MANIFEST = ".ckb-assets.json"
SCRIPTS = Path("assets/javascripts")
STYLES = Path("assets/stylesheets")
WORKERS = SCRIPTS / "workers"
_REFERENCE = re.compile(r"assets/(?:javascripts|stylesheets)/(?:workers/)?[\w.-]+\.(?:js|css)(?=[\"'?#)])")


def bundle(site_dir: Path, sources: Path, bundles: dict[str, tuple[str, ...]]) -> set[str]:
    """Write each bundle from its sources, in order, and take its sources' copies out of the site.
    Returns the names of the project's own scripts the site now holds (bundles included)."""
    scripts = site_dir / SCRIPTS
    for name, parts in bundles.items():
        # classic scripts without semicolons run together: each part ends with its own
        (scripts / name).write_text("".join((sources / part).read_text(encoding="utf-8") + "\n;\n" for part in parts),
                                    encoding="utf-8")
    joined = {part for parts in bundles.values() for part in parts}
    for part in joined:
        (scripts / part).unlink(missing_ok=True)
    return {path.name for path in sources.glob("*.js")} - joined | set(bundles)


def fingerprint(site_dir: Path, own_scripts: set[str], own_styles: set[str], data_scripts: set[str]) -> dict[str, str]:
    """Minify and rename the project's own assets and the search worker; rewrite the pages.

    `own_scripts` / `own_styles`: the file names under assets/javascripts/ and
    assets/stylesheets/ that are the project's (overrides/assets/); `data_scripts`:
    the build's data written as scripts (ckb-query-data.js, exam-key.js), renamed only.
    Returns {old address: new address}, site-root relative.
    """
    renamed: dict[str, str] = {}
    keep = str  # data: nothing to take out
    for folder, names, minify in ((SCRIPTS, own_scripts, rjsmin.jsmin), (STYLES, own_styles, rcssmin.cssmin),
                                  (SCRIPTS, data_scripts, keep)):
        for name in sorted(names):
            path = site_dir / folder / name
            if path.is_file():
                renamed[(folder / name).as_posix()] = _rename(site_dir, path, minify(path.read_text(encoding="utf-8")))
    for worker in sorted((site_dir / WORKERS).glob("search.*.min.js")):
        renamed[(WORKERS / worker.name).as_posix()] = _rename(site_dir, worker, worker.read_text(encoding="utf-8"),
                                                             stem="search")
    _rewrite_pages(site_dir, renamed)
    (site_dir / MANIFEST).write_text(json.dumps(renamed, indent=1, sort_keys=True), encoding="utf-8")
    return renamed


def restore(site_dir: Path) -> None:
    """Undo `fingerprint` on a built site (the steps run again): the plain names back."""
    manifest = site_dir / MANIFEST
    if not manifest.is_file():
        return
    renamed = json.loads(manifest.read_text(encoding="utf-8"))
    found = {old: new for old, new in renamed.items() if (site_dir / new).is_file()}
    for old, new in found.items():
        (site_dir / new).replace(site_dir / old)
    # none found: MkDocs wrote the site again (its clean leaves dotfiles), its pages name the plain files
    _rewrite_pages(site_dir, {new: old for old, new in found.items()})
    manifest.unlink()


def current(site_dir: Path, address: str) -> Path:
    """Where a site-root relative address of the build is now (after `fingerprint`)."""
    manifest = site_dir / MANIFEST
    renamed = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    return site_dir / renamed.get(address, address)


def _rename(site_dir: Path, path: Path, text: str, stem: str | None = None) -> str:
    """Write the text as `<stem>.<hash>.min.<js|css>` beside the file, which goes; the new address."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:8]
    base = stem or path.name.rsplit(".", 1)[0]
    target = path.with_name(f"{base}.{digest}.min{path.suffix}")
    target.write_bytes(data)
    if target != path:
        path.unlink()
    return target.relative_to(site_dir).as_posix()


def _rewrite_pages(site_dir: Path, renamed: dict[str, str]) -> None:
    if not renamed:
        return
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = _REFERENCE.sub(lambda found: renamed.get(found.group(0), found.group(0)), text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
