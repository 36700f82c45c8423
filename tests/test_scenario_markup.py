"""情景演练 without JavaScript: every scenario is a complete, readable tree."""

import json

import pytest


@pytest.fixture(scope="module")
def scenarios_page(soup_of):
    return soup_of("scenarios/")


def test_each_scenario_has_its_anchor_situation_and_trained_card(source, scenarios_page):
    for scenario in source.scenarios:
        section = scenarios_page.find(id=f"scenario-{scenario.id}").find_parent(class_="ckb-scenario")
        assert scenario.situation in section.select_one(".ckb-scenario__situation").get_text()
        assert section.select_one(".ckb-scenario__trains a")["href"].endswith(f"#card-{scenario.trains.card}")


def test_tree_shows_every_customer_line_reply_feedback_and_ending(source, scenarios_page):
    for scenario in source.scenarios:
        tree = scenarios_page.find(id=f"scenario-{scenario.id}").find_parent(class_="ckb-scenario") \
            .select_one(".ckb-scenario__tree")
        text = tree.get_text()
        for node in scenario.nodes:
            assert node.customer in text, (scenario.id, node.id)
            if node.ending:
                assert f"结局：{node.ending}" in text and node.explanation in text
            for reply in node.replies:
                assert reply.text in text and reply.feedback in text, (scenario.id, node.id)
        verdicts = [strong.get_text() for strong in tree.select(".ckb-tree__say strong")]
        assert set(verdicts) == {"✔ 好的回应", "✘ 不妥的回应"}


def test_player_data_is_json_with_the_same_graph(source, scenarios_page):
    for scenario in source.scenarios:
        section = scenarios_page.find(id=f"scenario-{scenario.id}").find_parent(class_="ckb-scenario")
        data = json.loads(section.select_one("script.ckb-scenario__data").string)
        assert data["start"] == scenario.start
        assert {node_id: [r["next"] for r in node["replies"]] for node_id, node in data["nodes"].items()} == \
            {node.id: [r.next for r in node.replies] for node in scenario.nodes}


def test_six_scenarios_cover_the_five_types_and_a_group_visit(source):
    trained = {scenario.trains.card for scenario in source.scenarios}
    assert {"type-rage", "type-crying", "type-silent-evidence", "type-active-agent", "type-former-agent",
            "risk-group-visit"} <= trained
