"""Rules for the Markdown pages that the build enforces (see the README):

- every heading carries an explicit id, `## 标题 {#some-id}`, so trainers' links never move;
- Chinese is never hard-wrapped: a line break between two Chinese characters shows as a space.
"""

import re
from pathlib import Path

from ..domain.errors import TrainingError

_HEADING = re.compile(r"^#{1,6}\s")
_EXPLICIT_ID = re.compile(r"\{[^}]*#[A-Za-z0-9_-]+[^}]*\}\s*$")
_ENDS_CHINESE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]$")
_STARTS_CHINESE = re.compile(r"^[\u3400-\u9fff]")
_FENCE = re.compile(r"^\s*(```|~~~)")


def page_problems(docs_dir: Path) -> list[str]:
    problems = []
    for page in sorted(Path(docs_dir).glob("**/*.md")):
        name = page.relative_to(docs_dir).as_posix()
        lines = page.read_text(encoding="utf-8").split("\n")
        start = _after_front_matter(lines)
        fenced = False
        for number in range(start, len(lines)):
            line = lines[number]
            if _FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            if _HEADING.match(line) and not _EXPLICIT_ID.search(line):
                problems.append(f"docs/{name}:{number + 1}: the heading has no id; end it with {{#some-id}} "
                                "(an ASCII id trainers can link to)")
            following = lines[number + 1] if number + 1 < len(lines) else ""
            if _ENDS_CHINESE.search(line) and _STARTS_CHINESE.match(following):
                problems.append(f"docs/{name}:{number + 1}: Chinese text is broken across two lines "
                                "(it would show a space); join the lines")
    return problems


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for number in range(1, len(lines)):
            if lines[number].strip() == "---":
                return number + 1
    return 0


def check_pages(docs_dir: Path) -> None:
    problems = page_problems(docs_dir)
    if problems:
        raise TrainingError("Pages break the site's rules:\n  " + "\n  ".join(problems))
