"""`make check`: validate training.yml alone, without building the site.

It also lists the cards due for review, with their owners, and reports the
questions' tells (the share whose right option is the longest, the true/false
answers); both inform and never fail the check (tests hold the tells).
"""

import sys
from datetime import date
from pathlib import Path

from ..settings import read as read_settings
from .errors import SourceError, TrainingError
from .question_tells import question_tells
from .review import ReviewPolicy, current_day
from .schema import Card
from .source import SOURCE_FILE, load_source

PROJECT_DIR = Path(__file__).resolve().parents[2]


def main(project_dir: Path = PROJECT_DIR, today: date | None = None) -> int:
    try:
        source = load_source(project_dir)
        policy = ReviewPolicy(read_settings(project_dir).review_interval_days, today or current_day())
    except (SourceError, TrainingError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{SOURCE_FILE}: {len(source.cards)} cards, {len(source.questions)} questions, "
          f"{len(source.scenarios)} scenarios, OK")
    for line in question_tells(source.questions).report():
        print(line)
    report_overdue(policy, source.cards)
    report_unsigned_notes(source.cards)
    return 0


def report_overdue(policy: ReviewPolicy, cards: list[Card]) -> None:
    late = policy.overdue_cards(cards)
    if not late:
        print(f"All cards reviewed within {policy.interval_days} days.")
        return
    print(f"{len(late)} cards due for review (every {policy.interval_days} days):")
    for card in late:
        print(f"  {card.id} — {card.title} — owner {card.owner}, last reviewed {card.reviewed}, "
              f"due {policy.due(card)}")


def report_unsigned_notes(cards: list[Card]) -> None:
    """Cards whose 本站说明 lines (the site's readings) wait for their owner's sign-off."""
    waiting = [card for card in cards if card.notes_pending]
    if not waiting:
        print("Every card's 本站说明 is signed off by its owner.")
        return
    print(f"{len(waiting)} cards hold 本站说明 awaiting their owner's sign-off (notes_signed_off):")
    for card in waiting:
        notes = card.note_count
        print(f"  {card.id} — {card.title} — owner {card.owner}, {notes} line{'' if notes == 1 else 's'}")


if __name__ == "__main__":
    sys.exit(main())
