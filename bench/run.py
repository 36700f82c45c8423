"""`make bench`: what the site costs and how that grows, with baselines from the same run.

Every time is the median of --runs runs after one warm-up. Prints a table and
writes bench/results.json. Figures and the machine they came from belong in
BENCHMARKS.md.
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

from tests.helpers import CHROMIUM_ARGS, LoopbackServer

from .synthetic import ROOT, copy_project, make_project

SEARCH_QUERIES = ["客户哭了", "要拉横幅", "不是投保人"]
SENTENCES = ["客户说要去找媒体曝光怎么办", "来了五六个客户一起投诉"]
# Keystrokes in 话术速查: short words, then whole sentences as they grow.
FILTER_TYPING = ["客", "客户", "客户哭", "客户哭了", "", "横", "横幅", "", "投", "投保", "投保人", "",
                 *[sentence[:end] for sentence in SENTENCES for end in range(1, len(sentence) + 1)], ""]
CPU_SLOWDOWN = 4  # a mid-range phone, as Chromium's DevTools throttling has it


# --- Builds -------------------------------------------------------------------


def build(config: Path, site: Path, env: dict | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True,
    )
    if result.returncode:
        raise SystemExit(f"building {config} failed:\n{result.stderr}")


def median_after_warm_up(samples: list[float]) -> float:
    """The median of timed runs, the first one (the warm-up) left out."""
    if len(samples) < 2:
        raise ValueError("a figure needs one warm-up run and at least one timed run")
    return statistics.median(samples[1:])


def build_seconds(config: Path, runs: int) -> float:
    """Median wall time of `mkdocs build` after one warm-up build."""
    times = []
    for _ in range(runs + 1):
        with tempfile.TemporaryDirectory() as site:
            start = time.perf_counter()
            build(config, Path(site))
            times.append(time.perf_counter() - start)
    return median_after_warm_up(times)


def macro_overhead(workdir: Path, runs: int) -> dict:
    """The real site against plain Material building the macros' output as Markdown."""
    project = copy_project(workdir / "with-macros")
    plain = plain_material_config(project, workdir)
    return overhead_figures(build_seconds(project / "mkdocs.yml", runs), build_seconds(plain, runs))


def plain_material_config(project: Path, workdir: Path) -> Path:
    """A configuration for the project without the macros plugin, over the Markdown the macros
    wrote for each page (kept by one build with dump_markdown.py)."""
    hooks = Path(__file__).parent
    expanded = workdir / "expanded"
    dump_config = project / "mkdocs-dump.yml"
    dump_config.write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                           + f"\nhooks:\n  - {hooks / 'dump_markdown.py'}\n", encoding="utf-8")
    build(dump_config, workdir / "dump-site", {"CKB_DUMP_DIR": str(expanded)})

    plain = project / "mkdocs-plain.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"  - macros:\n(?:      .*\n)+", "", text).replace("docs_dir: docs", f"docs_dir: {expanded}")
    plain.write_text(text + f"\nhooks:\n  - {hooks / 'plain_config.py'}\n", encoding="utf-8")
    return plain


def overhead_figures(with_macros_s: float, plain_material_s: float) -> dict:
    return {"with_macros_s": with_macros_s, "plain_material_s": plain_material_s,
            "ratio": with_macros_s / plain_material_s}


# --- Weight -------------------------------------------------------------------


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weight(site: Path) -> dict:
    """The heaviest page (HTML, its CSS and JS, the search worker, gzip) and the search index."""
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
    index = site / "search/search_index.json"
    return {"heaviest_page": heaviest[0], "page_bytes_gzip": heaviest[1],
            "search_index_bytes": index.stat().st_size, "search_index_bytes_gzip": gzip_size(index)}


# --- In the browser -----------------------------------------------------------

MEASURE_SEARCH = """async query => {
    const input = document.querySelector("[data-md-component=search-query]")
    const list = document.querySelector(".md-search-result__list")
    const settled = test => new Promise(resolve => {
        const check = () => test() ? resolve() : setTimeout(check, 5)
        check()
    })
    input.value = ""
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    await settled(() => list.children.length === 0)
    const start = performance.now()
    input.value = query
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    await settled(() => list.children.length > 0)
    await new Promise(requestAnimationFrame)
    return performance.now() - start
}"""

MEASURE_FILTER = """typing => {
    const filter = document.querySelector(".ckb-phrasebook__filter")
    return typing.map(value => {
        const start = performance.now()
        filter.value = value
        filter.dispatchEvent(new Event("input"))
        document.body.getBoundingClientRect()  // the style and layout the keystroke causes
        return performance.now() - start
    })
}"""


# Set before the page's own scripts run: the time (ms since navigation) the first result shows.
RECORD_FIRST_RESULT = """selector => new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) {
        window.__ckbFirstResult = performance.now()
        observer.disconnect()
    }
}).observe(document, { childList: true, subtree: true })"""

ASK_SITE_SEARCH = """sentence => {
    const input = document.querySelector("[data-md-component=search-query]")
    input.value = sentence
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
}"""


