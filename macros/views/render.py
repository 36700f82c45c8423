"""Render the project's own templates (templates/) with autoescape on.

They are not Material's: they live in a folder of their own, rendered by an
environment of their own, so that no name of ours can shadow a partial of
Material's (overrides/ holds only true overrides). Every text from
training.yml is escaped unless a template marks the build's own markup safe.
"""

from pathlib import Path

import jinja2

from .. import contracts

TEMPLATES_DIR = "templates"


def template_names() -> dict:
    """The shared names templates read as the global `ckb` (labels, marks, anchor prefixes, letters…)."""
    return {
        "card_labels": contracts.CARD_LABELS,
        "line_marks": contracts.LINE_MARKS,
        "line_mark_legend": contracts.LINE_MARK_LEGEND,
        "card_anchor_prefix": contracts.CARD_ANCHOR_PREFIX,
        "question_anchor_prefix": contracts.QUESTION_ANCHOR_PREFIX,
        "scenario_anchor_prefix": contracts.SCENARIO_ANCHOR_PREFIX,
        "letters": contracts.OPTION_LETTERS,
        "verdict_labels": contracts.VERDICT_LABELS,
        "memory_keys": contracts.MEMORY_KEYS,
    }


def template_environment(project_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(project_dir) / TEMPLATES_DIR),
        autoescape=True,
    )
    env.globals["ckb"] = template_names()
    return env


class Partials:
    def __init__(self, env: jinja2.Environment):
        self._env = env

    def call(self, name: str, macro: str, **context) -> str:
        """Call another macro of templates/<name>.html (e.g. a question's answer block)."""
        template = self._env.get_template(f"{name}.html")
        return str(getattr(template.module, macro)(**context)).strip()

    def render(self, name: str, **context) -> str:
        """Call `{% macro render %}` of templates/<name>.html.

        Blank lines are dropped so that Markdown keeps the output as one HTML block.
        """
        template = self._env.get_template(f"{name}.html")
        html = str(template.module.render(**context))
        return "\n".join(line for line in html.splitlines() if line.strip())
