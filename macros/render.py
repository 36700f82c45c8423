"""Render the Jinja partials under overrides/partials/ through the theme's environment."""

import jinja2

from . import contracts


def template_names() -> dict:
    """The shared names templates read as the global `ckb` (labels, marks, anchor prefixes)."""
    return {
        "card_labels": contracts.CARD_LABELS,
        "line_marks": contracts.LINE_MARKS,
        "card_anchor_prefix": contracts.CARD_ANCHOR_PREFIX,
        "question_anchor_prefix": contracts.QUESTION_ANCHOR_PREFIX,
    }


class Partials:
    def __init__(self, theme_env: jinja2.Environment):
        self._env = theme_env
        self._env.globals.setdefault("ckb", template_names())

    def call(self, name: str, macro: str, **context) -> str:
        """Call another macro of partials/<name>.html (e.g. a question's answer block)."""
        template = self._env.get_template(f"partials/{name}.html")
        return str(getattr(template.module, macro)(**context)).strip()

    def render(self, name: str, **context) -> str:
        """Call `{% macro render %}` of partials/<name>.html.

        Blank lines are dropped so that Markdown keeps the output as one HTML block.
        """
        template = self._env.get_template(f"partials/{name}.html")
        html = str(template.module.render(**context))
        return "\n".join(line for line in html.splitlines() if line.strip())
