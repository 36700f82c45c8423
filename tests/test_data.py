"""The YAML source: its content, and a clear message for every kind of fault."""

from collections import Counter

import pytest

from macros.domain.errors import SourceError
from macros.domain.source import SOURCE_FILE, load_source
from tests.faults import FAULT_SITE, FAULTS
from tests.helpers import copy_fixture_site

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


def test_the_fault_site_is_valid(tmp_path):
    """Each fault below is one edit of this small source, which itself loads cleanly."""
    source = load_source(copy_fixture_site(FAULT_SITE, tmp_path))
    assert source.cards and source.questions and source.scenarios and source.session and source.vocabulary.groups


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
    with pytest.raises(SourceError, match="training.yml: cannot read the file"):
        load_source(project)
