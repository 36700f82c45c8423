"""Tells a learner could answer by without knowing: the right option is the longest
one, or every true/false question has the same answer.

`make check` reports both (macros/domain/check.py); tests/test_question_tells.py
holds them within these limits.
"""

from dataclasses import dataclass
from fractions import Fraction

from .schema import Question

# At most this share of single-choice questions may have their right option
# strictly longer than every other option.
LONGEST_RIGHT_LIMIT = Fraction(1, 3)
TRUE_FALSE_ANSWERS = ("正确", "错误")  # the two options of a true_false question, in their order


def right_is_strictly_longest(question: Question) -> bool:
    """The right option is longer, in characters, than every other option."""
    right = [len(option.text) for option in question.options if option.correct]
    wrong = [len(option.text) for option in question.options if not option.correct]
    return bool(right and wrong) and min(right) > max(wrong)


@dataclass(frozen=True)
class QuestionTells:
    single: tuple[str, ...]  # the single-choice questions' ids
    longest_right: tuple[str, ...]  # those whose right option is strictly the longest
    true_false: dict[str, tuple[str, ...]]  # 正确 / 错误: the true/false questions with that answer

    @property
    def longest_share(self) -> Fraction:
        return Fraction(len(self.longest_right), len(self.single)) if self.single else Fraction(0)

    @property
    def longest_within_limit(self) -> bool:
        return self.longest_share <= LONGEST_RIGHT_LIMIT

    @property
    def true_false_both_ways(self) -> bool:
        """Both answers occur (or there is no true/false question at all)."""
        counts = [len(ids) for ids in self.true_false.values()]
        return sum(counts) == 0 or all(counts)

    def report(self) -> list[str]:
        """What `make check` prints: the share, the balance, and what is over a limit."""
        limit = f"at most {LONGEST_RIGHT_LIMIT.numerator}/{LONGEST_RIGHT_LIMIT.denominator}"
        percent = round(float(self.longest_share) * 100)
        lines = [f"Right option strictly the longest: {len(self.longest_right)} of {len(self.single)} "
                 f"single-choice questions ({percent} %, {limit})"
                 + ("" if self.longest_within_limit else f" — too many: {', '.join(self.longest_right)}"),
                 "True/false answers: " + ", ".join(f"{answer} {len(ids)}" for answer, ids in self.true_false.items())
                 + ("" if self.true_false_both_ways else " — all the same answer: give some the other one")]
        return lines


def question_tells(questions: list[Question]) -> QuestionTells:
    single = [question for question in questions if question.type == "single"]
    judged = [question for question in questions if question.type == "true_false"]
    by_answer = {
        answer: tuple(question.id for question in judged
                      if any(option.correct and option.text == answer for option in question.options))
        for answer in TRUE_FALSE_ANSWERS
    }
    return QuestionTells(
        single=tuple(question.id for question in single),
        longest_right=tuple(question.id for question in single if right_is_strictly_longest(question)),
        true_false=by_answer,
    )
