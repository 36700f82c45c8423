"""Read training.yml, validate it, and report every fault with its line."""

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from .errors import Location, Problem, SourceError
from .references import find_reference_problems
from .schema import TrainingSource

SOURCE_FILE = "training.yml"


# libyaml's parser where PyYAML has it: ten times faster than the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (YAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text for the schema to read: YAML's own timestamp parsing fails on
# 2026-13-25 with an error that names neither the line nor the entry.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def load_source(project_dir: Path, docs_dir: Path | None = None) -> TrainingSource:
    """Load and validate the source of a project; raise SourceError on any fault."""
    path = Path(project_dir) / SOURCE_FILE
    docs_dir = Path(docs_dir) if docs_dir else Path(project_dir) / "docs"
    text = _read(path)
    data = parse(text, path.name)
    source = _validate(data, text, path.name)
    problems = find_reference_problems(source, docs_dir)
    if problems:
        tree = _tree(text)
        raise SourceError(path.name, [_locate(problem, data, tree) for problem in problems])
    return source


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SourceError(path.name, [Problem((), f"cannot read the file: {reason}")]) from None


# A key written with a full-width colon (why：…) is no key to YAML, which then
# reports the line after it.
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:- )?([A-Za-z_]+)：")


def parse(text: str, file_name: str = SOURCE_FILE):
    """The YAML as the build reads it, before validation: dates stay text, a key given twice is a fault."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        hint = _full_width_key_before(text, line)
        if hint:
            line, key = hint
            reason = f"the key '{key}' is followed by a full-width colon (：); write '{key}: ' with a half-width colon"
        raise SourceError(file_name, [Problem((), f"YAML syntax error: {reason}", line)]) from None


def _full_width_key_before(text: str, line: int | None) -> tuple[int, str] | None:
    """The line and name of a key written with ：, at or just before where YAML failed."""
    if line is None:
        return None
    lines = text.split("\n")
    for number in range(line, max(0, line - 3), -1):
        found = _FULL_WIDTH_KEY.match(lines[number - 1]) if number <= len(lines) else None
        if found:
            return number, found.group(1)
    return None


def _tree(text: str):
    """The YAML node tree, for line numbers; only needed once a fault is found."""
    return yaml.compose(text, Loader=_SafeLoader)


def _validate(data, text: str, file_name: str) -> TrainingSource:
    try:
        return TrainingSource.model_validate(data)
    except ValidationError as error:
        tree = _tree(text)
        problems = [
            _locate(Problem(tuple(detail["loc"]), _plain_message(detail)), data, tree)
            for detail in error.errors()
        ]
        raise SourceError(file_name, problems) from None


def _plain_message(detail: dict) -> str:
    message = detail["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if detail["type"] == "string_too_short":
        return "must not be empty"
    if detail["type"] == "too_short":
        least = detail.get("ctx", {}).get("min_length", 1)
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    return message


def _locate(problem: Problem, data, tree) -> Problem:
    """Add the line and the entry's id to a problem found by its path into the data."""
    return Problem(
        problem.location,
        problem.message,
        problem.line or _line_of(tree, problem.location),
        _entry_id(data, problem.location),
    )


def _entry_id(data, location: Location) -> str | None:
    if len(location) < 2 or not isinstance(location[1], int):
        return None
    try:
        entry_id = data[location[0]][location[1]].get("id")
    except (AttributeError, IndexError, KeyError, TypeError):
        return None
    return entry_id if isinstance(entry_id, str) else None


def _line_of(node, location: Location) -> int | None:
    """The line of the deepest key or item on the path (the entry, if its field is missing)."""
    if node is None:
        return None
    line = node.start_mark.line
    for step in location:
        found = _child(node, step)
        if found is None:
            break
        node, line = found
    return line + 1


def _child(node, step):
    """The node under `step`, with the line where it is named (the key's, for a mapping)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(step):
                return value, key.start_mark.line
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        item = node.value[step]
        return item, item.start_mark.line
    return None
