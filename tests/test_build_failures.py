"""A bad source or a bad page stops `mkdocs build` with one clear message, never a traceback."""

import subprocess
import sys

import pytest

from macros.domain.source import SOURCE_FILE
from tests.conftest import ROOT, build_site, copy_project
from tests.faults import FAULTS


def _build_fails(project, tmp_path, extra_env=None) -> str:
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env=extra_env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_bad_source_stops_the_build(fault, tmp_path):
    project = copy_project(tmp_path / "project")
    broken = fault.apply((ROOT / SOURCE_FILE).read_text(encoding="utf-8"))
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    output = _build_fails(project, tmp_path)

    assert f"{SOURCE_FILE}:{fault.line(broken)}" in output
    for part in fault.expected:
        assert part in output
    assert not (tmp_path / "site" / "index.html").exists()


PAGE_FAULTS = {
    "unknown-card": (
        "principles.md", '{{ cards("principle") }}', '{{ card("no-such-card") }}',
        "principles.md: no card has the id 'no-such-card'",
    ),
    "unknown-tag": (
        "six-steps.md", '{{ cards("step") }}', '{{ cards("steps") }}',
        "six-steps.md: no tag 'steps'",
    ),
    "card-on-wrong-page": (
        "taboos.md", "## 本章测验 {#quiz}", '{{ card("type-rage") }}\n\n## 本章测验 {#quiz}',
        "card 'type-rage' belongs to the chapter 'customer-types', not to 'taboos'",
    ),
    "card-placed-twice": (
        "principles.md", '{{ cards("principle") }}',
        '{{ cards("principle") }}\n\n{{ card("principle-allow-time") }}',
        "card 'principle-allow-time' is placed twice",
    ),
    "card-on-no-page": (
        "six-steps.md", '{{ cards("step") }}', "",
        "training.yml has entries that no page shows: card 'step-1-let-vent'",
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
    project = copy_project(tmp_path / "project")
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

    output = _build_fails(ROOT, tmp_path, extra_env={"PYTHONPATH": str(shim.parent)})

    assert "jieba is not installed: Chinese search would find nothing" in output


def test_missing_source_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / SOURCE_FILE).unlink()
    assert "training.yml: cannot read the file: No such file or directory" in _build_fails(project, tmp_path)


def test_unreadable_source_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / SOURCE_FILE).unlink()
    (project / SOURCE_FILE).mkdir()  # a folder where the file should be: unreadable even for root
    assert "training.yml: cannot read the file: Is a directory" in _build_fails(project, tmp_path)


@pytest.mark.parametrize("interval", ["0", "半年", "90.5"])
def test_bad_review_interval_stops_the_build_and_the_check(interval, tmp_path):
    project = copy_project(tmp_path / "project")
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
    project = copy_project(tmp_path / "project")
    broken = fault.apply((ROOT / SOURCE_FILE).read_text(encoding="utf-8"))
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "macros.domain.check"], cwd=project, capture_output=True, text=True)

    assert check.returncode == 1 and "Traceback" not in check.stderr
    lines = [line.strip() for line in check.stderr.splitlines() if "no wrong turn can be recovered from" in line]
    assert lines == [f"{SOURCE_FILE}:{fault.line(broken)}, scenario 'active-agent', field 'nodes': "
                     "no wrong turn can be recovered from: at least one bad reply must lead to a node from which "
                     "a good ending (化解 or 转交上级) can still be reached"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("## 结语 {#closing}", "## 结语", "docs/summary.md:15: the heading has no id"),
    ("## 结语 {#closing}", "## 结语 {#closing}\n\n这一段写到一半\n就换了行。", "docs/summary.md:17: Chinese text is broken across two lines"),
])
def test_page_rules_stop_the_build_with_the_line(tmp_path, old, new, expected):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "summary.md"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert expected in _build_fails(project, tmp_path)