def first_result_ms(browser, url: str, runs: int) -> dict:
    """Page load to the first result of a spoken sentence, CPU slowed down 4×: 话术速查 with the
    sentence in its address, and site search asked as soon as the page is parsed."""
    from urllib.parse import quote

    timings = {"quick": [], "search": []}
    for _ in range(runs + 1):
        for place, selector in (("quick", ".ckb-phrasebook__results .ckb-phrase"),
                                ("search", ".md-search-result__item")):
            context = browser.new_context()
            page = context.new_page()
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.add_init_script(f"({RECORD_FIRST_RESULT})({json.dumps(selector)})")
            if place == "quick":
                page.goto(url + "quick/?filter=" + quote(SENTENCES[0]), wait_until="domcontentloaded")
            else:
                page.goto(url, wait_until="domcontentloaded")
                page.evaluate(ASK_SITE_SEARCH, SENTENCES[0])
            page.wait_for_function("() => window.__ckbFirstResult", timeout=60_000)
            timings[place].append(page.evaluate("window.__ckbFirstResult"))
            context.close()
    return {f"first_result_{place}_ms": median_after_warm_up(times) for place, times in timings.items()}


def browser_timings(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with LoopbackServer(site) as server, sync_playwright() as playwright:
        url = server.url
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.keyboard.press("/")
        page.evaluate(MEASURE_SEARCH, "客户")  # warm-up: the worker builds its index
        search = {query: statistics.median(page.evaluate(MEASURE_SEARCH, query) for _ in range(runs))
                  for query in SEARCH_QUERIES}
        page.goto(url + "quick/")
        cards = page.locator(".ckb-phrasebook__group .ckb-phrase").count()
        page.evaluate(MEASURE_FILTER, FILTER_TYPING)  # warm-up
        keystrokes = [t for _ in range(runs) for t in page.evaluate(MEASURE_FILTER, FILTER_TYPING)]
        loads = first_result_ms(browser, url, runs)
        browser.close()
    return {"search_ms": search, "search_median_ms": statistics.median(search.values()),
            "filter_cards": cards, "filter_median_ms": statistics.median(keystrokes),
            "filter_p95_ms": statistics.quantiles(keystrokes, n=20)[-1], "filter_max_ms": max(keystrokes),
            **loads}


# --- The run ------------------------------------------------------------------


def measure_scale(scale: int, workdir: Path, runs: int, browser: bool) -> dict:
    project = workdir / f"scale-{scale}"
    size = make_project(scale, project)
    seconds = build_seconds(project / "mkdocs.yml", runs)
    site = project / "site"
    build(project / "mkdocs.yml", site)
    result = {**size, "build_s": seconds, "per_card_ms": seconds / size["cards"] * 1000, **page_weight(site)}
    if browser:
        result.update(browser_timings(site, runs))
    return result


def machine() -> dict:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "processor": platform.processor() or platform.machine()}


def run(scales: list[int], runs: int, browser: bool) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        overhead = macro_overhead(workdir / "overhead", runs)
        growth = [measure_scale(scale, workdir, runs, browser) for scale in scales]
    return summarise(growth, overhead, runs, machine())


def summarise(growth: list[dict], overhead: dict, runs: int, machine_info: dict) -> dict:
    """The results: each scale's figures, the macro overhead, and how the per-card build cost grows."""
    return {"machine": machine_info, "runs": runs,
            "build_s": growth[0]["build_s"] if growth[0]["scale"] == 1 else None,
            "macro_overhead": overhead, "growth": growth, "per_card_ratio_largest_vs_second": per_card_ratio(growth)}


def per_card_ratio(growth: list[dict]) -> float | None:
    """The per-card build cost at the largest scale over that at the smallest scale above 1 (the real
    site, scale 1, is left out: the fixed cost of a build dominates it); None without two such scales."""
    per_card = {row["scale"]: row["per_card_ms"] for row in growth if row["scale"] > 1}
    if len(per_card) < 2:
        return None
    return per_card[max(per_card)] / per_card[min(per_card)]


def write_results(results: dict, output: Path) -> None:
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def print_table(results: dict) -> None:
    overhead = results["macro_overhead"]
    print(f"macro overhead: {overhead['with_macros_s']:.2f} s with macros / "
          f"{overhead['plain_material_s']:.2f} s plain Material = {overhead['ratio']:.2f}×")
    columns = ["scale", "cards", "questions", "pages", "build_s", "per_card_ms", "page_bytes_gzip",
               "search_index_bytes", "search_index_bytes_gzip", "search_median_ms", "filter_cards",
               "filter_median_ms", "filter_p95_ms", "filter_max_ms", "first_result_quick_ms",
               "first_result_search_ms"]
    rows = [[row.get(column, "") for column in columns] for row in results["growth"]]
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(f"{value:.2f}" if isinstance(value, float) else str(value) for value in row))
    by_scale = {row["scale"]: row for row in results["growth"]}
    if 1 in by_scale and len(by_scale) > 1 and "filter_median_ms" in by_scale[1]:
        largest = by_scale[max(by_scale)]
        for column in ("filter_median_ms", "first_result_quick_ms", "first_result_search_ms"):
            print(f"{column}, {largest['scale']}× vs 1×: {largest[column] / by_scale[1][column]:.2f}×")
    if results["per_card_ratio_largest_vs_second"]:
        print(f"per-card build cost, largest vs second scale: {results['per_card_ratio_largest_vs_second']:.2f}×")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="content sizes, comma-separated (1 = the real site)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up")
    parser.add_argument("--no-browser", action="store_true", help="skip search and filter timings")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args(argv)
    scales = sorted(int(scale) for scale in args.scales.split(","))
    results = run(scales, args.runs, not args.no_browser)
    write_results(results, args.output)
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
