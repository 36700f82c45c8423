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
        data = json.loads(section["data-plan"])
        assert data["start"] == scenario.start
        assert {node_id: [r["next"] for r in node["replies"]] for node_id, node in data["nodes"].items()} == \
            {node.id: [r.next for r in node.replies] for node in scenario.nodes}


def test_six_scenarios_cover_the_five_types_and_a_group_visit(source):
    trained = {scenario.trains.card for scenario in source.scenarios}
    assert {"type-rage", "type-crying", "type-silent-evidence", "type-active-agent", "type-former-agent",
            "risk-group-visit"} <= trained


def _tree_lines(scenarios_page, scenario_id):
    section = scenarios_page.find(id=f"scenario-{scenario_id}").find_parent(class_="ckb-scenario")
    return section.select(".ckb-tree__customer")


def test_each_line_names_its_speaker_and_narration_has_none(source, scenarios_page):
    for scenario in source.scenarios:
        lines = _tree_lines(scenarios_page, scenario.id)
        for node in scenario.nodes:
            shown = [line for line in lines if line.get_text().endswith(node.customer)]
            assert shown, (scenario.id, node.id)
            for line in shown:
                speaker = line.select_one(".ckb-tree__speaker")
                if node.customer.startswith("（") and node.customer.endswith("）"):
                    assert speaker is None and "ckb-tree__narration" in line["class"], (scenario.id, node.id)
                    assert "客户：" not in line.get_text()
                else:
                    assert speaker.get_text() == f"{node.speaker or '客户'}：", (scenario.id, node.id)


def test_speakers_the_review_names(source):
    nodes = {(scenario.id, node.id): node for scenario in source.scenarios for node in scenario.nodes}
    for node_id in ("agent-talks", "agent-objects", "agent-louder", "promise-broken", "escalated"):
        assert nodes["former-agent", node_id].who == "离职业务员"
    assert nodes["group-media-visit", "camera"].who == "在电视台工作的客户"
    assert nodes["former-agent", "customer-alone"].who == "客户"
    active = next(scenario for scenario in source.scenarios if scenario.id == "active-agent")
    assert {node.who for node in active.nodes} == {"业务员", None}  # the agent speaks, or narration
    for scenario_id, node_id in [("silent-recordings", "recordings"), ("silent-recordings", "resolved"),
                                 ("group-media-visit", "reception"), ("group-media-visit", "media"),
                                 ("active-agent", "broken-rules"), ("rage-banner", "record")]:
        assert nodes[scenario_id, node_id].who is None
    for scenario in source.scenarios:
        for node in scenario.nodes:
            assert not node.customer.startswith(("（离职业务员）", "（客户本人）", "（业务员）")), node.customer


def test_every_scenario_has_a_wrong_turn_the_learner_can_recover_from(source):
    for scenario in source.scenarios:
        nodes = {node.id: node for node in scenario.nodes}
        recoverable = [reply for node in scenario.nodes for reply in node.replies
                       if reply.verdict == "bad" and not nodes[reply.next].ending
                       and any(good.verdict == "good" for good in nodes[reply.next].replies)]
        assert recoverable, scenario.id
        for reply in recoverable:  # the customer reacts worse than before the wrong turn
            before = next(node for node in scenario.nodes if reply in node.replies)
            assert nodes[reply.next].mood in ("愤怒", "不满") and nodes[reply.next].customer != before.customer


def test_near_miss_replies_are_polite_but_wrong(source):
    bad = {scenario.id: [reply for node in scenario.nodes for reply in node.replies if reply.verdict == "bad"]
           for scenario in source.scenarios}
    everything = [reply for replies in bad.values() for reply in replies]
    assert sum("别激动" in reply.text for reply in everything) >= 2
    wrong_promise = [reply for reply in everything if "客户沟通记录表" in reply.text and "今天下班前" in reply.text]
    assert wrong_promise and all("三个工作日" in reply.feedback for reply in wrong_promise)
    retention = [reply for reply in bad["crying-deceived"] if "退保是有损失的" in reply.text]
    assert retention and "登记" not in retention[0].text


def test_crying_customer_note_is_registered_and_retention_is_not_the_good_ending(source):
    scenario = next(scenario for scenario in source.scenarios if scenario.id == "crying-deceived")
    nodes = {node.id: node for node in scenario.nodes}
    good = [reply for node in scenario.nodes for reply in node.replies if reply.verdict == "good"]
    assert any("纸条" in reply.text and "投诉资料" in reply.text and "登记" in reply.text for reply in good)
    assert any("误导" in reply.text and "转交上级部门" in reply.text for reply in good)
    for reply in good:
        if "保单恢复期" in reply.text:
            assert not any(word in reply.text for word in ("取出", "能贷", "到账", "拿到钱")), reply.text
    endings = [node for node in scenario.nodes if node.ending in ("化解", "转交上级")]
    assert endings and all("不退" not in node.customer for node in endings)
    assert "不是“客户不退保了”" in nodes["resolved"].explanation
