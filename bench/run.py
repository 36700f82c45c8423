"""`make bench`: what the site costs and how that grows, against baselines from the same run.

At each scale (1 = the real site; 10×, 100×: bench/synthetic.py) the site and its build
baseline (the same configuration without the macros, over the Markdown they wrote;
builds.py) are built in turn, then the site's pages are weighed and, in Chromium,
话术速查's first card is timed on a throttled phone (browser.py). At 1× five pages are
also loaded against stock Material's build of the same Markdown, interleaved. Every
time is the median of --runs runs after one warm-up. Prints a table and writes
bench/results.json; the figures and the machine belong in BENCHMARKS.md.
"""

import argparse
import gzip
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from tests.helpers import LoopbackServer

from . import browser as chromium_timings
from .builds import baseline_config, build, expand, interleaved_build_seconds, stock_config
from .synthetic import ROOT, make_project

# --- Weight -------------------------------------------------------------------


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(site: Path) -> dict:
    """The heaviest page (HTML, its CSS and JS, the search worker, gzip), the search index,
    and 话术速查's and the exam's HTML as they arrive (raw and gzip)."""
    worker = sum(gzip_size(path) for path in (site / "assets/javascripts/workers").glob("search.*.min.js"))
    heaviest = ("", 0)
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assets = {html.parent / element.get("src", element.get("href", "")).split("?")[0]
                  for element in soup.select("script[src], link[rel=stylesheet]")}
        size = gzip_size(html) + worker + sum(gzip_size(asset.resolve()) for asset in assets
                                              if asset.resolve().is_file())
        if size > heaviest[1]:
            heaviest = (html.relative_to(site).as_posix(), size)
    weight = {"heaviest_page": heaviest[0], "page_bytes_gzip": heaviest[1]}
    index = site / "search/search_index.json"
    if index.is_file():
        weight.update(search_index_bytes=index.stat().st_size, search_index_bytes_gzip=gzip_size(index))
    for name in ("quick", "exam"):
        page = site / name / "index.html"
        if page.is_file():
            weight.update({f"{name}_html_bytes": page.stat().st_size, f"{name}_html_bytes_gzip": gzip_size(page)})
    return weight


# --- The run ------------------------------------------------------------------


def chapter_with_cards_and_quiz(project: Path) -> str:
    data = yaml.safe_load((project / "training.yml").read_text(encoding="utf-8"))
    with_questions = {question["chapter"] for question in data["questions"]}
    return next(card["chapter"] for card in data["cards"] if card["chapter"] in with_questions) + "/"


def measure_scale(scale: int, workdir: Path, runs: int, browser, stock_pages: bool) -> dict:
    project = workdir / f"scale-{scale}"
    size = make_project(scale, project)
    expanded = expand(project, workdir / f"expanded-{scale}")
    builds = interleaved_build_seconds({"site": project / "mkdocs.yml",
                                        "baseline": baseline_config(project, expanded)}, runs)
    site = project / "site"
    build(project / "mkdocs.yml", site)
    result = {**size, "build_s": builds["site"], "baseline_build_s": builds["baseline"],
              "build_ratio": builds["site"] / builds["baseline"],
              "per_card_ms": builds["site"] / size["cards"] * 1000, **page_weight(site)}
    if browser is None:
        return result
    with LoopbackServer(site) as server:
        result["quick"] = chromium_timings.quick_first_card(browser, server.url, runs)
        result.update(chromium_timings.search_and_filter(browser, server.url, runs))
        if stock_pages:
            stock = project / "stock-site"
            build(stock_config(project, expanded), stock)
            paths = ["", "quick/", chapter_with_cards_and_quiz(project), "exam/", "scenarios/"]
            with LoopbackServer(stock) as stock_server:
                result["page_loads"] = chromium_timings.page_loads(browser, server.url, stock_server.url, paths, runs)
    return result


def machine() -> dict:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "processor": platform.processor() or platform.machine()}


def run(scales: list[int], runs: int, with_browser: bool) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        if not with_browser:
            growth = [measure_scale(scale, workdir, runs, None, False) for scale in scales]
        else:
            with chromium_timings.chromium() as browser:
                growth = [measure_scale(scale, workdir, runs, browser, scale == 1) for scale in scales]
    return summarise(growth, runs, machine())


def summarise(growth: list[dict], runs: int, machine_info: dict) -> dict:
    """Each scale's figures, and the ratios the targets are about."""
    by_scale = {row["scale"]: row for row in growth}
    real, largest = by_scale.get(1), by_scale[max(by_scale)]
    targets: dict = {"per_card_ratio_largest_vs_second": per_card_ratio(growth),
                     "build_ratio_largest": largest["build_ratio"]}
    if real and "page_loads" in real:
        targets["page_load_ratios"] = {path or "/": figures["ratio"] for path, figures in real["page_loads"].items()}
        stock_quick = real["page_loads"].get("quick/", {}).get("stock", {}).get("ms")
        if stock_quick and "quick" in real:
            targets["quick_first_card_vs_stock_load"] = real["quick"]["first_card_ms"] / stock_quick
    if real and "quick" in real and "quick" in largest and largest is not real:
        targets["quick_first_card_largest_vs_1"] = largest["quick"]["first_card_ms"] / real["quick"]["first_card_ms"]
    return {"machine": machine_info, "runs": runs, "growth": growth, "targets": targets}


def per_card_ratio(growth: list[dict]) -> float | None:
    """The per-card build cost at the largest scale over that at the smallest scale above 1 (the real
    site, scale 1, is left out: the fixed cost of a build dominates it); None without two such scales."""
    per_card = {row["scale"]: row["per_card_ms"] for row in growth if row["scale"] > 1}
    if len(per_card) < 2:
        return None
    return per_card[max(per_card)] / per_card[min(per_card)]


def write_results(results: dict, output: Path) -> None:
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


COLUMNS = ["scale", "cards", "questions", "pages", "build_s", "baseline_build_s", "build_ratio", "per_card_ms",
           "quick_html_bytes", "quick_html_bytes_gzip", "exam_html_bytes", "search_median_ms", "filter_median_ms",
           "filter_p95_ms"]


def _shown(value) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def print_table(results: dict) -> None:
    print(" | ".join(COLUMNS))
    for row in results["growth"]:
        print(" | ".join(_shown(row.get(column, "")) for column in COLUMNS))
    for row in results["growth"]:
        if "quick" in row:
            quick = row["quick"]
            slow = " (slow)" if quick["slow"] else ""
            print(f"{row['scale']}×: 话术速查 box {quick['box_ms']:.0f} ms, "
                  f"first card {quick['first_card_ms']:.0f} ms{slow}")
        for path, figures in row.get("page_loads", {}).items():
            ratio = f"{figures['ratio']:.2f}×" if figures["ratio"] else "—"
            print(f"{row['scale']}×: load /{path}: {figures['site']['ms']:.0f} ms, stock Material "
                  f"{figures['stock']['ms']:.0f} ms, {ratio}")
    for name, value in results["targets"].items():
        if isinstance(value, float):
            print(f"{name}: {value:.2f}×")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="content sizes, comma-separated (1 = the real site)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up")
    parser.add_argument("--no-browser", action="store_true", help="builds and weights only")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args(argv)
    scales = sorted(int(scale) for scale in args.scales.split(","))
    results = run(scales, args.runs, not args.no_browser)
    write_results(results, args.output)
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
