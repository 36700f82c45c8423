"""Questions without tells: a learner cannot pass by picking the longest option or by
answering 错误 to every true/false question; `make check` reports both figures."""

from macros.domain.check import main as check
from macros.domain.question_tells import LONGEST_RIGHT_LIMIT, question_tells, right_is_strictly_longest
from macros.domain.schema import Question
from tests.helpers import ROOT


def _question(kind, options, question_id="q"):
    return Question.model_validate({
        "id": question_id, "chapter": "origins", "type": kind, "stem": "题干",
        "options": [{"text": text, "correct": correct, "feedback": "讲评"} for text, correct in options],
        "explanation": "出自", "teaches": {"card": "c"},
    })


def test_the_longest_right_option_is_counted_only_when_strictly_the_longest():
    assert right_is_strictly_longest(_question("single", [("长长的对的", True), ("短", False), ("短短", False)]))
    assert not right_is_strictly_longest(_question("single", [("一样长", True), ("也一样", False)]))
    assert not right_is_strictly_longest(_question("single", [("短", True), ("长长的错的", False)]))


def test_the_tells_of_a_set_of_questions():
    questions = [
        _question("single", [("长长的对的", True), ("短", False)], "a"),
        _question("single", [("短", True), ("长长的错的", False)], "b"),
        _question("single", [("一样", True), ("同样", False)], "c"),
        _question("true_false", [("正确", False), ("错误", True)], "d"),
        _question("true_false", [("正确", False), ("错误", True)], "e"),
    ]
    tells = question_tells(questions)
    assert tells.single == ("a", "b", "c") and tells.longest_right == ("a",)
    assert tells.longest_within_limit  # 1 of 3 is the limit itself
    assert tells.true_false == {"正确": (), "错误": ("d", "e")} and not tells.true_false_both_ways
    assert "all the same answer" in tells.report()[1]
    over = question_tells([questions[0], questions[0].model_copy(update={"id": "f"}), questions[1]])
    assert not over.longest_within_limit and "too many: a, f" in over.report()[0]


def test_at_most_a_third_of_single_choice_questions_have_the_right_option_longest(source):
    tells = question_tells(source.questions)
    assert len(tells.single) >= 20
    assert tells.longest_share <= LONGEST_RIGHT_LIMIT, tells.longest_right


def test_true_false_answers_go_both_ways(source):
    tells = question_tells(source.questions)
    assert all(tells.true_false.values()), tells.true_false


def test_multiple_choice_right_options_are_not_always_the_longest(source):
    """At most half of the multiple-choice questions have one longest option, and it right."""
    def longest_is_right(question):
        lengths = [len(option.text) for option in question.options]
        longest = [option for option in question.options if len(option.text) == max(lengths)]
        return len(longest) == 1 and longest[0].correct
    multiple = [question for question in source.questions if question.type == "multiple"]
    told = [question.id for question in multiple if longest_is_right(question)]
    assert multiple and len(told) * 2 <= len(multiple), told


def test_make_check_reports_the_share_and_the_balance(source, capsys):
    assert check(ROOT) == 0
    out = capsys.readouterr().out
    tells = question_tells(source.questions)
    assert (f"Right option strictly the longest: {len(tells.longest_right)} of {len(tells.single)} "
            "single-choice questions") in out
    assert f"True/false answers: 正确 {len(tells.true_false['正确'])}, 错误 {len(tells.true_false['错误'])}" in out
