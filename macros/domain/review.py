"""Keeping cards fresh: when each card was last reviewed, and which are due again.

The interval is set once, as `extra.review_interval_days` in mkdocs.yml (macros/settings.py). The day
a build or `make check` compares with is today, or CKB_TODAY where it is set
(YYYY-MM-DD): the tests build as of one fixed day, whatever day they run.
"""

import os
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import TrainingError
from .schema import Card

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
