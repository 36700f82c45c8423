"""The query sets, split once into a tuning and a held-out half.

- staff_queries.yml: staff queries with the card or section each must bring into the
  first three results, in site search and in 话术速查 alike (`card:` or `section:`,
  and `also:` a second right answer).
- emergency_queries.yml: emergencies the course does not cover (the company's
  instruction must come first) and look-alikes it does cover (no instruction).
"""

import hashlib
from pathlib import Path
from typing import NamedTuple

import yaml

QUERY_FILE = Path(__file__).with_name("staff_queries.yml")
EMERGENCY_FILE = Path(__file__).with_name("emergency_queries.yml")
TUNING, HELD_OUT = "tuning", "held-out"


class StaffQuery(NamedTuple):
    query: str
    targets: tuple[str, ...]  # card ids and sections (chapter#anchor); the first is the one meant
    kind: str  # word or sentence
    origin: str  # shift, written or fresh
    set: str  # cards (the first rounds), course-parts or edges
    half: str  # TUNING or HELD_OUT

    @property
    def target(self) -> str:
        return self.targets[0]


class EmergencyQuery(NamedTuple):
    query: str
    what: str  # self-harm, weapon, fight, robbery, collapse, fire, other; "" for a look-alike
    targets: tuple[str, ...]  # a look-alike's card or section
    half: str

    @property
    def emergency(self) -> bool:
        return bool(self.what)


def half_of(query: str, origin: str = "written") -> str:
    """Fixed for ever: the first byte of the query's SHA-1, even or odd. Fresh queries are all held out."""
    if origin == "fresh":
        return HELD_OUT
    return TUNING if hashlib.sha1(query.encode("utf-8")).digest()[0] % 2 == 0 else HELD_OUT


def _targets(entry: dict) -> tuple[str, ...]:
    first = entry.get("card") or entry["section"]
    return (first, *entry.get("also", []))


def load_queries() -> list[StaffQuery]:
    entries = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return [StaffQuery(str(e["query"]), _targets(e), e["kind"], e["origin"], e.get("set", "cards"),
                       half_of(str(e["query"]), e["origin"])) for e in entries]


def load_emergencies() -> list[EmergencyQuery]:
    data = yaml.safe_load(EMERGENCY_FILE.read_text(encoding="utf-8"))
    return ([EmergencyQuery(str(e["query"]), e["what"], (), half_of(str(e["query"]))) for e in data["emergencies"]]
            + [EmergencyQuery(str(e["query"]), "", _targets(e), half_of(str(e["query"])))
               for e in data["not_emergencies"]])


def location_id(location: str) -> str:
    """A search result's address as the sets name it: a card's id, or chapter#anchor."""
    page, _, anchor = location.partition("#")
    chapter = page.strip("/").removesuffix(".html").rsplit("/", 1)[-1]
    return anchor.removeprefix("card-") if anchor.startswith("card-") else f"{chapter}#{anchor}"


# Realistic, but nothing on this site is about it.
NOTHING_QUERIES = ["高铁", "股票", "咖啡"]
