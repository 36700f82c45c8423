"""Quiz markup in the built site: accessible without JavaScript, complete on every page."""

import pytest

# Every question is on its chapter's page and again in the exam.
PAGE_OF = {
    "chapter": lambda question: f"{question.chapter}/",
    "exam": lambda question: "exam/",
}


@pytest.mark.parametrize("where", PAGE_OF)
def test_each_question_is_a_fieldset_with_legend_and_labelled_inputs(where, source, soup_of):
    for question in source.questions:
        soup = soup_of(PAGE_OF[where](question))
        block = soup.find(id=f"q-{question.id}").find_parent(class_="ckb-question")
        fieldset = block.select_one("form fieldset")
        assert fieldset.legend.get_text(strip=True), question.id
        inputs = fieldset.select("input")
        assert all(field.find_parent("label") for field in inputs), question.id
        expected_type = {"multiple": "checkbox", "fill_blank": "text"}.get(question.type, "radio")
        if question.type != "ordering":
            assert {field["type"] for field in inputs} == {expected_type}, question.id
        else:
            items = fieldset.select(".ckb-order__item")
            assert sorted(item.select_one(".ckb-order__text").get_text() for item in items) == sorted(question.order)
            assert all(len(item.select("button[aria-label]")) == 2 for item in items)
        assert block.select_one("[role=status]") is not None


def test_ordering_questions_never_start_in_the_right_order(source, soup_of):
    for question in (q for q in source.questions if q.type == "ordering"):
        block = soup_of(f"{question.chapter}/").find(id=f"q-{question.id}").find_parent(class_="ckb-question")
        shown = [item.select_one(".ckb-order__text").get_text() for item in block.select(".ckb-order__item")]
        assert shown != list(question.order)


def test_exam_gathers_every_question_once(source, soup_of):
    exam = soup_of("exam/").select_one(".ckb-quiz[data-mode=exam]")
    assert [block["data-question"] for block in exam.select(".ckb-question")] == [q.id for q in source.questions]
    assert len(exam.select(".ckb-exam__entry a")) == len(source.questions)


def test_answer_page_lists_every_question_with_answer_and_explanation(source, soup_of):
    soup = soup_of("answers/")
    for question in source.questions:
        item = soup.find(id=f"answer-{question.id}").find_parent(class_="ckb-answer-key__item")
        text = item.get_text()
        assert question.explanation in text
        assert item.select_one(".ckb-answer__key").get_text().startswith("正确答案：")


def test_progress_page_lists_every_chapter_quiz_and_the_exam(source, soup_of):
    rows = soup_of("progress/").select(".ckb-progress__row[data-kind=quiz]")
    chapters = list(dict.fromkeys(question.chapter for question in source.questions))
    assert [row["data-memory"] for row in rows] == [f"quiz.{chapter}" for chapter in [*chapters, "exam"]]
    scenario_rows = soup_of("progress/").select(".ckb-progress__row[data-kind=scenario]")
    assert [row["data-memory"] for row in scenario_rows] == [f"scenario.{s.id}" for s in source.scenarios]


def test_exam_and_answers_stay_out_of_search(search_index):
    locations = {entry["location"].split("#")[0] for entry in search_index["docs"]}
    assert not locations & {"exam/", "answers/", "quick/", "scenarios/"}
    assert not [entry["location"] for entry in search_index["docs"] if "正确答案" in entry["text"]]
