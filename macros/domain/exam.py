"""Which questions the exam (综合测验) holds.

With mkdocs.yml's `extra.exam_questions` unset, or at least the number of questions,
the exam holds every question of training.yml, in the source's order. Below it, the
exam draws a sample per chapter: each chapter gets its share of the places in
proportion to its questions (largest remainder, ties to the chapter that comes first),
and within a chapter the questions are taken in the order of a hash of their ids, so
the draw is the same at every build and does not favour a chapter's first questions.
The sample keeps the source's order. The page, its key, 我的进度, the SCORM package and
xAPI all read this one list.
"""

import hashlib
from collections.abc import Sequence

from .schema import Question


def exam_questions(questions: Sequence[Question], size: int | None) -> list[Question]:
    if size is None or size >= len(questions):
        return list(questions)
    chapters: dict[str, list[Question]] = {}
    for question in questions:
        chapters.setdefault(question.chapter, []).append(question)
    shares = {chapter: size * len(items) / len(questions) for chapter, items in chapters.items()}
    places = {chapter: int(share) for chapter, share in shares.items()}
    order = list(chapters)
    by_remainder = sorted(order, key=lambda chapter: (-(shares[chapter] - places[chapter]), order.index(chapter)))
    for chapter in by_remainder[: size - sum(places.values())]:
        places[chapter] += 1
    chosen = {
        question.id
        for chapter, items in chapters.items()
        for question in sorted(items, key=lambda q: hashlib.sha256(q.id.encode("utf-8")).hexdigest())[: places[chapter]]
    }
    return [question for question in questions if question.id in chosen]
