"""Issue 22: quiz questions and role-plays say what the deck says, and no more.

Mechanical checks of the content audit's items (../shared/reviews/content-audit-2.md)
in questions and scenarios: the removed claims stay removed, a surrender is never
the mistake, the deck's figures are named as its example, asking a customer to calm
down is never the recommended line, a teller says 您 to a customer, the customer's
original evidence goes back to the customer, and one rule for 化解 and 转交上级.
"""

import re

import pytest

# The reminder that goes with the deck's figures (三个工作日, 2年内保单恢复期) wherever a
# question or a role-play states them: they are the course's example, for the owner
# to check against the company's current rules (audit F4).
CURRENT_RULES = re.compile(r"是课件例句中的(时限|说法)，以公司现行规定(和保险合同)?为准")
DECK_FIGURES = ("三个工作日", "保单恢复期")
# Asking the customer to calm down (audit E7): it interrupts the venting, 步骤一.
CALM_DOWN = re.compile(r"别激动|别着急|冷静")
# 你 said to one person; 你们 is the plural, as Chinese has no plural 您.
SINGULAR_YOU = re.compile(r"你(?!们)")
NARRATION = re.compile(r"（[^（）]*）")


def _texts(entry) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(entry.model_dump(by_alias=True))
    return found


@pytest.fixture(scope="module")
def practice(source):
    """Every question and scenario, with all of its texts."""
    return [(entry, _texts(entry)) for entry in [*source.questions, *source.scenarios]]


@pytest.fixture(scope="module")
def replies(source):
    """(scenario, node, reply) for every reply of every scenario."""
    return [(scenario, node, reply) for scenario in source.scenarios for node in scenario.nodes
            for reply in node.replies]


def _scenario(source, scenario_id):
    return next(scenario for scenario in source.scenarios if scenario.id == scenario_id)


def _question(source, question_id):
    return next(question for question in source.questions if question.id == question_id)


def _paths(scenario, ending_ids):
    """Every path from the start to one of the endings, as the replies taken."""
    nodes = {node.id: node for node in scenario.nodes}
    found = []

    def walk(node_id, taken, seen):
        if node_id in ending_ids:
            found.append((taken, node_id))
            return
        for reply in nodes[node_id].replies:
            if reply.next not in seen:
                walk(reply.next, [*taken, reply], seen | {reply.next})

    walk(scenario.start, [], {scenario.start})
    return found


# --- E2, E3: claims removed, a surrender is never the mistake -----------------------


def test_no_question_or_role_play_says_the_options_keep_the_policy(practice):
    for entry, texts in practice:
        for text in texts:
            assert "保住保单" not in text, (entry.id, text)  # the 保单恢复期 means the policy lapses first


def test_putting_surrender_before_the_customer_is_never_the_fault(practice):
    for entry, texts in practice:
        for text in texts:
            for claim in ("把“退保”摆在", "放弃了这个机会", "等于放弃"):
                assert claim not in text, (entry.id, text)


def test_no_recommended_line_talks_a_customer_out_of_a_surrender(source, replies):
    discouraging = re.compile(r"别退|不要退|建议您再考虑|先留着")
    right = [option.text for question in source.questions for option in question.options if option.correct]
    good = [reply.text for _, _, reply in replies if reply.verdict == "good"]
    assert [text for text in right + good if discouraging.search(text)] == []
    for scenario in source.scenarios:
        for node in scenario.nodes:
            if node.ending in ("化解", "转交上级"):  # a good ending is not the customer keeping the policy
                assert not discouraging.search(node.customer) and "不退" not in node.customer, scenario.id


def test_a_customer_who_wants_to_surrender_is_told_the_loss_truthfully(source):
    """The crying and former-agent role-plays model the rule: surrender is the policyholder's
    right; the loss is told truthfully and the request handled by the rules."""
    for scenario_id in ("crying-deceived", "former-agent"):
        scenario = _scenario(source, scenario_id)
        good = [reply.text for node in scenario.nodes for reply in node.replies if reply.verdict == "good"]
        assert any("退保" in text and ("如实" in text or "影响" in text) for text in good), scenario_id
    question = _question(source, "origins-opportunity")
    surrender = next(option for option in question.options if "退保" in option.text)
    assert "如实说明退保损失" in surrender.feedback and "权利" in surrender.feedback
    assert "要求退保" not in _question(source, "step-options-not-yes-no").stem  # the deck's 急需用钱


# --- F3, F4, E6: the deck's rule, its figures, who presses the former agent ---------------


