"""Run the query sets through a built site's own finders (tests/query_run.js, in node).

`python -m tests.query_eval SITE_DIR [--half tuning|held-out] [--failures]` prints, for
each set and each place (site search, 话术速查), the share of queries whose card or
section is in the first three results, how many leave the screen empty, and how the
emergencies fare. Only list the failures of the tuning half while tuning.
"""

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.query_sets import HELD_OUT, TUNING, load_emergencies, load_queries, location_id

TOP = 3
RUNNER = Path(__file__).with_name("query_run.js")
PLACES = ("search", "quick")


def answers(site_dir: Path, queries: list[str]) -> dict[str, dict]:
    """What each place shows for each query: result ids best first, guess and emergency flags."""
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node is not installed (make node installs it)")
    done = subprocess.run([node, str(RUNNER), str(site_dir)], input=json.dumps(queries, ensure_ascii=False),
                          capture_output=True, text=True, check=True)
    found = {}
    for answer in json.loads(done.stdout):
        found[answer["query"]] = {
            "search": [location_id(location) for location in answer["search"]],
            "quick": answer["quick"],
            "guess": {"search": answer["searchGuess"], "quick": answer["quickGuess"]},
            "emergency": {"search": answer["searchEmergency"], "quick": answer["quickEmergency"]},
        }
    return found


def hit(answer: dict, place: str, targets) -> bool:
    return any(target in answer[place][:TOP] for target in targets)


def report(site_dir: Path, half: str, failures: bool = False) -> None:
    queries = [q for q in load_queries() if q.half == half]
    emergencies = [q for q in load_emergencies() if q.half == half]
    found = answers(site_dir, [q.query for q in queries] + [q.query for q in emergencies])
    by_set = defaultdict(list)
    for q in queries:
        by_set[q.set].append(q)
    for name, group in by_set.items():
        for place in PLACES:
            good = [q for q in group if hit(found[q.query], place, q.targets)]
            empty = [q for q in group if not found[q.query][place]]
            print(f"{place:6} {half:8} {name:12} {len(good)}/{len(group)} = {len(good) / len(group):.1%}"
                  f"  empty {len(empty)}")
            if failures:
                for q in group:
                    if q not in good:
                        print(f"    {q.query} → want {'/'.join(q.targets)}, got {found[q.query][place][:TOP]}")
    real = [q for q in emergencies if q.emergency]
    alike = [q for q in emergencies if not q.emergency]
    for place in PLACES:
        shown = [q for q in real if found[q.query]["emergency"][place]]
        wrong = [q for q in alike if found[q.query]["emergency"][place]]
        right = [q for q in alike if hit(found[q.query], place, q.targets)]
        print(f"{place:6} {half:8} emergencies  {len(shown)}/{len(real)} instruction first;"
              f"  look-alikes {len(wrong)}/{len(alike)} wrongly flagged, {len(right)}/{len(alike)} right answer")
        if failures:
            for q in real:
                if q not in shown:
                    print(f"    {q.query} ({q.what}) → no instruction")
            for q in alike:
                if q in wrong or q not in right:
                    print(f"    {q.query} → flagged {q in wrong}, want {'/'.join(q.targets)}, "
                          f"got {found[q.query][place][:TOP]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--half", choices=[TUNING, HELD_OUT], default=TUNING)
    parser.add_argument("--failures", action="store_true", help="list the failing queries (tuning half only)")
    args = parser.parse_args()
    if args.failures and args.half == HELD_OUT:
        parser.error("the held-out half is never read query by query: use --failures with --half tuning")
    report(args.site_dir, args.half, args.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
