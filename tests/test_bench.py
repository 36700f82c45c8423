"""The benchmark runs on a small size and writes well-formed results (no time is asserted)."""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_runs_small_and_writes_results(tmp_path):
    output = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "bench.run", "--scales", "1,2", "--runs", "1",
                          "--output", str(output)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    results = json.loads(output.read_text(encoding="utf-8"))

    assert results["machine"]["cpu_count"] >= 1
    overhead = results["macro_overhead"]
    assert overhead["ratio"] == overhead["with_macros_s"] / overhead["plain_material_s"]
    assert [row["scale"] for row in results["growth"]] == [1, 2]
    one, two = results["growth"]
    assert two["cards"] == 2 * one["cards"] and two["questions"] == 2 * one["questions"]
    for row in results["growth"]:
        assert row["build_s"] > 0 and row["page_bytes_gzip"] > 0
        assert row["search_index_bytes_gzip"] < row["search_index_bytes"]
        assert set(row["search_ms"]) == {"客户哭了", "要拉横幅", "不是投保人"}
        assert row["filter_cards"] == row["cards"]
        assert row["filter_median_ms"] <= row["filter_p95_ms"] <= row["filter_max_ms"]
        assert row["first_result_quick_ms"] > 0 and row["first_result_search_ms"] > 0
    assert "macro overhead" in run.stdout
