"""Site search after the build: what the index holds, and the worker that reads it.

- Questions and quizzes leave the index (their options and feedback would hand
  out answers); a card's entry is rewritten from training.yml with its words to
  say first, so that its search snippet shows them.
- ckb-query-data.js is written from the source and the index's words.
- Material's search worker is prefixed with that data, the finder's scripts (ckb-ranking.js,
  ckb-query.js, ckb-spoken.js, ckb-emergency.js) and
  search-worker.js, which answer queries the way 话术速查 does.
"""

import html
import json
import re
from importlib import resources
from pathlib import Path

import rjsmin
from pypinyin import Style, lazy_pinyin

from ..contracts import BUNDLES, CARD_ANCHOR_PREFIX, QUESTION_ANCHOR_PREFIX
from ..domain.errors import TrainingError
from ..domain.query import card_search_text, han_words, query_data
from ..domain.schema import TrainingSource
from .search_terms import common_soundalikes

WORKERS = "assets/javascripts/workers"
SCRIPTS = "assets/javascripts"
QUERY_DATA_SCRIPT = "ckb-query-data.js"
WORKER_PARTS = (*BUNDLES["ckb-finder.js"], "search-worker.js")  # the finder as 话术速查 has it
QUIZ_ANCHOR = "quiz"
# Material's worker protocol that search-worker.js relies on: a query arrives
# as message type 2 and is answered with type 3 and the result.
_PROTOCOL = "case 2:let e=t.data;try{return{type:3,data:de.search(e)}"


def shape_search_index(site_dir: Path, source: TrainingSource) -> tuple[dict, list[str]]:
    """Drop the questions, rewrite the cards; return the index as written and its words.

    The words (what a query is cut into) are those Material's search plugin cut the
    entries into, a card's from its page section as Material cut it: a card's entry is
    rewritten as plain text, not cut again (jieba over 2,100 cards was 5 s of a build).
    """
    index_file = site_dir / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    cards = {CARD_ANCHOR_PREFIX + card.id: card for card in source.cards}
    docs, words = [], set()
    for entry in index["docs"]:
        anchor = entry["location"].partition("#")[2]
        if anchor == QUIZ_ANCHOR or anchor.startswith(QUESTION_ANCHOR_PREFIX):
            continue
        words |= han_words(f"{entry['title']} {entry['text']}", separator)
        if anchor in cards:
            entry = {**entry, "text": html.escape(card_search_text(cards[anchor]), quote=False)}
        docs.append(entry)
    index["docs"] = docs
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index, sorted(words)


