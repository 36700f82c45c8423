"""make staff-words: which words of the tuning half's queries it proposes for a card or section."""

from tests.staff_words import block, propose

DOCS = [{"id": "taboos#taboo-neglect", "title": "大忌：怠慢客户", "keys": "", "body": "冷落客户，让客户久等"},
        {"id": "step-1-let-vent", "title": "步骤一：让顾客发泄", "keys": "倾听", "body": "不要打断客户"},
        {"id": "step-3-gather-information", "title": "步骤三：收集信息", "keys": "", "body": "问清楚经过"}]


def said(*words, emergency=()):
    return [(word, word in emergency) for word in words]


def test_a_word_of_two_queries_for_one_answer_only_is_proposed():
    examples = [(said("晾着", "客户"), "taboos#taboo-neglect"), (said("晾着", "半天"), "taboos#taboo-neglect"),
                (said("插话"), "step-1-let-vent")]
    assert propose(examples, DOCS) == {"taboos#taboo-neglect": ["晾着"]}


def test_a_word_said_for_several_answers_or_already_in_the_text_is_not():
    examples = [(said("半天", "冷落客户"), "taboos#taboo-neglect"), (said("半天", "冷落客户"), "taboos#taboo-neglect"),
                (said("半天"), "step-1-let-vent"), (said("打断"), "step-1-let-vent"), (said("打断"), "step-1-let-vent")]
    assert propose(examples, DOCS) == {}


def test_an_emergency_or_a_word_holding_a_broad_rare_word_is_not():
    # 到底 is said for three answers alike and no document holds it: 到底要什么 would make it look rare
    examples = [(said("到底要什么", "到底"), "step-3-gather-information")] * 2 + [
        (said("到底"), "step-1-let-vent")] * 2 + [(said("到底"), "taboos#taboo-neglect")] * 2 + [
        (said("晕倒了", emergency=("晕倒了",)), "taboos#taboo-neglect")] * 2
    assert propose(examples, DOCS) == {}


def test_the_block_keeps_the_words_training_yml_has_and_adds_the_new():
    text = block({"step-1-let-vent": ["插嘴"]}, {"step-1-let-vent": ["插话"], "taboos#taboo-neglect": ["晾着"]}, DOCS)
    assert text.splitlines() == ["  staff_words:", "    taboos#taboo-neglect: [晾着]  # new: 晾着",
                                 "    step-1-let-vent: [插嘴, 插话]  # new: 插话"]
