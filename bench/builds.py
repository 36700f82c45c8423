"""The builds `make bench` times and the two baselines it builds from the same Markdown.

- the site: the project as it is (mkdocs.yml);
- the build baseline: the same configuration (theme, overrides, plugins, Markdown
  extensions) without the macros plugin, over the Markdown the macros wrote for each
  page (kept by one build with dump_markdown.py). What the site costs over it is what
  the macros and their post-build steps cost;
- stock Material: theme `material` with no custom_dir, no scripts or styles of the
  site's, the same plugins but the macros, over the same expanded Markdown. Pages
  are loaded from it to compare page loads (browser.py).

Builds that are compared are interleaved (site, baseline, site, baseline …), each
figure the median after one warm-up, so that a machine that drifts shifts both.
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOKS = Path(__file__).parent


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


def interleaved_build_seconds(configs: dict[str, Path], runs: int) -> dict[str, float]:
    """Median wall time of `mkdocs build` for each configuration, the builds taken in turn."""
    times: dict[str, list[float]] = {label: [] for label in configs}
    for _ in range(runs + 1):
        for label, config in configs.items():
            with tempfile.TemporaryDirectory() as site:
                start = time.perf_counter()
                build(config, Path(site))
                times[label].append(time.perf_counter() - start)
    return {label: median_after_warm_up(samples) for label, samples in times.items()}


def expand(project: Path, workdir: Path) -> Path:
    """Build once with dump_markdown.py: every page's Markdown as the macros wrote it."""
    expanded = workdir / "expanded"
    dump_config = project / "mkdocs-dump.yml"
    dump_config.write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                           + f"\nhooks:\n  - {HOOKS / 'dump_markdown.py'}\n", encoding="utf-8")
    build(dump_config, workdir / "dump-site", {"CKB_DUMP_DIR": str(expanded)})
    return expanded


def _without_macros(text: str, expanded: Path) -> str:
    text = re.sub(r"  - macros:\n(?:      .*\n)+", "", text)
    return re.sub(r"^docs_dir: .*$", f"docs_dir: {expanded}", text, count=1, flags=re.M)


def baseline_config(project: Path, expanded: Path) -> Path:
    """The site's configuration without the macros plugin, over the expanded Markdown.
    plain_config.py gives main.html the script plan the macros would have set."""
    config = project / "mkdocs-baseline.yml"
    text = _without_macros((project / "mkdocs.yml").read_text(encoding="utf-8"), expanded)
    config.write_text(text + f"\nhooks:\n  - {HOOKS / 'plain_config.py'}\n", encoding="utf-8")
    return config


def stock_config(project: Path, expanded: Path) -> Path:
    """Stock Material over the expanded Markdown: no custom_dir, none of the site's scripts or styles."""
    config = project / "mkdocs-stock.yml"
    text = _without_macros((project / "mkdocs.yml").read_text(encoding="utf-8"), expanded)
    text = re.sub(r"^  custom_dir: .*\n", "", text, count=1, flags=re.M)
    text = re.sub(r"^extra_(?:javascript|css):\n(?:  - .*\n)+", "", text, flags=re.M)
    config.write_text(text, encoding="utf-8")
    return config
