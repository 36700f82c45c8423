"""The YAML source: its content, and a clear message for every kind of fault."""

from collections import Counter

import pytest

from macros.domain.errors import SourceError
from macros.domain.source import SOURCE_FILE, load_source
from tests.conftest import ROOT, copy_project
from tests.faults import FAULTS

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


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_fault_is_reported_with_file_entry_field_and_line(fault, tmp_path):
    project = copy_project(tmp_path)
    broken = fault.apply((ROOT / SOURCE_FILE).read_text(encoding="utf-8"))
    (project / SOURCE_FILE).write_text(broken, encoding="utf-8")

    with pytest.raises(SourceError) as raised:
        load_source(project)

    message = str(raised.value)
    assert f"{SOURCE_FILE}:{fault.line(broken)}" in message
    for part in fault.expected:
        assert part in message


def test_missing_source_file_is_reported(tmp_path):
    project = copy_project(tmp_path)
    (project / SOURCE_FILE).unlink()
    with pytest.raises(SourceError, match="training.yml: cannot read the file"):
        load_source(project)
