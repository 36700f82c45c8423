"""A copy of the project with its content multiplied, for growth benchmarks.

At scale N every chapter page that holds cards or questions gets N-1 copies
(origins-s1.md, …), each with its own copies of those cards and questions.
"""

import re
from pathlib import Path

import yaml

from tests.helpers import ROOT, copy_project


def make_project(scale: int, destination: Path) -> dict[str, int]:
    """Write a project at `scale` times the real content; return its size."""
    project = copy_project(destination)
    data = yaml.safe_load((ROOT / "training.yml").read_text(encoding="utf-8"))
    chapters = list(dict.fromkeys(entry["chapter"] for entry in data["cards"] + data["questions"]))
    cards, questions, nav = list(data["cards"]), list(data["questions"]), []
    for copy in range(1, scale):
        suffix = f"-s{copy}"
        for chapter in chapters:
            page = (ROOT / "docs" / f"{chapter}.md").read_text(encoding="utf-8")
            (project / "docs" / f"{chapter}{suffix}.md").write_text(page, encoding="utf-8")
            nav.append(f"      - {chapter}{suffix}: {chapter}{suffix}.md")
        cards += [_card_copy(card, suffix, copy) for card in data["cards"]]
        questions += [_question_copy(question, suffix) for question in data["questions"]]
    data.update(cards=cards, questions=questions)
    (project / "training.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if nav:
        _add_to_nav(project / "mkdocs.yml", nav)
    pages = len(list((project / "docs").glob("*.md")))
    return {"scale": scale, "cards": len(cards), "questions": len(questions), "pages": pages}


def _card_copy(card: dict, suffix: str, copy: int) -> dict:
    return {**card, "id": card["id"] + suffix, "chapter": card["chapter"] + suffix,
            "title": f"{card['title']}（{copy}）"}


def _question_copy(question: dict, suffix: str) -> dict:
    teaches = question["teaches"]
    if "card" in teaches:
        teaches = {"card": teaches["card"] + suffix}
    else:
        chapter, anchor = teaches["section"].split("#")
        teaches = {"section": f"{chapter}{suffix}#{anchor}"}
    return {**question, "id": question["id"] + suffix, "chapter": question["chapter"] + suffix,
            "teaches": teaches}


def _add_to_nav(config: Path, entries: list[str]) -> None:
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(\nnav:\n(?:  .*\n)+)", lambda m: m.group(1) + "  - 扩充内容:\n" + "\n".join(entries) + "\n",
                  text, count=1)
    config.write_text(text, encoding="utf-8")
