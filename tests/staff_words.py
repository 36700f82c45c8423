"""Propose `vocabulary.staff_words` from the query sets' tuning half.

`python -m tests.staff_words SITE_DIR` (or `make staff-words`) reads each tuning query as a
built site's 话术速查 reads it (tests/query_words.js, in node), and prints, for training.yml,
the words that staff used for one card or section and the course does not say:

- a word of two characters or more, in at least LEAST queries whose answer it is;
- nearly only for that answer (SHARE of the queries holding it at least), so that it says
  which card is meant, not that a customer is there (客户, 柜台 are everywhere);
- not in the answer's own text or keys already, naming no emergency, and holding no word that
  queries say for many answers and few documents hold (到底 of 到底想要: the whole would make
  到底 look rare; 投诉 of 越级投诉 is everywhere, and weighs little anyway).

The printed block holds the words training.yml has and the new ones, which a comment on
each line names; a content editor reads them (a word that only happened to be there is
taken out: it is proposed again next time) and puts the block in place of
`vocabulary.staff_words`. Only the tuning half is read: the held-out half measures it.
"""

import argparse
import json
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

from macros.integration.assets import current
from macros.integration.search_index import read_query_data
from tests.query_sets import TUNING, load_emergencies, load_queries

LEAST = 2      # queries of one answer a word must be in
SHARE = 0.85   # of the queries holding a word, the share whose answer it is
FEW_DOCUMENTS = 0.3  # a word fewer than this share of the documents hold is rare (ckb-query.js COMMON_CHAR)
RUNNER = Path(__file__).with_name("query_words.js")
_WORD = re.compile(r"^[\u3400-\u9fff]{2,}$")


def query_words(site_dir: Path, queries: list[str]) -> list[list[tuple[str, bool]]]:
    """Each query's words as the site reads it, with whether each alone names an emergency."""
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is not installed (make node installs it)")
    done = subprocess.run([node, str(RUNNER), str(site_dir)], input=json.dumps(queries, ensure_ascii=False),
                          capture_output=True, text=True, check=True)
    return [[(word, emergency) for word, emergency in words] for words in json.loads(done.stdout)]


def ranking_documents(site_dir: Path) -> list[dict]:
    """The cards' and sections' ranking documents the build wrote (ckb-query-data.js)."""
    script = current(site_dir, "assets/javascripts/ckb-query-data.js")
    return read_query_data(script.read_text(encoding="utf-8"))["docs"]


def propose(examples: list[tuple[list[tuple[str, bool]], str]], docs: list[dict],
            least: int = LEAST, share: float = SHARE) -> dict[str, list[str]]:
    """From (a query's words, its answer): the new staff words of each answer, by document order."""
    by_answer: dict[str, Counter] = defaultdict(Counter)
    holding: Counter = Counter()
    for words, answer in examples:
        for word in {word for word, emergency in words if _WORD.match(word) and not emergency}:
            holding[word] += 1
            by_answer[answer][word] += 1
    # a word many queries say for many answers that few documents hold (到底, not 投诉): a word
    # holding it would make it look rare, and bring its answer whenever it is said
    texts = [f"{doc['title']} {doc.get('keys', '')} {doc.get('staff', '')} {doc['body']}".lower() for doc in docs]
    best = {word: max(counts[word] for counts in by_answer.values()) for word in holding}
    broad = {word for word, count in holding.items() if count > least and best[word] / count < share / 2
             and sum(word in text for text in texts) < FEW_DOCUMENTS * len(texts)}
    proposed = {}
    for doc, have in zip(docs, texts, strict=True):
        counts = by_answer.get(doc["id"], Counter())
        new = [word for word, count in counts.most_common()
               if count >= least and count / holding[word] >= share and word not in have
               and not any(part in word for part in broad)]
        if new:
            proposed[doc["id"]] = new
    return proposed


def tuning_examples() -> list[tuple[str, str]]:
    """Each tuning query with its first answer: staff queries, and the look-alikes of emergencies."""
    staff = [(q.query, q.targets[0]) for q in load_queries() if q.half == TUNING]
    alike = [(q.query, q.targets[0]) for q in load_emergencies() if q.half == TUNING and q.targets]
    return staff + alike


def block(source_words: dict[str, list[str]], proposed: dict[str, list[str]], docs: list[dict]) -> str:
    """training.yml's `vocabulary.staff_words`, the words it has and then the proposed ones,
    which a comment names (a word taken out before is proposed again)."""
    lines = ["  staff_words:"]
    for doc in docs:
        had = source_words.get(doc["id"], [])
        new = [word for word in proposed.get(doc["id"], []) if word not in had]
        if had or new:
            note = f"  # new: {', '.join(new)}" if new else ""
            lines.append(f"    {doc['id']}: [{', '.join([*had, *new])}]{note}")
    return "\n".join(lines) if len(lines) > 1 else "  staff_words: {}"


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--source", type=Path, default=Path("training.yml"))
    args = parser.parse_args()
    docs = ranking_documents(args.site_dir)
    examples = tuning_examples()
    words = query_words(args.site_dir, [query for query, _ in examples])
    proposed = propose([(said, answer) for said, (_, answer) in zip(words, examples, strict=True)], docs)
    source = yaml.safe_load(args.source.read_text(encoding="utf-8"))
    print(block(source.get("vocabulary", {}).get("staff_words", {}), proposed, docs))
    print(f"# {sum(map(len, proposed.values()))} new words for {len(proposed)} answers", flush=True)


if __name__ == "__main__":
    main()