def test_the_rule_is_that_no_one_can_change_it(practice, source):
    for entry, texts in practice:
        for text in texts:
            assert not re.search(r"柜面(可以|能)(更)?改", text), (entry.id, text)
    agent = _scenario(source, "active-agent")
    assert sum("公司规定不是哪个人能改的" in reply.text for node in agent.nodes for reply in node.replies) >= 2


def test_the_decks_figures_are_named_as_its_example(source, replies):
    for scenario, node, reply in replies:
        if any(figure in reply.text for figure in DECK_FIGURES):
            assert CURRENT_RULES.search(reply.feedback), (scenario.id, node.id, reply.text)
    for question in source.questions:
        stated = [question.stem, *(option.text for option in question.options)]
        if any(figure in text for text in stated for figure in DECK_FIGURES):
            notes = [question.explanation, *(option.feedback for option in question.options if option.correct)]
            assert any(CURRENT_RULES.search(note) for note in notes), question.id


def test_pressing_the_former_agent_is_left_to_the_receiving_staff(practice, replies):
    for entry, texts in practice:
        for text in texts:
            if "施加压力" in text or "施压" in text:
                assert "接待人员" in text, (entry.id, text)
    for scenario, node, reply in replies:
        if re.search(r"追责|追究", reply.text):
            assert reply.verdict == "bad" and "接待人员" in reply.feedback, (scenario.id, node.id)


# --- E7: asking the customer to calm down --------------------------------------------


def test_asking_the_customer_to_calm_down_is_never_recommended(source, replies):
    for question in source.questions:
        for option in question.options:
            if CALM_DOWN.search(option.text):
                assert not option.correct, question.id
                assert "发泄" in option.feedback, (question.id, option.text)  # its fault is named
    for scenario, node, reply in replies:
        if CALM_DOWN.search(NARRATION.sub("", reply.text)):
            assert reply.verdict == "bad", (scenario.id, node.id, reply.text)
            assert "发泄" in reply.feedback, (scenario.id, node.id, reply.text)


# --- L5-a, L5-c: 您 to a customer, one term each -------------------------------------------


def _said_to_someone(text: str) -> str:
    """A reply without its narration (（转向客户）, stage directions): what the teller says."""
    return NARRATION.sub("", text)


def test_a_teller_says_nin_in_every_reply_and_option(source, replies):
    for scenario, node, reply in replies:
        assert not SINGULAR_YOU.search(_said_to_someone(reply.text)), (scenario.id, node.id, reply.text)
    for question in source.questions:
        quoted = [line for option in question.options for line in re.findall(r"“([^”]*)”", option.text)]
        quoted += re.findall(r"柜员[^“]*说：“([^”]*)”", question.stem)
        for line in quoted:
            assert not SINGULAR_YOU.search(line), (question.id, line)


def test_one_term_each(practice):
    for entry, texts in practice:
        for text in texts:
            assert "离职业务人员" not in text and "3人以上" not in text, (entry.id, text)
            assert not re.search(r"告知投诉人员(?!（)", text.replace("投诉处理人员", "")), (entry.id, text)


# --- E8: the customer's original goes back to the customer ----------------------------


def test_the_customers_note_is_copied_and_the_original_handed_back(source, replies):
    kept = [reply for _, _, reply in replies if "纸条" in reply.text and reply.verdict == "good"]
    assert kept
    for reply in kept:
        assert "复印" in reply.text and "原件请您保管好" in reply.text, reply.text
    crying = _scenario(source, "crying-deceived")
    texts = _texts(crying)
    assert not [text for text in texts if "纸条你们也留了" in text or "作为投诉资料留下来" in text]
    resolved = next(node for node in crying.nodes if node.id == "resolved")
    assert "复印件" in resolved.customer


# --- S4: role-plays ----------------------------------------------------------------------------


def test_one_rule_for_the_good_endings(source):
    """化解: settled at the counter in this conversation; 转交上级: handed on to 上级部门 with
    the 客户沟通记录表. Every path to a good ending agrees with its kind (audit S4-a)."""
    for scenario in source.scenarios:
        endings = {node.id: node.ending for node in scenario.nodes if node.ending in ("化解", "转交上级")}
        paths = _paths(scenario, set(endings))
        assert paths, scenario.id
        for taken, ending in paths:
            good = [reply.text for reply in taken if reply.verdict == "good"]
            handed_on = any("客户沟通记录表" in text and "转交上级部门" in text for text in good)
            assert handed_on == (endings[ending] == "转交上级"), (scenario.id, ending, good)


