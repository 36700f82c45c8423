"""Render the Jinja partials under overrides/partials/ through the theme's environment."""

import jinja2


class Partials:
    def __init__(self, theme_env: jinja2.Environment):
        self._env = theme_env

    def render(self, name: str, **context) -> str:
        """Call `{% macro render %}` of partials/<name>.html.

        Blank lines are dropped so that Markdown keeps the output as one HTML block.
        """
        template = self._env.get_template(f"partials/{name}.html")
        html = str(template.module.render(**context))
        return "\n".join(line for line in html.splitlines() if line.strip())
