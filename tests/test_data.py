"""The YAML source's content, and every fault of the source, the pages and the settings, in process.

A source fault is checked by loading the source; a fault of a page or a setting by MkDocs'
build in this process (helpers.build_in_process), `make check` by its `main`. Each kind of
fault is also built once as a user runs it, in a subprocess: test_build_failures.py.
"""

from collections import Counter
from datetime import date

import pytest

from macros.domain import check
from macros.domain.errors import SourceError
from macros.domain.source import SOURCE_FILE, load_source
from tests.faults import (
    BAD_DAY,
    BAD_DAY_MESSAGE,
    BAD_REVIEW_INTERVAL,
    BAD_REVIEW_INTERVALS,
    FAULT_SITE,
    FAULTS,
    PAGE_FAULTS,
    set_review_interval,
)
from tests.helpers import TODAY_VARIABLE, build_in_process, copy_fixture_site

CONTENT_CHAPTERS = ["origins", "risk-signals", "customer-types", "principles", "taboos", "six-steps"]


def test_real_source_is_valid(source):
    assert len(source.cards) >= 20
    assert {tag for card in source.cards for tag in card.tags} == set(source.tags)


def test_each_content_chapter_has_at_least_five_questions(source):
    per_chapter = Counter(question.chapter for question in source.questions)
    assert [chapter for chapter in CONTENT_CHAPTERS if per_chapter[chapter] < 5] == []


def test_questions_use_every_type(source):
    assert {question.type for question in source.questions} == {
        "single", "multiple", "true_false", "fill_blank", "ordering"}


def test_every_card_has_words_staff_would_type(source):
    assert all(len(card.keywords) >= 3 for card in source.cards)


# --- Faults of the source -------------------------------------------------------------------


def test_the_fault_site_is_valid(tmp_path):
    """Each fault below is one edit of this small source, which itself loads cleanly."""
    source = load_source(copy_fixture_site(FAULT_SITE, tmp_path))
    assert source.cards and source.questions and source.scenarios and source.session and source.vocabulary.groups


def test_a_figure_in_two_parts_hides_the_emergency_word_it_holds_and_no_other(tmp_path):
    """被踢…皮球 is its parts a few characters apart: 被踢了三次皮球 (passing the buck) names no
    emergency and may be a staff word; 被踢倒了 still names 被踢, and the build refuses it."""
    project = copy_fixture_site(FAULT_SITE, tmp_path)
    fixture = (project / SOURCE_FILE).read_text(encoding="utf-8")
    vocabulary = "  filler: [怎么办]\n  emergency: [被踢]\n  emergency_figures: [被踢…皮球]\n"
    for staff, refused in (("被踢了三次皮球", False), ("被踢倒了", True)):
        text = fixture.replace("      staff: [记者, 电视台]\n  filler: [怎么办]\n",
                               f"      staff: [记者, 电视台, {staff}]\n{vocabulary}", 1)
        assert text != fixture
        (project / SOURCE_FILE).write_text(text, encoding="utf-8")
        if refused:
            with pytest.raises(SourceError, match=f"'{staff}' names an emergency"):
                load_source(project)
        else:
            assert staff in load_source(project).vocabulary.groups[0].staff


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_fault_is_reported_with_file_entry_field_and_line(fault, tmp_path):
    project = copy_fixture_site(FAULT_SITE, tmp_path)
    broken = fault.broken()
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    with pytest.raises(SourceError) as raised:
        load_source(project)

    assert fault.is_named_in(str(raised.value), broken), str(raised.value)


def test_missing_source_file_is_reported(tmp_path):
    project = copy_fixture_site(FAULT_SITE, tmp_path)
    (project / SOURCE_FILE).unlink()
    with pytest.raises(SourceError, match="training.yml: cannot read the file: No such file or directory"):
        load_source(project)


