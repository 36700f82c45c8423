"""Quizzes in headless Chromium: grading, score, retry, exam, memory, keyboard, print, axe."""

import re
from importlib.resources import files

import pytest
from playwright.sync_api import expect

from tests.test_browser import watch

AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
PAGES = ["", "quick/", "origins/", "risk-signals/", "customer-types/", "principles/", "taboos/", "six-steps/",
         "summary/", "scenarios/", "exam/", "progress/", "answers/", "trainer-guide/", "record-form/"]


@pytest.fixture(scope="module")
def questions(source):
    return {question.id: question for question in source.questions}


def block(page, question_id):
    return page.locator(f".ckb-question[data-question='{question_id}']")


def answer(page, question, right=True):
    """Answer through the page as a learner would: click options, type, move items."""
    section = block(page, question.id)
    if question.options:
        wanted = [i for i, option in enumerate(question.options) if option.correct == right]
        if question.type != "multiple":
            wanted = wanted[:1]
        for index in wanted:
            section.locator(".ckb-option__input").nth(index).check()
    elif question.blanks:
        for index, accepted in enumerate(question.blanks):
            section.locator(".ckb-blank__input").nth(index).fill(accepted[0] if right else "不知道")
    else:
        order_items(section, question.order if right else list(reversed(question.order)))


def order_items(section, order):
    for position, text in enumerate(order):
        item = section.locator(".ckb-order__item", has_text=text)
        while section.locator(".ckb-order__text").nth(position).inner_text() != text:
            item.get_by_role("button", name=f"上移：{text}").click()


def submit(page, question_id):
    block(page, question_id).get_by_role("button", name="提交").click()


def result_of(page, question_id):
    return block(page, question_id).locator(".ckb-question__result")


# --- Grading ----------------------------------------------------------------


def test_wrong_then_right_with_feedback_explanation_link_score_and_retry(page, site_url, questions, source):
    page.goto(site_url + "taboos/")
    first = questions["taboo-empty-promise"]
    answer(page, first, right=False)
    submit(page, first.id)

    section = block(page, first.id)
    expect(result_of(page, first.id)).to_contain_text("✘ 回答错误")
    chosen = section.locator(".ckb-option.ckb-option--wrong")
    expect(chosen.locator(".ckb-option__verdict")).to_have_text("✘ 错误")
    expect(chosen.locator(".ckb-option__feedback")).to_be_visible()
    expect(section.locator(".ckb-answer__explanation")).to_be_visible()
    expect(section.locator(".ckb-answer__teaches a")).to_have_attribute("href", re.compile("/taboos/#taboo-promise$"))

    taboo_questions = [q for q in source.questions if q.chapter == "taboos"]
    for question in taboo_questions:
        if question.id != first.id:
            answer(page, question)
            submit(page, question.id)
    summary = page.locator(".ckb-quiz__score")
    expect(summary).to_have_text(f"本章测验完成：答对 {len(taboo_questions) - 1} / {len(taboo_questions)}")

    section.locator(".ckb-option__input").nth(0).check()
    submit(page, first.id)
    expect(result_of(page, first.id)).to_contain_text("✔ 回答正确")
    expect(section.locator(".ckb-option--right .ckb-option__verdict")).to_have_text("✔ 正确")
    expect(summary).to_have_text(f"本章测验完成：答对 {len(taboo_questions)} / {len(taboo_questions)}")

    page.get_by_role("button", name="重做").click()
    expect(page.locator(".ckb-quiz__summary")).to_be_hidden()
    expect(page.locator(".ckb-option__input:checked")).to_have_count(0)
    expect(page.locator(".ckb-question__result:not(:empty)")).to_have_count(0)
    expect(section.locator(".ckb-answer__explanation")).to_be_hidden()


def test_partial_multiple_choice_names_what_is_missing_and_wrong(page, site_url, questions):
    page.goto(site_url + "origins/")
    question = questions["origins-five-benefits"]
    inputs = block(page, question.id).locator(".ckb-option__input")
    inputs.nth(0).check()
    inputs.nth(1).check()
    submit(page, question.id)
    expect(result_of(page, question.id)).to_contain_text("部分正确：漏选 D")
    expect(block(page, question.id).locator(".ckb-option--missed")).to_have_count(1)

    inputs.nth(2).check()
    submit(page, question.id)
    expect(result_of(page, question.id)).to_contain_text("回答错误：漏选 D；错选 C")


@pytest.mark.parametrize(("typed", "verdict"), [
    ("百分之八十", "✔ 回答正确"),
    ("  ８０％ ", "✔ 回答正确"),
    ("70%", "✘ 回答错误：第 1 空不对"),
])
def test_fill_in_the_blank_accepts_alternatives_and_full_width(page, site_url, typed, verdict):
    page.goto(site_url + "six-steps/")
    block(page, "step-listening-blank").locator(".ckb-blank__input").fill(typed)
    submit(page, "step-listening-blank")
    expect(result_of(page, "step-listening-blank")).to_contain_text(verdict)


