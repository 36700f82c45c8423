"""A bad source, page or setting stops `mkdocs build` with one clear message, never a traceback.

One build, as a user runs it (a subprocess), for each kind of fault: the way its message
reaches the terminal differs by kind (the source read when the build starts, a page's
macro, the check after the pages, a setting, the environment, a missing package). Every
single fault is checked in process by test_data.py. Every fault is an edit of the small
fixture site tests/sites/minimal, never of the real content.
"""

import os
import subprocess
import sys

import pytest

from macros.domain.source import SOURCE_FILE
from tests.faults import (
    BAD_DAY,
    BAD_DAY_MESSAGE,
    BAD_REVIEW_INTERVAL,
    FAULT_SITE,
    FAULTS,
    PAGE_FAULTS,
    set_review_interval,
)
from tests.helpers import TODAY_VARIABLE, build_site, copy_fixture_site

pytestmark = pytest.mark.build

# One fault of the source for each way it is found: YAML's parser, the schema (pydantic),
# the references between entries.
_SOURCE = {fault.name: fault for fault in FAULTS}
SOURCE_KINDS = {"yaml-syntax": _SOURCE["yaml-syntax"], "schema": _SOURCE["missing-field"],
                "reference": _SOURCE["unknown-card"]}
# A page's macro fails while the page renders; an entry that no page shows is found after
# the pages; the page rules are checked before them.
_PAGE = {fault.name: fault for fault in PAGE_FAULTS}
PAGE_KINDS = {"macro": _PAGE["unknown-card"], "after-the-pages": _PAGE["card-on-no-page"],
              "page-rule": _PAGE["heading-without-id"]}

def _build_fails(project, tmp_path, extra_env=None) -> str:
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env=extra_env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


def _check_fails(project, extra_env=None) -> str:
    """`make check` (python -m macros.domain.check) in the project: it fails with a message."""
    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True,
                           text=True, env={**os.environ, **(extra_env or {})})
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    return check.stderr


def _project(tmp_path):
    return copy_fixture_site(FAULT_SITE, tmp_path / "project")


def test_the_fault_site_builds(tmp_path):
    """The site every fault below breaks builds cleanly as it is."""
    result = build_site(_project(tmp_path), tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "steps" / "index.html").is_file()


@pytest.mark.parametrize("fault", SOURCE_KINDS.values(), ids=SOURCE_KINDS)
def test_bad_source_stops_the_build(fault, tmp_path):
    project = _project(tmp_path)
    broken = fault.broken()
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    output = _build_fails(project, tmp_path)

    assert fault.is_named_in(output, broken), output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("fault", PAGE_KINDS.values(), ids=PAGE_KINDS)
def test_bad_page_stops_the_build(fault, tmp_path):
    project = _project(tmp_path)
    expected = fault.apply(project)
    assert expected in _build_fails(project, tmp_path)


def test_missing_jieba_stops_the_build(tmp_path):
    """Without jieba, Material's search indexes Chinese as whole sentences and finds nothing."""
    shim = tmp_path / "shim" / "jieba"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('jieba is hidden by the test')\n")

    output = _build_fails(_project(tmp_path), tmp_path, extra_env={"PYTHONPATH": str(shim.parent)})

    assert "jieba is not installed: Chinese search would find nothing" in output


def test_missing_source_stops_the_build(tmp_path):
    project = _project(tmp_path)
    (project / SOURCE_FILE).unlink()
    assert "training.yml: cannot read the file: No such file or directory" in _build_fails(project, tmp_path)


def test_bad_review_interval_stops_the_build_and_the_check(tmp_path):
    project = _project(tmp_path)
    set_review_interval(project, "半年")

    assert BAD_REVIEW_INTERVAL in _build_fails(project, tmp_path)
    assert BAD_REVIEW_INTERVAL in _check_fails(project)


def test_a_day_that_is_not_a_date_stops_the_build_and_the_check(tmp_path):
    """CKB_TODAY sets the day the build and `make check` compare review dates with (the tests' fixed day)."""
    project = _project(tmp_path)

    assert BAD_DAY_MESSAGE in _build_fails(project, tmp_path, extra_env={TODAY_VARIABLE: BAD_DAY})
    assert BAD_DAY_MESSAGE in _check_fails(project, extra_env={TODAY_VARIABLE: BAD_DAY})
