"""Errors that stop the build with a message a content editor can act on."""

from dataclasses import dataclass

from mkdocs.exceptions import PluginError

Location = tuple[str | int, ...]

_ENTRY_KINDS = {"cards": "card", "questions": "question", "scenarios": "scenario", "session": "session block"}


@dataclass(frozen=True)
class Problem:
    """One fault in the source: where (a path into the YAML) and what."""

    location: Location
    message: str
    line: int | None = None
    entry_id: str | None = None

    def describe(self, file_name: str) -> str:
        where = f"{file_name}:{self.line}" if self.line else file_name
        parts = [where]
        entry = self._entry()
        if entry:
            parts.append(entry)
        field = self._field()
        if field:
            parts.append(f"field '{field}'")
        return ", ".join(parts) + f": {self.message}"

    def _entry(self) -> str | None:
        if len(self.location) < 2 or self.location[0] not in _ENTRY_KINDS:
            return None
        kind = _ENTRY_KINDS[self.location[0]]
        if self.entry_id:
            return f"{kind} '{self.entry_id}'"
        return f"{kind} #{self.location[1] + 1}"

    def _field(self) -> str:
        rest = self.location[2:] if self._entry() else self.location
        text = ""
        for step in rest:
            text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
        return text


class TrainingError(PluginError):
    """A fault in training.yml or in how a page uses it. Shown without a traceback."""


class SourceError(TrainingError):
    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = problems
        lines = [problem.describe(file_name) for problem in problems]
        super().__init__("Invalid training source:\n  " + "\n  ".join(lines))


class PageError(TrainingError):
    """A page asks for a card, tag or quiz in a way the source cannot serve."""