def test_fill_in_two_blanks_with_alternative_answers(page, site_url):
    page.goto(site_url + "principles/")
    blanks = block(page, "principle-record-form").locator(".ckb-blank__input")
    blanks.nth(0).fill("沟通记录表")
    blanks.nth(1).fill("3个工作日")
    submit(page, "principle-record-form")
    expect(result_of(page, "principle-record-form")).to_contain_text("✔ 回答正确")


def test_ordering_by_keyboard(page, site_url, questions):
    page.goto(site_url + "six-steps/")
    question = questions["step-order-six-steps"]
    section = block(page, question.id)
    for position, text in enumerate(question.order):
        section.get_by_role("button", name=f"上移：{text}").focus()
        while section.locator(".ckb-order__text").nth(position).inner_text() != text:
            page.keyboard.press("Enter")
            expect(section.get_by_role("button", name=f"上移：{text}")).to_be_focused()
    expect(result_of(page, question.id)).to_contain_text("已移到第")
    section.get_by_role("button", name="提交").focus()
    page.keyboard.press("Enter")
    expect(result_of(page, question.id)).to_contain_text("✔ 回答正确")


def test_submission_dispatches_quiz_submitted_event(page, site_url, questions):
    page.goto(site_url + "taboos/")
    page.evaluate("""() => { window.submitted = [];
        document.addEventListener('quiz:submitted', event => window.submitted.push(event.detail)) }""")
    answer(page, questions["taboo-escalation"], right=False)
    submit(page, "taboo-escalation")
    assert page.evaluate("window.submitted") == [
        {"quizId": "taboos", "questionId": "taboo-escalation", "correct": False}]


# --- Exam -------------------------------------------------------------------


def test_exam_flags_requires_every_answer_and_shows_an_answer_sheet(page, site_url, source):
    page.goto(site_url + "exam/")
    page.evaluate("""() => { window.submitted = [];
        document.addEventListener('quiz:submitted', event => window.submitted.push(event.detail)) }""")
    flagged = source.questions[2]
    block(page, flagged.id).get_by_role("button", name="⚑ 标记此题").click()
    entry = page.locator(f".ckb-exam__entry[data-question='{flagged.id}']")
    expect(entry).to_contain_text("⚑ 已标记")
    expect(block(page, flagged.id).locator(".ckb-question__flag")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="交卷").click()
    expect(page.locator(".ckb-exam__status")).to_contain_text(f"还有 {len(source.questions)} 题未作答")

    wrong = {source.questions[0].id, flagged.id}
    for question in source.questions:
        answer(page, question, right=question.id not in wrong)
    expect(entry).to_contain_text("已答 · ⚑ 已标记")
    page.get_by_role("button", name="交卷").click()

    sheet = page.locator(".ckb-exam__sheet")
    expect(sheet.get_by_role("heading", name="答题卡")).to_be_focused()
    total = len(source.questions)
    expect(sheet.locator(".ckb-quiz__score")).to_have_text(f"综合测验：答对 {total - 2} / {total}")
    results = sheet.locator(".ckb-exam__results li")
    expect(results).to_have_count(total)
    kinds = {"single": "单选", "multiple": "多选", "true_false": "判断", "fill_blank": "填空", "ordering": "排序"}
    first, second = source.questions[:2]
    expect(results.nth(0)).to_have_text(f"第 1 题 · {kinds[first.type]} · 投诉的产生 ✘ 错误")
    expect(results.nth(1)).to_have_text(f"第 2 题 · {kinds[second.type]} · 投诉的产生 ✔ 正确")
    expect(page.get_by_role("button", name="⚑ 标记此题")).to_have_count(0)
    expect(results.nth(0).locator("a")).to_have_attribute("href", re.compile(f"#q-{source.questions[0].id}$"))
    expect(page.locator(".ckb-question__fieldset:disabled")).to_have_count(total)
    assert len(page.evaluate("window.submitted")) == total

    page.reload()
    expect(page.locator(".ckb-exam__sheet .ckb-quiz__score")).to_have_text(f"综合测验：答对 {total - 2} / {total}")


# --- Memory -----------------------------------------------------------------


def test_progress_is_remembered_shown_marked_in_nav_and_cleared(page, site_url, source):
    page.goto(site_url + "taboos/")
    taboo_questions = [q for q in source.questions if q.chapter == "taboos"]
    for question in taboo_questions:
        answer(page, question)
        submit(page, question.id)
    total = len(taboo_questions)

    page.reload()
    expect(page.locator(".ckb-option__input:checked")).not_to_have_count(0)
    expect(result_of(page, taboo_questions[0].id)).to_contain_text("✔ 回答正确")
    expect(page.locator(".ckb-quiz__score")).to_have_text(f"本章测验完成：答对 {total} / {total}")

    page.goto(site_url + "progress/")
    row = page.locator(".ckb-progress__row[data-memory='quiz.taboos']")
    expect(row.locator(".ckb-progress__last")).to_have_text(f"{total} / {total}")
    expect(row.locator(".ckb-progress__best")).to_have_text(f"{total} / {total}")
    nav_link = page.locator(".md-nav--primary a.md-nav__link[href$='taboos/']").first
    expect(nav_link.locator(".ckb-nav-done")).to_have_count(1)
    expect(nav_link).to_contain_text("本章测验已完成")

    page.get_by_role("button", name="清除我的进度").click()
    expect(row.locator(".ckb-progress__last")).to_have_text("—")
    expect(nav_link.locator(".ckb-nav-done")).to_have_count(0)
    page.goto(site_url + "taboos/")
    expect(page.locator(".ckb-option__input:checked")).to_have_count(0)


