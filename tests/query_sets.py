"""The staff query sets (staff_queries.yml), split once into a tuning and a held-out half."""

import hashlib
from pathlib import Path
from typing import NamedTuple

import yaml

QUERY_FILE = Path(__file__).with_name("staff_queries.yml")
TUNING, HELD_OUT = "tuning", "held-out"


class StaffQuery(NamedTuple):
    query: str
    card: str
    kind: str  # word or sentence
    origin: str  # shift, written or fresh
    half: str  # TUNING or HELD_OUT


def half_of(query: str, origin: str) -> str:
    """Fixed for ever: the first byte of the query's SHA-1, even or odd. Fresh queries are all held out."""
    if origin == "fresh":
        return HELD_OUT
    return TUNING if hashlib.sha1(query.encode("utf-8")).digest()[0] % 2 == 0 else HELD_OUT


def load_queries() -> list[StaffQuery]:
    entries = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return [StaffQuery(e["query"], e["card"], e["kind"], e["origin"], half_of(e["query"], e["origin"]))
            for e in entries]


# Realistic, but nothing on this site is about it.
NOTHING_QUERIES = ["高铁", "股票", "咖啡"]
