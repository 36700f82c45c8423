"""The course's sections that staff may look up, read from the chapter pages.

话术速查 and site search find the cards and, beside them, the parts of the course
that are prose: the six 处理大忌, the sections of 投诉的产生, the nine kinds of
complaining customers, the summary. A section is a heading of the second level or
below, with an explicit id, on a chapter of the course (a page the session plan
shows), with its own text and the titles of the headings under it (so that
六条处理大忌 holds the six names). A section that shows cards is found through
its cards, and a page's own first heading through site search's page entry.
Read from the Markdown, so that `make check` knows them without MkDocs.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .schema import TrainingSource

QUIZ_ANCHOR = "quiz"  # every chapter's 本章测验: questions, never a result

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*\{[^}\n]*?#([a-z0-9-]+)[^}\n]*\}\s*$")
_CARDS = re.compile(r"\{\{\s*cards?\(")  # a section that shows cards is found through them
_FENCE = re.compile(r"^\s*(```|~~~)")
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}")
_ATTRIBUTES = re.compile(r"^\s*\{[:.#][^}]*\}\s*$|\{\s*[.#][^}]*\}|\{\s*data-[^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$')
_MARKUP = re.compile(r"\*\*|__|`|\+\+[a-z-]+\+\+|^\s*(?:[-*+]|\d+\.)\s+|^\s*>\s?|<[^>]+>")


@dataclass(frozen=True)
class Section:
    chapter: str  # the page's file name without .md
    anchor: str   # the heading's id; a page's first-level heading stands for the page
    title: str
    text: str     # its own text and the titles of the headings under it
    level: int

    @property
    def ref(self) -> str:
        """`chapter#anchor`, as questions and the session plan name sections."""
        return f"{self.chapter}#{self.anchor}"


def course_chapters(source: TrainingSource) -> list[str]:
    """The chapters of the course, in the order the session plan shows them."""
    shown = [ref.partition("#")[0] for block in source.session for ref in block.show]
    held = [card.chapter for card in source.cards] + [question.chapter for question in source.questions]
    return list(dict.fromkeys([*shown, *held]))


def findable_sections(source: TrainingSource, docs_dir: Path) -> list[Section]:
    """Every section of the course's chapters that has text of its own (quizzes excepted)."""
    sections = []
    for chapter in course_chapters(source):
        page = Path(docs_dir) / f"{chapter}.md"
        if page.is_file():
            sections += [section for section in page_sections(chapter, page.read_text(encoding="utf-8"))
                         if section.level > 1 and section.text]
    return sections


def page_sections(chapter: str, markdown: str) -> list[Section]:
    """The sections of one page, each heading with the plain text under it."""
    found: list[dict] = []  # each heading: level, title, anchor, its own lines, whether it shows cards
    fenced = False
    for line in _body_lines(markdown):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        heading = None if fenced else _HEADING.match(line)
        if heading:
            found.append({"level": len(heading.group(1)), "title": plain(heading.group(2)),
                          "anchor": heading.group(3), "lines": [], "cards": False})
        elif found and not fenced:
            found[-1]["cards"] |= bool(_CARDS.search(line))
            text = _plain_line(line)
            if text:
                found[-1]["lines"].append(text)
    sections = []
    for index, heading in enumerate(found):
        if heading["anchor"] == QUIZ_ANCHOR or heading["cards"]:
            continue
        below = []
        for deeper in found[index + 1:]:
            if deeper["level"] <= heading["level"]:
                break
            if deeper["anchor"] != QUIZ_ANCHOR:
                below.append(deeper["title"])
        text = " ".join(part for part in (" ".join(heading["lines"]), "；".join(below)) if part)
        sections.append(Section(chapter, heading["anchor"], heading["title"], text, heading["level"]))
    return sections


def _body_lines(markdown: str) -> list[str]:
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---":
        for number in range(1, len(lines)):
            if lines[number].strip() == "---":
                return lines[number + 1:]
    return lines


def _plain_line(line: str) -> str:
    admonition = _ADMONITION.match(line)
    if admonition:
        return plain(admonition.group(1) or "")
    return plain(line)


def plain(text: str) -> str:
    """Markdown as the words a reader sees: no macros, attributes, link targets or markup."""
    text = _MACRO.sub("", text)
    text = _ATTRIBUTES.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return re.sub(r"\s+", " ", text).strip()
