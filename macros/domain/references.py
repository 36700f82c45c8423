"""Checks across entries: unique ids, and references to tags, cards, pages and headings."""

import re
from collections.abc import Iterator
from pathlib import Path

from .errors import Problem
from .query import vocabulary_problems
from .scenario_graph import find_graph_problems
from .schema import Teaches, TrainingSource
from .sections import findable_sections

# A heading with an explicit id, written with attr_list: `## 标题 {#some-id}`.
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*\{[^}\n]*?#([a-z0-9-]+)[^}\n]*\}\s*$", re.MULTILINE)


def page_headings(page: Path) -> dict[str, str]:
    """The explicit heading ids of a Markdown page, with each heading's text."""
    return {anchor: title for title, anchor in _HEADING.findall(page.read_text(encoding="utf-8"))}


def page_title(page: Path) -> str:
    """The text of a Markdown page's first-level heading."""
    match = re.search(r"^#\s+(.+?)\s*(\{[^}\n]*\})?\s*$", page.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else page.stem


def find_reference_problems(source: TrainingSource, docs_dir: Path) -> list[Problem]:
    return [
        *_duplicate_ids("cards", [card.id for card in source.cards]),
        *_duplicate_ids("questions", [question.id for question in source.questions]),
        *_duplicate_ids("scenarios", [scenario.id for scenario in source.scenarios]),
        *_card_problems(source, docs_dir),
        *_question_problems(source, docs_dir),
        *_scenario_problems(source, docs_dir),
        *find_graph_problems(source),
        *_duplicate_ids("session", [block.id for block in source.session]),
        *_session_problems(source, docs_dir),
        *vocabulary_problems(source, findable_sections(source, docs_dir)),
    ]


def _duplicate_ids(kind: str, ids: list[str]) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, entry_id in enumerate(ids):
        if entry_id in first_index:
            first = first_index[entry_id] + 1
            yield Problem((kind, index, "id"), f"duplicate id '{entry_id}' (also entry #{first})")
        first_index.setdefault(entry_id, index)


def _card_problems(source: TrainingSource, docs_dir: Path) -> Iterator[Problem]:
    for index, card in enumerate(source.cards):
        if not _chapter_page(docs_dir, card.chapter).is_file():
            yield Problem(("cards", index, "chapter"), _no_page(docs_dir, card.chapter))
        for position, tag in enumerate(card.tags):
            if tag not in source.tags:
                known = ", ".join(source.tags)
                yield Problem(("cards", index, "tags", position), f"unknown tag '{tag}' (known: {known})")


def _question_problems(source: TrainingSource, docs_dir: Path) -> Iterator[Problem]:
    question_ids = {question.id for question in source.questions}
    quizzes = {question.chapter for question in source.questions}
    for index, retired in enumerate(source.retired_questions):
        if retired.id in question_ids:
            yield Problem(("retired_questions", index, "id"), f"'{retired.id}' is a question still in use")
        if retired.chapter not in quizzes:
            yield Problem(("retired_questions", index, "chapter"),
                          f"no quiz '{retired.chapter}' for links to '{retired.id}' to land on")
        if retired.replaced_by and retired.replaced_by not in question_ids:
            yield Problem(("retired_questions", index, "replaced_by"),
                          f"no question has the id '{retired.replaced_by}'")
    card_ids = {card.id for card in source.cards}
    for index, question in enumerate(source.questions):
        if not _chapter_page(docs_dir, question.chapter).is_file():
            yield Problem(("questions", index, "chapter"), _no_page(docs_dir, question.chapter))
        yield from _teaches_problems(("questions", index, "teaches"), question.teaches, card_ids, docs_dir)


def _scenario_problems(source: TrainingSource, docs_dir: Path) -> Iterator[Problem]:
    card_ids = {card.id for card in source.cards}
    for index, scenario in enumerate(source.scenarios):
        yield from _teaches_problems(("scenarios", index, "trains"), scenario.trains, card_ids, docs_dir)
        for position, node in enumerate(scenario.nodes):
            for number, reply in enumerate(node.replies):
                where = ("scenarios", index, "nodes", position, "replies", number, "teaches")
                yield from _teaches_problems(where, reply.teaches, card_ids, docs_dir)


def _session_problems(source: TrainingSource, docs_dir: Path) -> Iterator[Problem]:
    scenario_ids = {scenario.id for scenario in source.scenarios}
    quizzes = {question.chapter for question in source.questions} | {"exam"}
    for index, block in enumerate(source.session):
        for position, shown in enumerate(block.show):
            message = _page_ref_problem(docs_dir, shown)
            if message:
                yield Problem(("session", index, "show", position), message)
        for position, scenario_id in enumerate(block.roleplays):
            if scenario_id not in scenario_ids:
                yield Problem(("session", index, "roleplays", position), f"no scenario has the id '{scenario_id}'")
        if block.quiz and block.quiz not in quizzes:
            yield Problem(("session", index, "quiz"),
                          f"no quiz '{block.quiz}' (known: {', '.join(sorted(quizzes))})")


def _teaches_problems(where: tuple, teaches: Teaches, card_ids: set[str], docs_dir: Path) -> Iterator[Problem]:
    if teaches.card and teaches.card not in card_ids:
        yield Problem((*where, "card"), f"no card has the id '{teaches.card}'")
    if teaches.section:
        message = _section_problem(docs_dir, teaches.section)
        if message:
            yield Problem((*where, "section"), message)


def _page_ref_problem(docs_dir: Path, ref: str) -> str | None:
    """A page (`chapter`) or a section (`chapter#anchor`) that does not exist."""
    if "#" in ref:
        return _section_problem(docs_dir, ref)
    return None if _chapter_page(docs_dir, ref).is_file() else _no_page(docs_dir, ref)


def _section_problem(docs_dir: Path, section: str) -> str | None:
    chapter, anchor = section.split("#", 1)
    page = _chapter_page(docs_dir, chapter)
    if not page.is_file():
        return _no_page(docs_dir, chapter)
    if anchor not in page_headings(page):
        return f"the page {page.name} has no heading with the id '{anchor}'"
    return None


def _chapter_page(docs_dir: Path, chapter: str) -> Path:
    return docs_dir / f"{chapter}.md"


def _no_page(docs_dir: Path, chapter: str) -> str:
    return f"no page '{chapter}' ({docs_dir.name}/{chapter}.md does not exist)"
