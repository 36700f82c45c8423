"""Keeping cards fresh: when each card was last reviewed, and which are due again.

The interval is set once, as `extra.review_interval_days` in mkdocs.yml. The day
a build or `make check` compares with is today, or CKB_TODAY where it is set
(YYYY-MM-DD): the tests build as of one fixed day, whatever day they run.
"""

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from .errors import TrainingError
from .schema import Card

DEFAULT_INTERVAL_DAYS = 180
TODAY_VARIABLE = "CKB_TODAY"


def current_day() -> date:
    """Today, or the day CKB_TODAY gives."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise TrainingError(f"{TODAY_VARIABLE}={given!r} is not a day: write it as YYYY-MM-DD") from None


@dataclass(frozen=True)
class ReviewPolicy:
    interval_days: int
    today: date

    def due(self, card: Card) -> date:
        return card.reviewed + timedelta(days=self.interval_days)

    def is_overdue(self, card: Card) -> bool:
        return self.due(card) < self.today

    def overdue_cards(self, cards: list[Card]) -> list[Card]:
        """The cards past their review, the longest overdue first."""
        return sorted((card for card in cards if self.is_overdue(card)), key=lambda card: card.reviewed)


def review_interval(extra: dict) -> int:
    """The interval of mkdocs.yml's `extra` section, or the default."""
    days = extra.get("review_interval_days", DEFAULT_INTERVAL_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise TrainingError(f"mkdocs.yml: extra.review_interval_days must be a whole number of days, not {days!r}")
    return days


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its tags (!ENV, !!python/name) read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def configured_interval(project_dir: Path) -> int:
    """The interval, read from the project's mkdocs.yml without loading MkDocs."""
    text = (Path(project_dir) / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_ConfigLoader) or {}
    return review_interval(config.get("extra") or {})