def sound_table() -> dict[str, str]:
    """How each common character sounds, without its tone: {syllable: the characters}.

    The 6,763 characters of GB 2312, each by its most common reading, so that a word
    voice input wrote with a homophone (待慢 for 怠慢, 自沙 for 自杀) sounds like the word meant.
    """
    sounds: dict[str, str] = {}
    for first in range(0xB0, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                char = bytes([first, second]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            syllable = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
            if syllable:
                sounds[syllable[0]] = sounds.get(syllable[0], "") + char
    return dict(sorted(sounds.items()))


ACCENTS = ((r"^([zcs])h", r"\1"), (r"^n(?=[aeiouv])", "l"), (r"ing$", "in"))
"""Sounds that speakers of much of the country do not tell apart, so voice input mixes them up
(the fuzzy pinyin of input methods): zh, ch, sh as z, c, s; n as l; ing as in.
律师 said as 女师, 信任 as 性任, 耐心 as 赖心."""


def alike_syllables(sounds: dict[str, str]) -> dict[str, str]:
    """Each syllable that an accent says as another: {syllable: the one both are heard as}
    (zhang: zang, nai: lai, xing: xin). ckb-query.js hears a word by these, ckb-spoken.js reads
    typed pinyin by the syllables themselves."""
    alike = {}
    for syllable in sounds:
        heard = syllable
        for pattern, replacement in ACCENTS:
            heard = re.sub(pattern, replacement, heard)
        if heard != syllable:
            alike[syllable] = heard
    return alike


def word_readings(words: set[str], sounds: dict[str, str]) -> dict[str, str]:
    """The words (of the course and the emergencies) that read otherwise than their characters
    one by one: {word: its syllables}. 着火 is zhao huo though 着 alone is zhe, so 找火了 sounds
    like 着火了; 银行 is yin hang."""
    syllable_of = {char: syllable for syllable, chars in sounds.items() for char in chars}
    readings = {}
    for word in words:
        by_char = [syllable_of.get(char) for char in word]
        if len(word) < 2 or None in by_char:
            continue
        read = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if len(read) == len(word) and read != by_char:
            readings[word] = " ".join(read)
    return dict(sorted(readings.items()))


def simplified_characters(needed: set[str]) -> str:
    """Traditional characters, each followed by the simplified one it is written as (OpenCC's
    table), for the simplified characters a query can match (`needed`): a teller typing 搶走 or
    暈倒 means 抢走, 晕倒. Only one-to-one entries of the CJK block ckb-spoken.js reads; a
    character the course never writes is left as typed."""
    table = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    simplified = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        traditional, _, written = line.partition("\t")
        written = written.split()
        if len(traditional) == 1 and len(written) == 1 and written[0] != traditional and written[0] in needed \
                and "\u3400" <= traditional <= "\u9fff":
            simplified[traditional] = written[0]
    return "".join(traditional + written for traditional, written in simplified.items())


def write_query_data(site_dir: Path, source: TrainingSource, words: list[str], documents: list[dict],
                     emergency: dict, pages: dict) -> str:
    sounds = sound_table()
    alike = alike_syllables(sounds)
    data = {**query_data(source, words, documents, emergency, pages), "sounds": sounds, "alike": alike}
    heard = {*data["words"], *(word for group in data["groups"] for word in group), *data["emergency"]["words"],
             *(key for doc in documents for key in f"{doc.get('keys', '')} {doc.get('staff', '')}".lower().split())}
    data["readings"] = readings = word_readings(heard, sounds)
    # what a query can match
    said = {key: value for key, value in data.items() if key not in ("sounds", "alike", "readings")}
    data["simplified"] = simplified_characters(set(json.dumps(said, ensure_ascii=False)))
    data["common"] = common_soundalikes(heard, sounds, alike, readings)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # in a page, ckb.js has made the namespace; in the search worker this script comes first and makes it
    script = f"self.ckb = self.ckb || {{}}\nckb.queryData = {payload}\n"
    (site_dir / SCRIPTS / QUERY_DATA_SCRIPT).write_text(script, encoding="utf-8")
    return script


def prefix_search_worker(site_dir: Path, data_script: str, sources: Path) -> None:
    """Put the query data and scripts (from `sources`, overrides/assets/javascripts: the site's
    copies are joined into bundles, assets.py) before Material's worker code."""
    # Classic scripts without semicolons run together: end each one with its own.
    # minified, as the pages' copies are (assets.py): the same worker whether the steps run once or again
    prefix = "".join(part + "\n;\n" for part in (
        data_script, *(rjsmin.jsmin((sources / name).read_text(encoding="utf-8")) for name in WORKER_PARTS)))
    workers = list((site_dir / WORKERS).glob("search.*.min.js"))
    if not workers:
        raise TrainingError("Material's search worker is missing from the site; is the search plugin on?")
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        if "\n//# ckb-end\n" in code:
            code = code[code.index("\n//# ckb-end\n") + len("\n//# ckb-end\n"):]
        if _PROTOCOL not in code:
            raise TrainingError(
                f"{worker.name}: Material's search worker has changed; check that "
                "overrides/assets/javascripts/search-worker.js still speaks its message protocol"
            )
        worker.write_text(prefix + "\n//# ckb-end\n" + code, encoding="utf-8")


def read_query_data(script: str) -> dict:
    """The query data in the text of ckb-query-data.js (as write_query_data wrote it)."""
    return json.loads(script.split("ckb.queryData = ", 1)[1])


def written_query_data(site_dir: Path) -> dict:
    """The query data a build wrote into the site."""
    return read_query_data((site_dir / SCRIPTS / QUERY_DATA_SCRIPT).read_text(encoding="utf-8"))


def build_search(site_dir: Path, source: TrainingSource, scripts: Path, documents: list[dict] | None = None,
                 emergency: dict | None = None, pages: dict | None = None) -> None:
    """The search steps; without documents (run again on a built site), those the build wrote.
    `scripts`: the folder of the site's own script sources (overrides/assets/javascripts)."""
    written = None
    if documents is None or emergency is None or pages is None:
        written = written_query_data(site_dir)
        documents, emergency, pages = written["docs"], written["emergency"], written["pages"]
    index, words = shape_search_index(site_dir, source)
    if written:  # the cards' entries are already plain text: their words are those the build found
        words = written["words"]
    data_script = write_query_data(site_dir, source, words, documents, emergency, pages)
    prefix_search_worker(site_dir, data_script, scripts)
