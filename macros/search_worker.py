"""Chinese queries in the browser: two fixes to Material's search worker (9.8.1),
and the index's words for search-query.js.

The worker splits a Chinese query into words it finds in the index, but
- its loop never tries a word that ends at the end of the query, so 不说话 is
  searched as 不* 说* (squidfunk/mkdocs-material#3915), and
- it joins the words with "* ", to which the query parser adds another "*",
  so no term counts as matched and Material's all-terms ranking boost is lost.
"""

import json
import re
from pathlib import Path

from .errors import TrainingError

WORKERS = "assets/javascripts/workers"
SEARCH_WORDS_SCRIPT = "assets/javascripts/search-words.js"
_FIXES = {
    "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e": "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
    '[...fe(s,this.index.invertedIndex)].join("* ")': '[...fe(s,this.index.invertedIndex)].join(" ")',
}
_HAN_WORD = re.compile(r"[\u3400-\u9fff]{2,}")


def fix_query_segmentation(site_dir: Path) -> None:
    for worker in (site_dir / WORKERS).glob("search.*.min.js"):
        code = worker.read_text(encoding="utf-8")
        for buggy, fixed in _FIXES.items():
            if fixed in code:
                continue
            if code.count(buggy) != 1:
                raise TrainingError(
                    f"{worker.name}: Material's search worker has changed; check whether "
                    "macros/search_worker.py is still needed for Chinese queries"
                )
            code = code.replace(buggy, fixed)
        worker.write_text(code, encoding="utf-8")


def index_words(search_index: dict) -> list[str]:
    """The Chinese words of a Material search index, as jieba cut them."""
    separator = re.compile(search_index["config"]["separator"])
    words = set()
    for entry in search_index["docs"]:
        for token in separator.split(f"{entry['title']} {entry['text']}"):
            if _HAN_WORD.fullmatch(token):
                words.add(token)
    return sorted(words)


def write_search_words(site_dir: Path) -> None:
    index_file = site_dir / "search" / "search_index.json"
    words = index_words(json.loads(index_file.read_text(encoding="utf-8")))
    payload = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    script = site_dir / SEARCH_WORDS_SCRIPT
    script.write_text(f"var __ckbSearchWords = {payload}\n", encoding="utf-8")
