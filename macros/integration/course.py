"""The course's facts for what runs outside the pages: assets/ckb-course.json.

The SCORM package's launch page packs a learner's records into the LMS's
suspend_data and reports the exam's interactions; it needs to know, from the
build and not from scraping pages: each quiz and its questions with their
versions (the exam's are its draw, macros/domain/exam.py), the role-plays and their endings, where and in
which format this browser keeps the records, the learning events' names and the
pass mark. Written once by the build, from training.yml and macros/contracts.py.
"""

import json
from pathlib import Path

from ..contracts import ENDINGS, EVENTS, EXAM_QUIZ, GOOD_ENDINGS, MEMORY_KEYS, RECORD_VERSIONS
from ..domain.schema import Question, TrainingSource
from ..views.blocks import question_version

COURSE_FILE = "assets/ckb-course.json"


def course_facts(source: TrainingSource, exam_questions: list[Question], pass_percent: int) -> dict:
    chapters: dict[str, list[list[str]]] = {}
    for question in source.questions:
        chapters.setdefault(question.chapter, []).append([question.id, question_version(question)])
    exam = [[question.id, question_version(question)] for question in exam_questions]
    return {
        "quizzes": {**chapters, EXAM_QUIZ: exam},
        "exam": EXAM_QUIZ,
        "scenarios": [scenario.id for scenario in source.scenarios],
        "endings": {"all": list(ENDINGS), "good": list(GOOD_ENDINGS)},
        "memory": MEMORY_KEYS,
        "records": RECORD_VERSIONS,
        "events": EVENTS,
        "passPercent": pass_percent,
    }


def write_course(site_dir: Path, facts: dict) -> None:
    path = Path(site_dir) / COURSE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")


def read_course(site_dir: Path) -> dict:
    return json.loads((Path(site_dir) / COURSE_FILE).read_text(encoding="utf-8"))