def test_the_supervisor_looks_up_last_months_record_and_settles_it(source):
    rage = _scenario(source, "rage-banner")
    ending = next(node for node in rage.nodes if node.id == "resolved")
    assert ending.ending == "化解"
    for taken, _ in _paths(rage, {"resolved"}):
        good = [reply.text for reply in taken if reply.verdict == "good"]
        assert any("上个月的登记" in text for text in good)
        assert any("我本人" in text for text in good)  # a named follow-up: 跟踪服务


def test_the_crying_customers_worry_is_answered_and_each_broken_promise_fits_its_path(source):
    crying = _scenario(source, "crying-deceived")
    nodes = {node.id: node for node in crying.nodes}
    answer = next(reply for reply in nodes["worry"].replies if reply.verdict == "good")
    assert "合同条款" in answer.text and "客户沟通记录表" not in answer.text
    into = {}
    for node in crying.nodes:
        for reply in node.replies:
            into.setdefault(reply.next, set()).add(node.id)
    assert into["promise-broken"] == {"asking"}  # “你刚才说得好好的……”
    assert into["loan-promise-broken"] == {"worry"} and "半年后" in nodes["loan-promise-broken"].customer


def test_the_silent_customers_complaint_is_reported_at_once(source):
    silent = _scenario(source, "silent-recordings")
    for taken, _ in _paths(silent, {"resolved"}):
        good = [reply.text for reply in taken if reply.verdict == "good"]
        assert any("风险评估" in text and "第一时间上报上级部门" in text for text in good)


def test_the_former_agent_is_separated_from_the_customer_told_first(source):
    former = _scenario(source, "former-agent")
    nodes = {node.id: node for node in former.nodes}
    first = next(reply for reply in nodes[former.start].replies if reply.verdict == "good")
    assert first.text.startswith("（转向客户）")
    assert nodes[first.next].who == "离职业务员"  # and he does not go quietly


def test_the_group_visits_journalist_is_asked_who_he_is_and_the_learner_acts_as_themself(source):
    group = _scenario(source, "group-media-visit")
    good = [reply.text for node in group.nodes for reply in node.replies if reply.verdict == "good"]
    assert any("证件" in text and "办公室" in text for text in good)
    reception = next(node for node in group.nodes if node.id == "reception")
    assert all(reply.text.startswith("（主管到场后，你") for reply in reception.replies if reply.verdict == "good")


def test_an_excuse_ends_in_the_ending_that_names_it(source):
    rage = _scenario(source, "rage-banner")
    nodes = {node.id: node for node in rage.nodes}
    for node in rage.nodes:
        for reply in node.replies:
            target = nodes[reply.next]
            if target.ending == "升级投诉" and "开脱" in reply.feedback:
                assert "开脱" in target.explanation, (node.id, reply.text)
            elif target.ending == "升级投诉":
                assert "开脱" not in target.explanation, (node.id, reply.text)


def test_type_three_rules_applied_to_the_crying_customer_say_so(source):
    crying = _scenario(source, "crying-deceived")
    for node in crying.nodes:
        for reply in node.replies:
            if "类型三" in reply.feedback:
                assert "同样适用" in reply.feedback, (node.id, reply.text)


# --- Questions ---------------------------------------------------------------------------------


def test_a_right_options_feedback_restates_the_rule(source):
    for question in source.questions:
        for option in question.options:
            if option.correct:
                assert len(option.feedback.removeprefix("对。")) >= 10, (question.id, option.feedback)


def test_no_two_questions_test_the_same_fact(source):
    workdays = [question.id for question in source.questions
                if any("三个工作日" in text for text in [question.stem, *(o.text for o in question.options),
                                                         *question.order, *sum(question.blanks, [])])]
    assert len(workdays) <= 1, workdays
    calm_first = [question.id for question in source.questions if question.teaches.card == "principle-calm-first"]
    assert len(calm_first) == 1, calm_first


def test_the_thinly_covered_points_have_a_question(source):
    texts = [text for question in source.questions for text in _texts(question)]
    assert any("有答案可选的问题" in text for text in texts)
    assert any("追责" in text and "接待人员" in text for text in texts)


def test_questions_with_two_defensible_answers_have_one(source):
    group = _question(source, "risk-group-size")
    assert "按主管的安排" in next(option.text for option in group.options if option.correct)
    trust = _question(source, "principle-trust-agent-promise")
    assert "全额退保" in trust.stem and "利息" in trust.stem  # the restatement puts no words in her mouth
