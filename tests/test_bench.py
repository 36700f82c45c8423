"""The benchmark's own arithmetic and output, on small synthetic inputs. `make bench` measures;
these check that what it reports is computed and written right, in a second or two."""

import gzip
import json

import pytest
import yaml

from bench.browser import _compare
from bench.builds import baseline_config, build, expand, median_after_warm_up, stock_config
from bench.run import page_weight, per_card_ratio, print_table, summarise, write_results
from bench.synthetic import make_project
from macros.domain.source import load_source
from tests.helpers import ROOT, copy_fixture_site


def test_a_figure_is_the_median_of_the_runs_after_the_warm_up():
    assert median_after_warm_up([9.0, 1.0, 3.0, 2.0]) == 2.0  # 9.0, the warm-up, is left out
    assert median_after_warm_up([9.0, 1.0, 4.0]) == 2.5
    with pytest.raises(ValueError):
        median_after_warm_up([9.0])  # a warm-up alone measures nothing


def test_a_page_load_is_compared_to_stock_and_a_slow_run_is_kept_and_flagged():
    site = [{"ms": 900.0, "slow": False}, {"ms": 300.0, "slow": False}, {"ms": 500.0, "slow": True}]
    stock = [{"ms": 700.0, "slow": False}, {"ms": 200.0, "slow": False}, {"ms": 200.0, "slow": False}]
    figures = _compare(site, stock)
    assert figures["site"] == {"ms": 400.0, "slow": True} and figures["stock"] == {"ms": 200.0, "slow": False}
    assert figures["ratio"] == 2.0


def growth_row(scale, per_card_ms, **more):
    return {"scale": scale, "cards": 2 * scale, "build_s": per_card_ms * 2 * scale / 1000,
            "baseline_build_s": per_card_ms * scale / 1000, "build_ratio": 2.0,
            "per_card_ms": per_card_ms, **more}


def test_per_card_cost_grows_from_the_smallest_scale_above_one_to_the_largest():
    growth = [growth_row(1, 50.0), growth_row(10, 4.0), growth_row(100, 5.0)]
    assert per_card_ratio(growth) == 1.25  # scale 1, with the build's fixed cost, is left out
    assert per_card_ratio([growth_row(1, 50.0), growth_row(2, 30.0)]) is None
    assert per_card_ratio([growth_row(100, 6.0), growth_row(10, 4.0)]) == 1.5  # whatever the order


def quick(first_card_ms, box_ms=100.0):
    return {"first_card_ms": first_card_ms, "box_ms": box_ms, "slow": False, "sentences": {}}


def loads(site_ms, stock_ms):
    return {"site": {"ms": site_ms, "slow": False}, "stock": {"ms": stock_ms, "slow": False},
            "ratio": site_ms / stock_ms}


def test_the_targets_are_ratios_against_the_baselines_of_the_same_run():
    real = growth_row(1, 50.0, quick=quick(600.0),
                      page_loads={"": loads(300.0, 250.0), "quick/": loads(450.0, 300.0)})
    largest = growth_row(100, 5.0, quick=quick(900.0))
    targets = summarise([real, growth_row(10, 4.0), largest], 3, {"cpu_count": 4})["targets"]
    assert targets["page_load_ratios"] == {"/": 1.2, "quick/": 1.5}
    assert targets["quick_first_card_vs_stock_load"] == 2.0  # 600 ms against stock's 300 ms load
    assert targets["quick_first_card_largest_vs_1"] == 1.5
    assert targets["per_card_ratio_largest_vs_second"] == 1.25 and targets["build_ratio_largest"] == 2.0
    # Without the browser, or without scale 1, the ratios that need them are left out, not made up.
    alone = summarise([growth_row(10, 4.0), growth_row(100, 5.0)], 3, {})["targets"]
    assert set(alone) == {"per_card_ratio_largest_vs_second", "build_ratio_largest"}


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
    (site / "quick").mkdir()
    (site / "quick/index.html").write_text("<p>卡片</p>" * 100)
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
    assert weight["quick_html_bytes"] == (site / "quick/index.html").stat().st_size
    assert weight["quick_html_bytes_gzip"] == gz("quick/index.html") and "exam_html_bytes" not in weight


def test_results_are_written_as_readable_json_and_printed_as_a_table(tmp_path, capsys):
    rows = [growth_row(1, 50.0, quick=quick(600.0, 150.0), page_loads={"quick/": loads(450.0, 300.0)}),
            growth_row(10, 4.0),
            growth_row(100, 5.0, quick={**quick(900.0, 200.0), "slow": True})]
    results = summarise(rows, 5, {"platform": "测试机"})

    write_results(results, tmp_path / "results.json")
    print_table(results)

    text = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert json.loads(text) == results and "测试机" in text
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("scale | cards | questions | pages | build_s | baseline_build_s | build_ratio")
    assert [line.split(" | ")[0] for line in lines[1:4]] == ["1", "10", "100"]
    assert "1×: 话术速查 box 150 ms, first card 600 ms" in lines
    assert "1×: load /quick/: 450 ms, stock Material 300 ms, 1.50×" in lines
    assert "100×: 话术速查 box 200 ms, first card 900 ms (slow)" in lines
    assert "quick_first_card_largest_vs_1: 1.50×" in lines
    assert "per_card_ratio_largest_vs_second: 1.25×" in lines


@pytest.mark.slow
@pytest.mark.build
def test_the_baselines_build_the_pages_the_macros_wrote(tmp_path):
    """The build baseline keeps the site's theme without the macros; stock Material drops the site's
    overrides, scripts and styles too. Both build the same expanded pages."""
    project = copy_fixture_site("minimal", tmp_path / "project")
    expanded = expand(project, tmp_path)
    for name, config in (("baseline", baseline_config(project, expanded)),
                         ("stock", stock_config(project, expanded))):
        text = config.read_text(encoding="utf-8")
        assert "- macros:" not in text
        build(config, tmp_path / name)
        steps = (tmp_path / name / "steps" / "index.html").read_text(encoding="utf-8")
        assert 'data-card="step-listen"' in steps and "{{" not in steps
    baseline = (tmp_path / "baseline" / "index.html").read_text(encoding="utf-8")
    stock = (tmp_path / "stock" / "index.html").read_text(encoding="utf-8")
    assert "ckb" in baseline and "ckb.js" not in stock and "ckb-" not in stock.split("<body")[0]