def test_changed_question_forgets_only_its_own_answer(page, site_url, questions):
    page.goto(site_url + "taboos/")
    for question_id in ("taboo-escalation", "taboo-rush-customer"):
        answer(page, questions[question_id])
        submit(page, question_id)
    key = page.evaluate("Object.keys(localStorage).find(k => k.endsWith('ckb.quiz.taboos'))")
    record = page.evaluate(f"JSON.parse(localStorage.getItem('{key}'))")
    record["answers"]["taboo-escalation"]["version"] = "an-old-one"
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))", [key, record])

    page.reload()
    expect(result_of(page, "taboo-escalation")).to_have_text("")
    expect(result_of(page, "taboo-rush-customer")).to_contain_text("✔ 回答正确")


def test_quiz_grades_when_storage_is_unavailable(browser, site_url, questions):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('storage is disabled', 'SecurityError') } })""")
    page = context.new_page()
    page.goto(site_url + "taboos/")
    answer(page, questions["taboo-escalation"])
    submit(page, "taboo-escalation")
    expect(result_of(page, "taboo-escalation")).to_contain_text("✔ 回答正确")
    context.close()


# --- Navigation, keyboard, print, errors, accessibility ----------------------


def test_quiz_works_after_instant_navigation_back_and_forward(page, site_url, questions):
    page.goto(site_url)
    page.evaluate("window.stillTheSameDocument = true")
    page.locator(".md-nav--primary a.md-nav__link", has_text="处理大忌").first.click()
    expect(page).to_have_url(re.compile("taboos/$"))
    assert page.evaluate("window.stillTheSameDocument") is True  # instant navigation, no reload

    answer(page, questions["taboo-escalation"])
    submit(page, "taboo-escalation")
    expect(result_of(page, "taboo-escalation")).to_contain_text("✔ 回答正确")

    page.go_back()
    expect(page).to_have_url(site_url)
    page.go_forward()
    expect(page).to_have_url(re.compile("taboos/$"))
    expect(result_of(page, "taboo-escalation")).to_contain_text("✔ 回答正确")
    answer(page, questions["taboo-rush-customer"], right=False)
    submit(page, "taboo-rush-customer")
    expect(result_of(page, "taboo-rush-customer")).to_contain_text("✘ 回答错误")
    assert page.evaluate("window.stillTheSameDocument") is True


def test_keyboard_alone_completes_a_quiz(page, site_url, source):
    page.goto(site_url + "taboos/")
    page.locator("#quiz .headerlink").focus()
    for question in (q for q in source.questions if q.chapter == "taboos"):
        section = block(page, question.id)
        tab_until(page, section.locator(".ckb-option__input").first)
        correct = [i for i, option in enumerate(question.options) if option.correct]
        if question.type == "multiple":
            for index in range(len(question.options)):
                if index in correct:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        else:
            page.keyboard.press("Space" if correct[0] == 0 else "ArrowDown")
            for _ in range(correct[0] - 1):
                page.keyboard.press("ArrowDown")
        tab_until(page, section.get_by_role("button", name="提交"))
        page.keyboard.press("Enter")
        expect(result_of(page, question.id)).to_contain_text("✔ 回答正确")
        expect(section.get_by_role("button", name="提交")).to_be_focused()
    expect(page.locator(".ckb-quiz__score")).to_contain_text("答对 5 / 5")


def tab_until(page, target, limit=30):
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_quiz_page_prints_as_a_worksheet_without_answers(page, site_url, questions):
    page.goto(site_url + "taboos/")
    answer(page, questions["taboo-escalation"])
    submit(page, "taboo-escalation")
    page.emulate_media(media="print")
    expect(page.locator(".ckb-question__stem").first).to_be_visible()
    expect(page.locator(".ckb-option__text").first).to_be_visible()
    for hidden in (".ckb-answer", ".ckb-question__result", ".ckb-question__actions", ".ckb-option__verdict"):
        expect(page.locator(hidden).first).to_be_hidden()


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_console_error(page, site_url, path):
    seen = watch(page, site_url)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert seen == {"errors": [], "foreign": []}


@pytest.mark.parametrize("path", ["quick/", "origins/", "customer-types/", "principles/", "six-steps/", "scenarios/",
                                  "exam/", "progress/", "answers/", "trainer-guide/", "record-form/",
                                  "customer-types/?projection=card-type-rage"])
def test_axe_finds_no_serious_or_critical_violation(page, site_url, path):
    page.goto(site_url + path)
    page.add_script_tag(content=AXE_SCRIPT)
    violations = page.evaluate("async () => (await axe.run(document)).violations"
                               ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
