"""The README's editing section stays true: its example card and question, its field lists, its chapters."""

import re

import jsonschema
import pytest

from macros.domain.schema import Card, Line, Question
from macros.domain.schema_json import course_schema
from macros.domain.source import parse
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```yaml\n(# [^\n]*)\n(.*?)```", re.DOTALL)
_ROW_KEY = re.compile(r"^\| `([a-z_]+)`", re.MULTILINE)


def _section(title: str) -> str:
    start = README.index(f"\n### {title}\n")
    end = README.index("\n### ", start + 1)
    return README[start:end]


def _example(comment: str) -> dict:
    blocks = {first: body for first, body in _BLOCK.findall(README)}
    [entry] = parse(blocks[comment])
    return entry


def _fits_schema(entry: dict, definition: str) -> list[str]:
    schema = course_schema()
    schema = {"$schema": schema["$schema"], "definitions": schema["definitions"],
              "allOf": [{"$ref": f"#/definitions/{definition}"}]}
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(entry)]


def _keys(model) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_the_example_card_has_every_field_and_every_kind_of_line():
    card = _example("# A card, every field")
    assert set(card) == _keys(Card)
    parts = ("situation", "do", "say", "dont_say", "cautions", "why")
    assert {key for part in parts for line in card[part] for key in line} == _keys(Line)


def test_the_example_card_is_valid_to_the_build_and_the_editor(source):
    card = Card.model_validate(_example("# A card, every field"))
    assert any(chapter == card.chapter and tag in card.tags for chapter, _, tag in _card_pages_in_docs())
    assert set(card.tags) <= set(source.tags)
    assert _fits_schema(_example("# A card, every field"), "Card") == []


def test_the_example_cards_lines_are_real_cards_lines(source):
    real = {line for real_card in source.cards for line in real_card.lines}
    example = Card.model_validate(_example("# A card, every field"))
    assert [line.text for line in example.lines if line not in real] == []


def test_the_example_question_is_the_real_one(source):
    question = Question.model_validate(_example("# A question, every field of a single-choice one"))
    assert question == next(real for real in source.questions if real.id == question.id)
    assert question.type == "single"
    assert _fits_schema(_example("# A question, every field of a single-choice one"), "Question") == []


@pytest.mark.parametrize(("title", "model"), [("A card", Card), ("A question", Question)])
def test_the_field_list_names_every_field_of_the_model(title, model):
    table = _section(title)
    listed = set(_ROW_KEY.findall(table))
    assert _keys(model) <= listed, sorted(_keys(model) - listed)


def _card_pages_in_docs() -> set[tuple[str, str, str]]:
    """(chapter, the call, its tag) for every page that calls cards()."""
    calls = set()
    for page in (ROOT / "docs").glob("*.md"):
        for call in re.findall(r"\{\{ (cards\(\"([a-z-]+)\"[^)]*\)) \}\}", page.read_text(encoding="utf-8")):
            calls.add((page.stem, "{{ " + call[0] + " }}", call[1]))
    return calls


def test_the_chapters_that_hold_cards_are_the_pages_that_show_them():
    rows = re.findall(r"^\| `([a-z-]+)` \| `(\{\{ cards\([^`]*\) \}\})` \| `([a-z-]+)` \|$",
                      _section("A card"), re.MULTILINE)
    assert set(rows) == _card_pages_in_docs()
    assert len(rows) == 4  # risk-signals, customer-types, principles, six-steps


def test_the_chapters_of_questions_are_the_pages_with_a_quiz():
    row = next(line for line in _section("A question").splitlines() if line.startswith("| `chapter` |"))
    named = set(re.findall(r"`([a-z-]+)`", row.split("|")[2]))
    with_quiz = {page.stem for page in (ROOT / "docs").glob("*.md") if "{{ quiz() }}" in page.read_text("utf-8")}
    assert named == with_quiz