def test_unreadable_source_file_is_reported(tmp_path):
    project = copy_fixture_site(FAULT_SITE, tmp_path)
    (project / SOURCE_FILE).unlink()
    (project / SOURCE_FILE).mkdir()  # a folder where the file should be: unreadable even for root
    with pytest.raises(SourceError, match="training.yml: cannot read the file: Is a directory"):
        load_source(project)


def test_scenario_without_a_recoverable_wrong_turn_stops_make_check(tmp_path, capsys):
    """Issue 13: a scenario where every wrong reply ends it teaches no recovery; `make check` names it."""
    fault = next(fault for fault in FAULTS if fault.name == "scenario-without-recoverable-wrong-turn")
    project = copy_fixture_site(FAULT_SITE, tmp_path)
    broken = fault.broken()
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    assert check.main(project) == 1

    lines = [line.strip() for line in capsys.readouterr().err.splitlines()
             if "no wrong turn can be recovered from" in line]
    assert lines == [f"{SOURCE_FILE}:{fault.line(broken)}, scenario 'angry-customer', field 'nodes': "
                     "no wrong turn can be recovered from: at least one bad reply must lead to a node from which "
                     "a good ending (化解 or 转交上级) can still be reached"]


# --- Faults of the pages and the settings: MkDocs' build in this process ----------------------


def _build_fails(project, tmp_path) -> str:
    built, output = build_in_process(project, tmp_path / "site")
    assert not built, output
    return output


def test_the_fault_site_builds_in_process(tmp_path):
    """The site every fault below breaks builds as it is, so that each failure is the fault's."""
    built, output = build_in_process(copy_fixture_site(FAULT_SITE, tmp_path / "project"), tmp_path / "site")
    assert built, output
    assert (tmp_path / "site" / "steps" / "index.html").is_file()


@pytest.mark.parametrize("fault", PAGE_FAULTS, ids=lambda fault: fault.name)
def test_bad_page_stops_the_build(fault, tmp_path):
    project = copy_fixture_site(FAULT_SITE, tmp_path / "project")
    expected = fault.apply(project)
    assert expected in _build_fails(project, tmp_path)


@pytest.mark.parametrize("interval", BAD_REVIEW_INTERVALS)
def test_bad_review_interval_stops_the_build_and_the_check(interval, tmp_path, capsys):
    project = copy_fixture_site(FAULT_SITE, tmp_path / "project")
    set_review_interval(project, interval)

    assert BAD_REVIEW_INTERVAL in _build_fails(project, tmp_path)
    assert not (tmp_path / "site" / "index.html").exists()  # stopped before any page
    assert check.main(project) == 1 and BAD_REVIEW_INTERVAL in capsys.readouterr().err


def test_a_day_that_is_not_a_date_stops_the_build_and_the_check(tmp_path, capsys, monkeypatch):
    """CKB_TODAY sets the day the build and `make check` compare review dates with (the tests' fixed day)."""
    project = copy_fixture_site(FAULT_SITE, tmp_path / "project")
    monkeypatch.setenv(TODAY_VARIABLE, BAD_DAY)

    assert BAD_DAY_MESSAGE in _build_fails(project, tmp_path)
    assert not (tmp_path / "site" / "index.html").exists()  # stopped before any page
    assert check.main(project) == 1 and BAD_DAY_MESSAGE in capsys.readouterr().err


def test_make_check_lists_each_card_whose_site_readings_wait_for_its_owner(source, capsys):
    assert check.main(today=date(2026, 12, 1)) == 0
    out = capsys.readouterr().out
    waiting = [card for card in source.cards if card.notes_pending]
    assert waiting and f"{len(waiting)} cards hold 本站说明 awaiting their owner's sign-off" in out
    for card in waiting:
        notes = card.note_count
        assert f"  {card.id} — {card.title} — owner {card.owner}, {notes} line{'' if notes == 1 else 's'}\n" in out
    signed = [card for card in source.cards if not card.notes_pending]
    assert not any(f"  {card.id} — " in out.split("sign-off")[1] for card in signed)
