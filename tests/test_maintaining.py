"""MAINTAINING.md names every part of Material the site leans on, and the Material it was written for.

Each name below is found in the project's own scripts, styles and templates, not listed here:
a new use of Material's insides fails this test until MAINTAINING.md says where it is.
"""

import re
from pathlib import Path

import material

from tests.helpers import ROOT

MAINTAINING = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
OVERRIDES = ROOT / "overrides"
# Material's partials/search.html, copied whole (tests/test_overrides.py holds it to upstream)
COPIED = {OVERRIDES / "partials" / "search.html"}
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINE_COMMENT = re.compile(r"(?<![:\"'])//.*$", re.MULTILINE)


def _code(path: Path) -> str:
    """A script or stylesheet without its comments, which may name anything."""
    text = _BLOCK_COMMENT.sub("", path.read_text(encoding="utf-8"))
    return _LINE_COMMENT.sub("", text) if path.suffix == ".js" else text


def _project_files() -> list[Path]:
    assets = OVERRIDES / "assets"
    scripts = [path for path in assets.rglob("*.js") if "vendor" not in path.parts]
    files = [*scripts, *assets.rglob("*.css"), *(ROOT / "deploy" / "scorm-launch").glob("*.js")]
    templates = [path for path in OVERRIDES.rglob("*.html") if "assets" not in path.parts and path not in COPIED]
    return [*files, *templates, *(ROOT / "templates").rglob("*.html"), ROOT / "deploy" / "scorm.py"]


def _found(pattern: str) -> set[str]:
    return {match for path in _project_files() for match in re.findall(pattern, _code(path))}


def test_it_names_the_material_the_site_is_pinned_to():
    pinned = re.search(r'"mkdocs-material==([\d.]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"`mkdocs-material=={pinned.group(1)}`" in MAINTAINING


def test_it_gives_the_end_of_life_that_material_announces():
    banner = (Path(material.__file__).parent / "templates" / "__init__.py").read_text(encoding="utf-8")
    assert "reaches end of life on May 5, 2027" in banner
    assert "## Material for MkDocs reaches end of life on 2027-05-05" in MAINTAINING


def test_the_makefile_silences_the_banner_with_a_pointer_here():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    comment = makefile[:makefile.index("export NO_MKDOCS_2_WARNING")].rsplit("\n\n", 1)[-1]
    assert "MAINTAINING.md" in comment and "2027-05-05" in comment
    assert "says nothing about this site" not in makefile


def test_every_overridden_template_is_named():
    templates = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")
                 if "assets" not in path.parts}
    assert "main.html" in templates
    assert [name for name in sorted(templates) if f"`{name}`" not in MAINTAINING
            and f"`overrides/{name}`" not in MAINTAINING] == []


def test_every_global_of_materials_scripts_the_site_uses_is_named():
    used = _found(r"\b__md_[a-z]+\b") | _found(r"\b[a-z]+\$(?=\.)") | _found(r"[\"'#](__config)\b")
    assert {"__md_get", "__md_set", "__md_scope", "document$", "__config"} <= used
    assert sorted(name for name in used if f"`{name}`" not in MAINTAINING) == []


def test_every_component_selector_of_material_the_site_uses_is_named():
    used = _found(r"data-md-(?:component|toggle)=[\"']?([a-z-]+)")
    assert {"search-query", "dialog", "content", "search"} <= used
    assert sorted(name for name in used if f"`{name}`" not in MAINTAINING
               and f"`data-md-toggle={name}`" not in MAINTAINING) == []


def test_every_class_of_materials_the_site_uses_is_named():
    used = _found(r"(?<![-\w])(md-[a-z]+(?:-[a-z]+)*(?:__[a-z]+(?:-[a-z]+)*)?(?:--[a-z]+(?:-[a-z]+)*)?)")
    assert {"md-typeset", "md-button", "md-search-result__link"} <= used
    assert sorted(name for name in used if f"`{name}`" not in MAINTAINING) == []


def test_it_names_the_vendored_shims_version():
    readme = (OVERRIDES / "assets" / "javascripts" / "vendor" / "iframe-worker" / "README.md").read_text("utf-8")
    version = re.match(r"# iframe-worker ([\d.]+)", readme).group(1)
    assert f"iframe-worker shim** {version}" in MAINTAINING
