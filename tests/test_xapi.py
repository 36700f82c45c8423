"""xAPI learning records against a real Ralph LRS on 127.0.0.1, and against a hostile one.

The site is built with xAPI on (CKB_XAPI_ENDPOINT, CKB_XAPI_AUTH) and served by nginx with
the build's headers, so its CSP applies. Retries are made fast through the page's
`window.ckbXapiBackoff`; every wait is on a condition (the page's queue, a count in the LRS).
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from lrs.ralph import basic_auth
from tests.helpers import block, build_site, copy_project, free_port, page_errors, wait_for
from tests.lrs_fixtures import (
    HostileLrs,
    XapiSite,
    answer_question,
    give_learner,
    learner_context,
    make_ralph_site,
    once,
    play_good_ending,
    queue,
    take_exam,
    wait_queue_empty,
)

ADL = "http://adlnet.gov/expapi/"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def questions(source):
    return {question.id: question for question in source.questions}


@pytest.fixture(scope="module")
def taboos(source):
    """The quiz of 处理大忌: its questions, in page order."""
    return [question for question in source.questions if question.chapter == "taboos"]


@pytest.fixture
def ralph_site(request, tmp_path_factory):
    return once(request, "ralph-site", lambda cleanups: make_ralph_site(tmp_path_factory, cleanups))


def config_of(site_dir) -> dict:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    return json.loads(BeautifulSoup(html, "html.parser").find("script", id="ckb-config").string)


def connect_src(site_dir) -> str:
    headers = (site_dir / ".nginx-headers.conf").read_text(encoding="utf-8")
    return re.search(r"connect-src ([^;\"]*)", headers).group(1)


# --- Off unless configured ----------------------------------------------------------------


def test_xapi_is_off_without_configuration_and_the_csp_connects_only_to_the_site(site_dir):
    assert "xapi" not in config_of(site_dir)
    assert connect_src(site_dir) == "'self'"


def test_configured_site_names_the_lrs_in_its_config_and_csp_and_holds_no_read_credential(ralph_site):
    lrs, site = ralph_site
    xapi = config_of(site.dir)["xapi"]
    assert xapi["endpoint"] == lrs.endpoint
    assert xapi["auth"] == basic_auth(lrs.credentials.write)
    assert xapi["activityBase"] == site.url
    assert connect_src(site.dir) == f"'self' http://127.0.0.1:{lrs.port}"
    read_password = lrs.credentials.read.split(":", 1)[1]
    for path in site.dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert read_password.encode() not in content and basic_auth(lrs.credentials.read).encode() not in content


def test_the_sites_credential_can_write_but_not_read(ralph_site):
    import urllib.error
    import urllib.request
    lrs, _ = ralph_site
    request = urllib.request.Request(lrs.endpoint + "statements", headers={
        "Authorization": basic_auth(lrs.credentials.write), "X-Experience-API-Version": "1.0.3"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (401, 403)


def test_xapi_without_site_url_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env={
        "SITE_URL": "", "CKB_XAPI_ENDPOINT": "http://127.0.0.1:9/xAPI/", "CKB_XAPI_AUTH": "site:x"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "ERROR   -  xAPI needs site_url" in output and "Traceback" not in output


def test_a_half_configured_xapi_or_a_bad_pass_mark_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env={
        "SITE_URL": "http://127.0.0.1:9/", "CKB_XAPI_ENDPOINT": "http://127.0.0.1:9/xAPI/"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "ERROR   -  xAPI is half configured: CKB_XAPI_AUTH (extra.xapi.auth) is not set" in output
    mkdocs_yml = project / "mkdocs.yml"
    settings = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(settings.replace("exam_pass_percent: 80", "exam_pass_percent: 180"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "ERROR   -  mkdocs.yml: extra.exam_pass_percent is 180, not 0-100" in output


# --- Against Ralph ---------------------------------------------------------------------------


def test_statements_land_with_actor_verb_object_and_result(browser, ralph_site, taboos, source):
    lrs, site = ralph_site
    context = learner_context(browser)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    first, *rest = taboos
    answer_question(page, first, right=False)
    # Nobody known yet: the statement waits without an actor, and the page asks, without blocking
    waiting = queue(page)
    assert len(waiting) == 1 and "actor" not in waiting[0] and UUID4.match(waiting[0]["id"])
    give_learner(page, "T001", "张三")
    for question in rest:
        answer_question(page, question)
    expect(page.locator(".ckb-quiz__summary")).to_be_visible()
    wait_queue_empty(page)
    play_good_ending(page, site.url)
    wait_queue_empty(page)
    assert errors == []
    context.close()

    stored = wait_for(lambda: (found := lrs.statements("T001")) and len(found) == len(taboos) + 2 and found,
                      message="the quiz's and the role-play's statements in Ralph")
    actor = {"objectType": "Agent", "name": "张三", "account": {"homePage": site.url, "name": "T001"}}
    assert all(statement["actor"] == actor for statement in stored)
    by_object = {statement["object"]["id"]: statement for statement in stored}
    for question in taboos:
        statement = by_object[f"{site.url}xapi/activities/question/{question.id}"]
        assert statement["verb"]["id"] == f"{ADL}verbs/answered"
        definition = statement["object"]["definition"]
        assert definition["type"] == f"{ADL}activities/cmi.interaction"
        assert definition["interactionType"] == {"single": "choice", "multiple": "choice", "true_false": "choice",
                                                 "fill_blank": "fill-in", "ordering": "sequencing"}[question.type]
        assert statement["result"]["success"] is (question is not first)
        assert statement["context"]["contextActivities"]["parent"][0]["id"] == f"{site.url}xapi/activities/quiz/taboos"
        assert statement["context"]["contextActivities"]["grouping"][0]["id"] == site.url
    quiz = by_object[f"{site.url}xapi/activities/quiz/taboos"]
    assert quiz["verb"]["id"] == f"{ADL}verbs/completed"
    assert quiz["object"]["definition"]["type"] == f"{ADL}activities/assessment"
    total = len(taboos)
    scaled = round((total - 1) / total, 4)
    assert quiz["result"]["score"] == {"scaled": scaled, "raw": total - 1, "min": 0, "max": total}
    ending = by_object[f"{site.url}xapi/activities/scenario/rage-banner"]
    assert ending["verb"]["id"] == f"{ADL}verbs/completed"
    assert ending["object"]["definition"]["type"] == f"{ADL}activities/simulation"
    assert ending["result"]["success"] is True and ending["result"]["response"] == "化解"


def test_the_exam_is_passed_or_failed_with_its_score(browser, ralph_site, source):
    lrs, site = ralph_site
    context = learner_context(browser)
    page = context.new_page()
    errors = page_errors(page)
    wrong = {question.id for question in source.questions[:2]}
    take_exam(page, site.url, source.questions, wrong)
    # 交卷 by someone not known yet: every statement waits; the form comes under the score
    assert len(queue(page)) == len(source.questions) + 1
    assert page.locator(".ckb-exam__sheet .ckb-quiz__score + .ckb-learner").count() == 1
    give_learner(page, "E001", "考生")
    wait_queue_empty(page)
    assert errors == []
    context.close()

    total = len(source.questions)
    exam = wait_for(lambda: [s for s in lrs.statements("E001") if s["object"]["id"].endswith("/quiz/exam")],
                    message="the exam's statement")
    assert len(exam) == 1
    assert exam[0]["verb"]["id"] == f"{ADL}verbs/passed"  # (total - 2) / total is above 80 %
    assert exam[0]["result"]["success"] is True
    assert exam[0]["result"]["score"]["raw"] == total - 2 and exam[0]["result"]["score"]["max"] == total
    answered = [s for s in lrs.statements("E001") if s["verb"]["id"] == f"{ADL}verbs/answered"]
    assert len(answered) == total


def test_ralph_stopped_mid_quiz_queues_and_each_statement_arrives_once(browser, ralph_site, taboos):
    lrs, site = ralph_site
    context = learner_context(browser)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    give_learner(page, "Q001", "李四")
    answer_question(page, taboos[1])
    wait_queue_empty(page)

    lrs.stop()
    for question in taboos[2:]:
        answer_question(page, question)
    waiting = queue(page)
    assert len(waiting) == len(taboos) - 2 + 1  # the answers and the completed quiz
    assert all(statement["actor"]["account"]["name"] == "Q001" for statement in waiting)
    page.close()  # leave with the queue full: the next page load sends it

    lrs.start()
    page = context.new_page()
    errors += page_errors(page)
    page.goto(site.url)
    wait_queue_empty(page)

    # An answer lost on the way back: the same statements sent again are stored once
    page.evaluate("""waiting => {
        (ckb.memory || ckbMemory).write("xapi.queue", { version: 1, statements: waiting }); ckb.xapi.flush() }""",
                  waiting)
    wait_queue_empty(page)
    assert errors == []
    context.close()

    stored = lrs.statements("Q001")
    assert len(stored) == len(taboos) + 1
    assert {statement["id"] for statement in waiting} <= {statement["id"] for statement in stored}
    on_disk = [line["id"] for line in lrs.raw_lines() if line["actor"]["account"]["name"] == "Q001"]
    assert sorted(on_disk) == sorted(statement["id"] for statement in stored)  # each exactly once


def test_with_storage_full_statements_wait_in_the_page_and_still_arrive(browser, ralph_site, taboos):
    """A browser whose storage refuses the queue (quota, policy) keeps statements in the page."""
    lrs, site = ralph_site
    context = learner_context(browser)
    context.add_init_script("""(() => {
        const setItem = Storage.prototype.setItem
        Storage.prototype.setItem = function (key, value) {
            if (key.endsWith("ckb.xapi.queue")) throw new DOMException("full", "QuotaExceededError")
            return setItem.call(this, key, value)
        }
    })()""")
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    give_learner(page, "F001", "王五")
    wait_queue_empty(page)
    lrs.stop()
    answer_question(page, taboos[1])
    waiting = queue(page)
    assert len(waiting) == 1 and waiting[0]["actor"]["account"]["name"] == "F001"
    assert page.evaluate("() => Object.keys(localStorage).filter(key => key.endsWith('ckb.xapi.queue'))") == []
    lrs.start()
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    wait_queue_empty(page)
    assert errors == []
    context.close()
    stored = wait_for(lambda: (found := lrs.statements("F001")) and len(found) == 2 and found,
                      message="both answers in Ralph")
    assert {statement["id"] for statement in stored} >= {waiting[0]["id"]}


# --- A hostile LRS ---------------------------------------------------------------------------


@pytest.fixture
def hostile_site(request, tmp_path_factory):
    def make(cleanups):
        port = free_port()
        lrs = HostileLrs(f"http://127.0.0.1:{port}", slow_seconds=2.0)
        cleanups.append(lrs.close)
        site = XapiSite(tmp_path_factory.mktemp("hostile-site"), lrs.endpoint, "site:hostile", port)
        site.serve(port, tmp_path_factory.mktemp("hostile-nginx") / "error.log")
        cleanups.append(site.stop)
        return lrs, site
    return once(request, "hostile-site", make)


def test_a_hostile_lrs_loses_nothing_and_breaks_no_page(browser, hostile_site, taboos):
    lrs, site = hostile_site
    context = learner_context(browser, backoff={"base": 50, "cap": 200, "timeout": 500, "batch": 20})
    context.add_init_script("delete Crypto.prototype.randomUUID")  # as on an http intranet: the fallback
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    give_learner(page, "H001", "王五")
    answer_question(page, taboos[1])
    made = queue(page)
    assert len(made) == 2 and all(UUID4.match(statement["id"]) for statement in made)

    for mode in ("error", "invalid", "slow"):
        lrs.mode = mode
        wait_for(lambda seen=lrs.requests: lrs.requests >= seen + 2, message=f"retries against an LRS answering {mode}")
        assert {statement["id"] for statement in queue(page)} == {statement["id"] for statement in made}, mode
        expect(block(page, taboos[1].id).locator(".ckb-question__result")).not_to_be_empty()  # the page still works

    # A damaged entry in the stored queue is dropped alone
    page.evaluate("""() => {
        const memory = ckb.memory || ckbMemory
        const stored = memory.read("xapi.queue")
        memory.write("xapi.queue", { ...stored, statements: [...stored.statements, { id: "not a uuid" }, 42] }) }""")
    lrs.mode = "ok"
    page.reload()
    wait_queue_empty(page)
    answer_question(page, taboos[2])
    wait_queue_empty(page)
    assert errors == []
    context.close()

    made_ids = {statement["id"] for statement in made}
    assert made_ids < set(lrs.stored) and len(lrs.stored) == 3  # the two made while it misbehaved, and one after
    assert all(lrs.received.count(statement_id) > 1 for statement_id in made_ids)  # sent again and again, kept once
    assert "not a uuid" not in lrs.received


# --- The learner on 我的进度, on a phone ------------------------------------------------------


def test_the_learner_is_asked_once_and_changed_on_the_progress_page_on_a_phone(browser, ralph_site, taboos, tmp_path):
    lrs, site = ralph_site
    context = learner_context(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    prompt = page.get_by_role("complementary", name="学习记录")
    # Between the question answered and the next one: met on the way on, never in the way
    assert block(page, taboos[0].id).evaluate("question => question.nextElementSibling.ariaLabel") == "学习记录"
    prompt.scroll_into_view_if_needed()
    for control in (prompt.get_by_label("工号"), prompt.get_by_role("button", name="保存")):
        assert control.bounding_box()["height"] >= 44
    prompt.get_by_label("工号").fill("有 空格")
    prompt.get_by_role("button", name="保存").click()
    expect(prompt.get_by_role("alert")).to_contain_text("请填写工号")
    page.screenshot(path=tmp_path / "prompt-phone.png")
    give_learner(page, "P001", "赵六")
    answer_question(page, taboos[1])
    expect(page.get_by_role("complementary", name="学习记录")).to_have_count(1)  # asked once, not again

    page.goto(site.url + "progress/")
    learner = page.get_by_role("region", name="学习记录")
    expect(learner.get_by_role("status")).to_contain_text("赵六（工号 P001）")
    expect(learner.get_by_label("工号")).to_have_value("P001")
    learner.get_by_label("工号").fill("P002")
    learner.get_by_label("姓名").fill("赵六六")
    learner.get_by_role("button", name="保存").click()
    expect(learner.get_by_role("status")).to_contain_text("赵六六（工号 P002）")
    page.screenshot(path=tmp_path / "progress-phone.png", full_page=False)
    page.reload()
    expect(page.get_by_role("region", name="学习记录").get_by_label("姓名")).to_have_value("赵六六")
    wait_queue_empty(page)
    assert errors == []
    context.close()
    made_by = {s["actor"]["account"]["name"] for s in lrs.statements() if s["actor"]["name"].startswith("赵六")}
    assert made_by == {"P001"}  # the change names the next statements, not those sent


def test_a_damaged_learner_record_is_dropped_and_asked_again(browser, ralph_site, taboos):
    lrs, site = ralph_site
    context = learner_context(browser)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url)
    page.evaluate("""() => (ckb.memory || ckbMemory).write("xapi.learner", { version: 1, id: "bad id!", name: "" })""")
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    expect(page.get_by_role("complementary", name="学习记录")).to_be_visible()
    assert page.evaluate("() => ckb.xapi.learner()") is None
    assert errors == []
    context.close()

