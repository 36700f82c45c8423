"""The exam's draw (macros/domain/exam.py): every question, or a sample per chapter."""

from collections import Counter

import pytest

from macros.domain.exam import exam_questions
from macros.settings import SettingError, Settings, read
from tests.helpers import ROOT


def test_without_a_size_or_at_the_number_of_questions_the_exam_holds_every_question(source):
    assert exam_questions(source.questions, None) == list(source.questions)
    assert exam_questions(source.questions, len(source.questions)) == list(source.questions)
    assert exam_questions(source.questions, 10 * len(source.questions)) == list(source.questions)


@pytest.mark.parametrize("size", [1, 7, 12, 25, 39])
def test_a_sample_gives_each_chapter_its_share_in_the_source_order(source, size):
    drawn = exam_questions(source.questions, size)
    assert len(drawn) == size and len({question.id for question in drawn}) == size
    order = [question.id for question in source.questions]
    assert [question.id for question in drawn] == sorted((q.id for q in drawn), key=order.index)
    per_chapter = Counter(question.chapter for question in source.questions)
    drawn_per_chapter = Counter(question.chapter for question in drawn)
    for chapter, count in per_chapter.items():
        share = size * count / len(source.questions)
        assert int(share) <= drawn_per_chapter[chapter] <= int(share) + 1, (chapter, share)


def test_the_draw_is_the_same_every_time_and_not_the_chapters_first_questions(source):
    size = len(source.questions) // 2
    assert exam_questions(source.questions, size) == exam_questions(list(source.questions), size)
    firsts = []
    for chapter in dict.fromkeys(question.chapter for question in source.questions):
        questions = [question for question in source.questions if question.chapter == chapter]
        drawn = len([q for q in exam_questions(source.questions, size) if q.chapter == chapter])
        firsts += [q.id for q in questions[:drawn]]
    assert set(firsts) != {question.id for question in exam_questions(source.questions, size)}


@pytest.mark.parametrize("value", [0, -3, "40", True, 2.5])
def test_a_size_that_is_not_a_whole_number_of_questions_is_one_line(value):
    with pytest.raises(SettingError, match=r"^mkdocs.yml: extra.exam_questions must be a whole number"):
        _ = Settings({"extra": {"exam_questions": value}}).exam_questions


def test_the_real_site_draws_forty(source):
    assert read(ROOT).exam_questions == 40
    assert len(exam_questions(source.questions, 40)) == min(40, len(source.questions))
