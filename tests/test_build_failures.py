"""A bad source or a bad page stops `mkdocs build` with one clear message, never a traceback.

Every fault is an edit of the small fixture site tests/sites/minimal, never of the real content.
"""

import os
import subprocess
import sys

import pytest

from macros.domain.source import SOURCE_FILE
from tests.faults import FAULT_SITE, FAULTS
from tests.helpers import TODAY_VARIABLE, build_site, copy_fixture_site, line_of


def _build_fails(project, tmp_path, extra_env=None) -> str:
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env=extra_env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


def _project(tmp_path):
    return copy_fixture_site(FAULT_SITE, tmp_path / "project")


def test_the_fault_site_builds(tmp_path):
    """The site every fault below breaks builds cleanly as it is."""
    result = build_site(_project(tmp_path), tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "steps" / "index.html").is_file()


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_bad_source_stops_the_build(fault, tmp_path):
    project = _project(tmp_path)
    broken = fault.broken()
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    output = _build_fails(project, tmp_path)

    assert fault.is_named_in(output, broken), output
    assert not (tmp_path / "site" / "index.html").exists()


PAGE_FAULTS = {
    "unknown-card": (
        "steps.md", '{{ cards("step") }}', '{{ card("no-such-card") }}',
        "steps.md: no card has the id 'no-such-card'",
    ),
    "unknown-tag": (
        "steps.md", '{{ cards("step") }}', '{{ cards("steps") }}',
        "steps.md: no tag 'steps'",
    ),
    "card-on-wrong-page": (
        "steps.md", "## 本章测验 {#quiz}", '{{ card("signal-media") }}\n\n## 本章测验 {#quiz}',
        "card 'signal-media' belongs to the chapter 'signals', not to 'steps'",
    ),
    "card-placed-twice": (
        "signals.md", '{{ cards("signal") }}',
        '{{ cards("signal") }}\n\n{{ card("signal-media") }}',
        "card 'signal-media' is placed twice",
    ),
    "card-on-no-page": (
        "signals.md", '{{ cards("signal") }}', "",
        "training.yml has entries that no page shows: card 'signal-media'",
    ),
    "quiz-on-no-page": (
        "steps.md", "{{ quiz() }}", "",
        "training.yml has entries that no page shows: the quiz of chapter 'steps'",
    ),
    "unknown-quiz": (
        "summary.md", "## 结语 {#closing}", "{{ quiz() }}\n\n## 结语 {#closing}",
        "summary.md: no question in training.yml has the chapter 'summary'",
    ),
    "unknown-macro": (
        "summary.md", "## 结语 {#closing}", "{{ phrase_card('x') }}\n\n## 结语 {#closing}",
        "summary.md: 'phrase_card' is undefined",
    ),
}


@pytest.mark.parametrize("name", PAGE_FAULTS)
def test_bad_page_stops_the_build(name, tmp_path):
    page_name, old, new, expected = PAGE_FAULTS[name]
    project = _project(tmp_path)
    page = project / "docs" / page_name
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")

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


def test_unreadable_source_stops_the_build(tmp_path):
    project = _project(tmp_path)
    (project / SOURCE_FILE).unlink()
    (project / SOURCE_FILE).mkdir()  # a folder where the file should be: unreadable even for root
    assert "training.yml: cannot read the file: Is a directory" in _build_fails(project, tmp_path)


@pytest.mark.parametrize("interval", ["0", "半年", "90.5"])
def test_bad_review_interval_stops_the_build_and_the_check(interval, tmp_path):
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "review_interval_days: 180", f"review_interval_days: {interval}"), encoding="utf-8")
    expected = "mkdocs.yml: extra.review_interval_days must be a whole number of days"

    assert expected in _build_fails(project, tmp_path)
    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1 and expected in check.stderr and "Traceback" not in check.stderr


def test_scenario_without_a_recoverable_wrong_turn_stops_make_check(tmp_path):
    """Issue 13: a scenario where every wrong reply ends it teaches no recovery; `make check` names it."""
    fault = next(fault for fault in FAULTS if fault.name == "scenario-without-recoverable-wrong-turn")
    project = _project(tmp_path)
    broken = fault.broken()
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True, text=True)

    assert check.returncode == 1 and "Traceback" not in check.stderr
    lines = [line.strip() for line in check.stderr.splitlines() if "no wrong turn can be recovered from" in line]
    assert lines == [f"{SOURCE_FILE}:{fault.line(broken)}, scenario 'angry-customer', field 'nodes': "
                     "no wrong turn can be recovered from: at least one bad reply must lead to a node from which "
                     "a good ending (化解 or 转交上级) can still be reached"]


@pytest.mark.parametrize(("new", "at", "expected"), [
    ("## 结语", "## 结语", "the heading has no id"),
    ("## 结语 {#closing}\n\n这一段写到一半\n就换了行。", "这一段写到一半", "Chinese text is broken across two lines"),
])
def test_page_rules_stop_the_build_with_the_line(tmp_path, new, at, expected):
    project = _project(tmp_path)
    page = project / "docs" / "summary.md"
    text = page.read_text(encoding="utf-8").replace("## 结语 {#closing}", new, 1)
    page.write_text(text, encoding="utf-8")
    assert f"docs/summary.md:{line_of(text, at)}: {expected}" in _build_fails(project, tmp_path)


def test_a_day_that_is_not_a_date_stops_the_build_and_the_check(tmp_path):
    """CKB_TODAY sets the day the build and `make check` compare review dates with (the tests' fixed day)."""
    project = _project(tmp_path)
    expected = "CKB_TODAY='2027-13-01' is not a day: write it as YYYY-MM-DD"

    assert expected in _build_fails(project, tmp_path, extra_env={TODAY_VARIABLE: "2027-13-01"})
    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True, text=True,
                           env={**os.environ, TODAY_VARIABLE: "2027-13-01"})
    assert check.returncode == 1 and expected in check.stderr and "Traceback" not in check.stderr
