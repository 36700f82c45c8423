"""overrides/ holds only true overrides of Material's templates; the project's own are in templates/."""

from pathlib import Path

import material

from tests.helpers import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# The one change to Material's partials/search.html: the dialog gets an accessible name.
SEARCH_CHANGE = ('<div class="md-search" data-md-component="search" role="dialog">',
                 '<div class="md-search" data-md-component="search" role="dialog"'
                 ' aria-label="{{ lang.t(\'search\') }}">')


def _templates(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.html") if "assets" not in path.parts}


def test_every_template_in_overrides_overrides_one_of_materials():
    ours = _templates(OVERRIDES)
    assert ours, "overrides/ has no template"
    assert ours <= _templates(MATERIAL), sorted(ours - _templates(MATERIAL))


def test_the_project_templates_are_not_in_materials_search_path():
    """templates/progress.html and Material's partials/progress.html no longer meet."""
    assert not (OVERRIDES / "partials" / "progress.html").exists()
    assert (ROOT / "templates" / "progress.html").is_file()


def test_search_override_is_upstream_plus_one_change():
    upstream = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (OVERRIDES / "partials" / "search.html").read_text(encoding="utf-8")
    ours_body = ours[ours.index("<div class=\"md-search\""):].strip()
    upstream_body = upstream[upstream.index("<div class=\"md-search\""):].strip()
    assert SEARCH_CHANGE[0] in upstream_body, "Material's search.html changed: check the override"
    assert ours_body == upstream_body.replace(*SEARCH_CHANGE)
