"""The benchmark's own arithmetic and output, on small synthetic inputs. `make bench` measures;
these check that what it reports is computed and written right, in a second or two."""

import gzip
import json

import pytest
import yaml

from bench.run import (
    build,
    median_after_warm_up,
    page_weight,
    per_card_ratio,
    plain_material_config,
    print_table,
    summarise,
    write_results,
)
from bench.synthetic import make_project
from macros.domain.source import load_source
from tests.helpers import ROOT, copy_fixture_site


def test_a_figure_is_the_median_of_the_runs_after_the_warm_up():
    assert median_after_warm_up([9.0, 1.0, 3.0, 2.0]) == 2.0  # 9.0, the warm-up, is left out
    assert median_after_warm_up([9.0, 1.0, 4.0]) == 2.5
    with pytest.raises(ValueError):
        median_after_warm_up([9.0])  # a warm-up alone measures nothing


def growth_row(scale, per_card_ms, **more):
    return {"scale": scale, "cards": 2 * scale, "build_s": per_card_ms * 2 * scale / 1000,
            "per_card_ms": per_card_ms, **more}


def test_per_card_cost_grows_from_the_smallest_scale_above_one_to_the_largest():
    growth = [growth_row(1, 50.0), growth_row(10, 4.0), growth_row(100, 5.0)]
    assert per_card_ratio(growth) == 1.25  # scale 1, with the build's fixed cost, is left out
    assert per_card_ratio([growth_row(1, 50.0), growth_row(2, 30.0)]) is None
    assert per_card_ratio([growth_row(100, 6.0), growth_row(10, 4.0)]) == 1.5  # whatever the order


def test_the_summary_keeps_the_real_sites_build_time_only_when_scale_one_was_measured():
    overhead = {"with_macros_s": 2.0, "plain_material_s": 1.0, "ratio": 2.0}
    with_real = summarise([growth_row(1, 50.0), growth_row(10, 4.0)], overhead, 3, {"cpu_count": 4})
    assert with_real["build_s"] == 0.1 and with_real["runs"] == 3 and with_real["macro_overhead"] is overhead
    assert summarise([growth_row(10, 4.0)], overhead, 3, {})["build_s"] is None


def test_content_grows_by_the_scale_and_stays_a_valid_source(tmp_path):
    real = yaml.safe_load((ROOT / "training.yml").read_text(encoding="utf-8"))
    size = make_project(3, tmp_path)

    assert size["cards"] == 3 * len(real["cards"]) and size["questions"] == 3 * len(real["questions"])
    chapters = {entry["chapter"] for entry in real["cards"] + real["questions"]}
    assert size["pages"] == len(list((ROOT / "docs").glob("*.md"))) + 2 * len(chapters)
    nav = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"{chapter}-s2.md" in nav for chapter in chapters)
    source = load_source(tmp_path)  # every copy's ids are unique and its links resolve
    assert len(source.cards) == size["cards"] and len(source.questions) == size["questions"]


def test_page_weight_counts_the_heaviest_page_with_its_assets_gzipped(tmp_path):
    site = tmp_path
    (site / "assets/javascripts/workers").mkdir(parents=True)
    (site / "assets/javascripts/workers/search.1.min.js").write_text("w" * 3000)
    (site / "assets/app.js").write_text("a" * 5000)
    (site / "light").mkdir()
    (site / "light/index.html").write_text("<p>轻</p>")
    (site / "index.html").write_text('<script src="assets/app.js"></script><p>重</p>')
    (site / "search").mkdir()
    (site / "search/search_index.json").write_text(json.dumps({"docs": ["客户"] * 500}, ensure_ascii=False))

    weight = page_weight(site)

    def gz(path):
        return len(gzip.compress((site / path).read_bytes(), compresslevel=6))

    assert weight["heaviest_page"] == "index.html"
    assert weight["page_bytes_gzip"] == gz("index.html") + gz("assets/app.js") + gz(
        "assets/javascripts/workers/search.1.min.js")
    assert weight["search_index_bytes"] == (site / "search/search_index.json").stat().st_size
    assert weight["search_index_bytes_gzip"] < weight["search_index_bytes"] / 10


def test_results_are_written_as_readable_json_and_printed_as_a_table(tmp_path, capsys):
    rows = [growth_row(1, 50.0, filter_median_ms=2.0, first_result_quick_ms=100.0, first_result_search_ms=300.0),
            growth_row(10, 4.0, filter_median_ms=3.0, first_result_quick_ms=150.0, first_result_search_ms=600.0),
            growth_row(100, 5.0, filter_median_ms=8.0, first_result_quick_ms=400.0, first_result_search_ms=900.0)]
    results = summarise(rows, {"with_macros_s": 3.0, "plain_material_s": 1.5, "ratio": 2.0}, 5,
                        {"platform": "测试机"})

    write_results(results, tmp_path / "results.json")
    print_table(results)

    text = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert json.loads(text) == results and "测试机" in text
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "macro overhead: 3.00 s with macros / 1.50 s plain Material = 2.00×"
    assert lines[1].startswith("scale | cards | questions | pages | build_s | per_card_ms")
    assert [line.split(" | ")[0] for line in lines[2:5]] == ["1", "10", "100"]
    assert "filter_median_ms, 100× vs 1×: 4.00×" in lines
    assert "first_result_search_ms, 100× vs 1×: 3.00×" in lines
    assert lines[-1] == "per-card build cost, largest vs second scale: 1.25×"


@pytest.mark.slow
@pytest.mark.build
def test_plain_material_builds_the_pages_the_macros_wrote(tmp_path):
    """The macro-overhead baseline: the same pages, expanded, built without the macros plugin."""
    project = copy_fixture_site("minimal", tmp_path / "project")
    plain = plain_material_config(project, tmp_path)
    assert "- macros:" not in plain.read_text(encoding="utf-8")
    build(plain, tmp_path / "plain-site")
    steps = (tmp_path / "plain-site" / "steps" / "index.html").read_text(encoding="utf-8")
    assert 'data-card="step-listen"' in steps and "{{" not in steps
