"""xAPI learning records against a real Ralph LRS on 127.0.0.1, and against a hostile one.

The site is built with xAPI on (CKB_XAPI=login or self) and served by nginx with
deploy/nginx.conf and the build's headers, so its CSP applies and nginx forwards the
statements to the LRS with the credential (the page holds none) and, behind the login (two
local learners and a trainer in an htpasswd file), the learner. Retries are made fast
through the page's `window.ckbXapiBackoff`; every wait is on a condition (the page's queue,
a count in the LRS, the network gone quiet).
"""

import base64
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from lrs.ralph import basic_auth
from lrs.report import IDENTITY_LOGIN, summarise
from macros.contracts import XAPI_SCRIPTS
from tests.helpers import block, build_in_process, build_site, copy_project, free_port, page_errors, wait_for
from tests.lrs_fixtures import (
    HostileLrs,
    XapiSite,
    answer_question,
    give_learner,
    learner_context,
    make_login_site,
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


@pytest.fixture
def login_site(request, tmp_path_factory):
    return once(request, "login-site", lambda cleanups: make_login_site(tmp_path_factory, cleanups))


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


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.parametrize("fixture", ["login_site", "ralph_site"])
def test_a_site_built_with_xapi_holds_no_credential_and_sends_to_its_own_server(request, fixture):
    built = request.getfixturevalue(fixture)
    lrs, site = (built.lrs, built.site) if fixture == "login_site" else built
    xapi = config_of(site.dir)["xapi"]
    assert xapi["endpoint"] == "/xapi/" and xapi["activityBase"] == site.url
    assert xapi["identity"] == ("login" if fixture == "login_site" else "self")
    assert "auth" not in xapi
    assert connect_src(site.dir) == "'self'"
    secrets = set()
    for user_and_password in (lrs.credentials.write, lrs.credentials.read):
        encoded = base64.b64encode(user_and_password.encode()).decode()
        secrets |= {user_and_password, user_and_password.split(":", 1)[1], encoded, encoded.rstrip("=")}
    files = [path for path in site.dir.rglob("*") if path.is_file()]
    assert len(files) > 50 and any(re.fullmatch(r"ckb-xapi\.[0-9a-f]{8}\.min\.js", path.name) for path in files)
    holding = [(path.name, secret) for path in files for secret in secrets if secret.encode() in path.read_bytes()]
    assert holding == []


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
def test_with_xapi_on_every_page_loads_its_scripts_named_by_their_content(ralph_site):
    _, site = ralph_site
    pages = [path for path in site.dir.rglob("*.html") if 'id="ckb-config"' in path.read_text(encoding="utf-8")]
    assert len(pages) > 15
    for page in pages:
        names = {re.sub(r"\.[0-9a-f]{8}\.min\.js$", ".js", script["src"].rsplit("/", 1)[-1])
                 for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("script[src]")}
        assert set(XAPI_SCRIPTS) <= names, page


def test_a_credential_given_to_the_build_stops_it_in_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site", cwd=tmp_path, extra_env={
        "SITE_URL": "http://127.0.0.1:9/", "CKB_XAPI": "self", "CKB_XAPI_AUTH": "site:secret"})
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output and "site:secret" not in output
    assert "ERROR   -  CKB_XAPI_AUTH is set, but the LRS credential never goes into the site" in output
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
def test_the_sites_credential_can_write_but_not_read(ralph_site):
    lrs, _ = ralph_site
    request = urllib.request.Request(lrs.endpoint + "statements", headers={
        "Authorization": basic_auth(lrs.credentials.write), "X-Experience-API-Version": "1.0.3"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code in (401, 403)


def _build_stops(project, tmp_path, monkeypatch, variables: dict) -> str:
    """The project built in this process (helpers.build_in_process) with these variables set:
    it stops; what it said. A subprocess build prints the same lines (test_build_failures.py)."""
    for name in ("CKB_XAPI", "CKB_XAPI_PATH", "CKB_XAPI_AUTH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    built, output = build_in_process(project, tmp_path / "site")
    assert not built, output
    assert not (tmp_path / "site" / "index.html").exists()
    return output


def test_xapi_without_site_url_stops_the_build(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    output = _build_stops(project, tmp_path, monkeypatch, {"SITE_URL": "", "CKB_XAPI": "login"})
    assert "ERROR   -  xAPI needs site_url" in output


def test_an_unknown_identity_a_foreign_path_or_a_bad_pass_mark_is_one_line(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    for variables, message in [
        ({"CKB_XAPI": "sso"}, "ERROR   -  CKB_XAPI (extra.xapi.identity) is 'sso': 'login' where the web server"),
        ({"CKB_XAPI": "self", "CKB_XAPI_PATH": "https://lrs.example/xAPI/"},
         "ERROR   -  CKB_XAPI_PATH (extra.xapi.path) must be a path on the site's own server"),
    ]:
        output = _build_stops(project, tmp_path, monkeypatch, {"SITE_URL": "http://127.0.0.1:9/", **variables})
        assert message in output, output
    mkdocs_yml = project / "mkdocs.yml"
    settings = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(settings.replace("exam_pass_percent: 80", "exam_pass_percent: 180"), encoding="utf-8")
    output = _build_stops(project, tmp_path, monkeypatch, {})
    assert "ERROR   -  mkdocs.yml: extra.exam_pass_percent is 180, not 0-100" in output


# --- Against Ralph, without a login (self-declared 工号) ------------------------------------


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
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


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
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


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
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
        lrs = HostileLrs(slow_seconds=2.0)
        cleanups.append(lrs.close)
        site = XapiSite(tmp_path_factory.mktemp("hostile-site"), "self", free_port())
        site.serve(lrs.endpoint, "site:hostile")
        cleanups.append(site.stop)
        return lrs, site
    return once(request, "hostile-site", make)


@pytest.mark.build
@pytest.mark.nginx
@pytest.mark.browser
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


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
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


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
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


# --- Through nginx behind the login: two local learners and a trainer --------------------------


def as_user(browser, login_site, user, **options):
    """A browser of one user of the login (the browser answers nginx's login with them)."""
    return learner_context(browser, http_credentials={"username": user, "password": login_site.passwords[user]},
                           **options)


def statement(site_url, learner=None, verb="answered"):
    """One statement as xapi.js makes it, naming `learner` (None: no actor, the login's is given)."""
    made = {"id": str(uuid.uuid4()), "verb": {"id": f"{ADL}verbs/{verb}"},
            "object": {"id": f"{site_url}xapi/activities/question/curl", "objectType": "Activity"},
            "timestamp": "2026-11-25T01:00:00.000Z"}
    if learner:
        made["actor"] = {"objectType": "Agent", "account": {"homePage": site_url, "name": learner}}
    return made


def post(url, body, user=None, password=None, method="POST", source="127.0.0.1", headers=None):
    """Status and body of one request to nginx, from a loopback address of its own (the client)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10, source_address=(source, 0))
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", **(headers or {})}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    try:
        connection.request(method, parts.path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_the_logins_statements_land_with_the_login_as_actor_and_no_box_asks(browser, login_site, taboos):
    lrs, site = login_site.lrs, login_site.site
    context = as_user(browser, login_site, "A0001")
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    for question in taboos:
        answer_question(page, question)
    wait_queue_empty(page)
    assert page.get_by_role("complementary", name="学习记录").count() == 0  # no 工号 box: the login says who
    page.goto(site.url + "progress/")
    records = page.get_by_role("region", name="学习记录")
    expect(records.get_by_role("status")).to_have_text("发送身份：工号 A0001（内网登录）。")
    assert records.get_by_label("工号").count() == 0
    assert errors == []
    context.close()

    stored = wait_for(lambda: (found := lrs.statements("A0001")) and len(found) == len(taboos) + 1 and found,
                      message="A0001's quiz in Ralph")
    actor = {"objectType": "Agent", "account": {"homePage": site.url, "name": "A0001"}}
    assert all(s["actor"] == actor for s in stored)
    assert all(s["context"]["extensions"][f"{site.url}xapi/extensions/login"] == "A0001" for s in stored)
    learners = {learner.id: learner for learner in summarise(lrs.statements()).learners}
    assert learners["A0001"].identity == IDENTITY_LOGIN


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
def test_a_statement_naming_someone_else_is_refused_and_without_the_login_nothing_goes(login_site):
    lrs, site = login_site.lrs, login_site.site
    endpoint = site.url + "xapi/statements"
    password = login_site.passwords["A0001"]
    before = len(lrs.statements())
    # Sent as A0001, naming A0002: refused whole, nothing stored
    status, body = post(endpoint, [statement(site.url, "A0001"), statement(site.url, "A0002", "passed")],
                        "A0001", password)
    assert status == 403 and "names account 'A0002'" in json.loads(body)["detail"], body
    # The browser cannot name the learner itself: nginx sends only the login's
    spoofed = post(endpoint, [statement(site.url, "A0002")], "A0001", password, headers={"X-CKB-Learner": "A0002"})
    assert spoofed[0] == 403, spoofed
    assert post(site.url + "xapi/me", None, "A0001", password, method="GET",
                headers={"X-CKB-Learner": "A0002"}) == (200, "A0001")
    # Named otherwise than by the account: refused too
    by_mail = {**statement(site.url), "actor": {"objectType": "Agent", "mbox": "mailto:a0002@example.com"}}
    assert post(endpoint, [by_mail], "A0001", password)[0] == 403
    # A mark of the login written by the sender itself is not taken for one
    forged = statement(site.url)
    forged["context"] = {"extensions": {"http://elsewhere.example/xapi/extensions/login": "A0002"}}
    # Without an actor: stored as A0001's
    status, body = post(endpoint, [forged], "A0001", password)
    assert status == 200 and json.loads(body) == [forged["id"]]
    # Without the login, or with a wrong password: refused by nginx, never forwarded
    assert post(endpoint, [statement(site.url, "A0002")])[0] == 401
    assert post(endpoint, [statement(site.url, "A0002")], "A0002", "wrong")[0] == 401
    assert post(site.url + "xapi/me", None, method="GET")[0] == 401
    # Only POST to the statements resource: reading, or anything else of the LRS, is not passed on
    assert post(endpoint, None, "A0001", password, method="GET")[0] == 403
    assert post(site.url + "xapi/activities/state", [], "A0001", password)[0] == 404
    # The page learns who it is from the login
    assert post(site.url + "xapi/me", None, "A0002", login_site.passwords["A0002"], method="GET") == (200, "A0002")

    stored = wait_for(lambda: (found := lrs.statements()) and len(found) == before + 1 and found,
                      message="the one statement sent rightly")
    assert lrs.statements("A0002") == []
    kept = next(s for s in stored if s["id"] == forged["id"])
    assert kept["actor"]["account"] == {"homePage": site.url, "name": "A0001"}
    assert kept["context"]["extensions"] == {f"{site.url}xapi/extensions/login": "A0001"}
    print(f"\nrefused: 3 requests naming another learner (4 statements), 3 without the login; stored: 1; "
          f"in Ralph for A0002: {len(lrs.statements('A0002'))}")


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
def test_the_rate_limit_holds_per_client(login_site):
    """A bounded loop from 127.0.0.2: past the burst, 429; 127.0.0.1, another client, is still served."""
    site = login_site.site
    endpoint, password = site.url + "xapi/statements", login_site.passwords["A0001"]
    began = time.monotonic()
    statuses = [post(endpoint, [], "A0001", password, source="127.0.0.2")[0] for _ in range(60)]
    elapsed = time.monotonic() - began
    passed = [status for status in statuses if status != 429]
    print(f"\nrate limit: 60 requests in {elapsed:.2f} s from one client: {len(passed)} passed, "
          f"{statuses.count(429)} answered 429")
    assert statuses.count(429) > 0 and set(passed) == {400}  # [] reaches Ralph, which refuses it as empty
    assert 21 <= len(passed) <= 21 + 2 * elapsed + 1  # the burst, then 2 a second
    assert statuses.index(429) >= 20
    assert post(endpoint, [], "A0001", password, source="127.0.0.1")[0] == 400  # another client: served


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_with_the_lrs_down_statements_queue_and_each_arrives_once(browser, login_site, taboos):
    lrs, site = login_site.lrs, login_site.site
    context = as_user(browser, login_site, "A0002")
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    answer_question(page, taboos[1])
    wait_queue_empty(page)

    lrs.stop()
    for question in taboos[2:]:
        answer_question(page, question)
    waiting = queue(page)
    assert len(waiting) == len(taboos) - 2 + 1  # the answers and the completed quiz
    assert all(statement["actor"]["account"]["name"] == "A0002" for statement in waiting)
    page.close()  # leave with the queue full: the next page load sends it

    lrs.start()
    page = context.new_page()
    errors += page_errors(page)
    page.goto(site.url)
    wait_queue_empty(page)

    # An answer lost on the way back: the same statements sent again are stored once
    page.evaluate("""waiting => {
        ckb.memory.write("xapi.queue", { version: 1, statements: waiting }); ckb.xapi.flush() }""", waiting)
    wait_queue_empty(page)
    assert errors == []
    context.close()

    stored = lrs.statements("A0002")
    assert len(stored) == len(taboos) + 1
    assert {statement["id"] for statement in waiting} <= {statement["id"] for statement in stored}
    on_disk = [line["id"] for line in lrs.raw_lines() if line["actor"]["account"]["name"] == "A0002"]
    assert sorted(on_disk) == sorted(statement["id"] for statement in stored)  # each exactly once


# Counts the page's POSTs of statements as they are made (fetch is called synchronously by a
# retry's timer, so once the page's clock has run, the count is complete).
COUNT_POSTS = """(() => {
  const fetch = window.fetch
  window.ckbPosts = 0
  window.fetch = function (resource, options) {
    if (String(resource).endsWith("/xapi/statements")) window.ckbPosts += 1
    return fetch.call(this, resource, options)
  }
})()"""
TEN_MINUTES = 10 * 60 * 1000


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_a_refused_credential_stops_sending_says_so_and_loses_nothing_on_a_phone(browser, login_site, taboos, tmp_path):
    """nginx with a wrong LRS credential: Ralph answers 401. Sending stops (ten minutes of the
    page's clock bring no retry; a new page tries once), 我的进度 says why, and once the
    credential is right everything arrives, once."""
    lrs, site = login_site.lrs, login_site.site
    port = free_port()
    url = site.serve(lrs.endpoint, "site:wrong-password", port=port, login=login_site.login,
                     trainers=login_site.trainers)
    context = as_user(browser, login_site, "A0001", viewport={"width": 360, "height": 740}, is_mobile=True,
                      has_touch=True)
    context.add_init_script(COUNT_POSTS)
    page = context.new_page()
    page.clock.install()  # timers run as usual until run_for moves them on
    errors = page_errors(page)
    page.goto(url + "taboos/")
    answer_question(page, taboos[0])
    page.wait_for_function("() => ckb.xapi.blocked() === '401'")
    tried = page.evaluate("window.ckbPosts")  # 1, or more if a slow machine let one time out before
    answer_question(page, taboos[1])
    page.clock.run_for(TEN_MINUTES)  # the old backoff (2 s doubling to 5 min) would have retried 10 times
    assert page.evaluate("window.ckbPosts") == tried  # stopped: the second answer waits without a request
    assert len(queue(page)) == 2

    page.goto(url + "progress/")
    refusal = page.get_by_role("region", name="学习记录").get_by_role("alert")
    expect(refusal).to_contain_text("学习记录暂时发不出去")
    expect(refusal).to_contain_text("请把这句话告诉培训部门：学习记录服务器拒绝了本站（401）")
    page.wait_for_function("() => ckb.xapi.blocked() === '401'")  # this page's own try, answered
    tried = page.evaluate("window.ckbPosts")
    assert tried >= 1
    page.clock.run_for(TEN_MINUTES)
    assert page.evaluate("window.ckbPosts") == tried  # a new page tries once more, and stops again
    expect(page.get_by_role("region", name="学习记录").get_by_role("status")).to_contain_text("有 2 条记录等待发送")
    refusal.scroll_into_view_if_needed()
    expect(refusal).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=tmp_path / "refused-phone.png")
    waiting = queue(page)
    assert lrs.statements("A0001") == [] or not {s["id"] for s in waiting} & {s["id"] for s in lrs.statements()}

    # The administrator puts the right credential in place: the same address, served again
    site.stop(port)
    site.serve(lrs.endpoint, lrs.credentials.write, port=port, login=login_site.login, trainers=login_site.trainers)
    page.reload()
    wait_queue_empty(page)
    expect(page.get_by_role("region", name="学习记录").get_by_role("alert")).to_be_hidden()
    assert errors == []
    context.close()
    site.stop(port)
    stored = {s["id"] for s in lrs.statements("A0001")}
    assert {s["id"] for s in waiting} <= stored
    on_disk = [line["id"] for line in lrs.raw_lines() if line["id"] in {s["id"] for s in waiting}]
    assert sorted(on_disk) == sorted(s["id"] for s in waiting)  # each exactly once


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_the_answer_key_is_for_trainers_only(browser, login_site):
    site = login_site.site
    assert post(site.url + "answers/", None, method="GET")[0] == 401
    status, body = post(site.url + "answers/", None, "A0001", login_site.passwords["A0001"], method="GET")
    assert status == 403 and "只对培训师开放" in body and "正确答案" not in body
    status, body = post(site.url + "answers/", None, "T0001", login_site.passwords["T0001"], method="GET")
    assert status == 200 and "正确答案" in body
    context = as_user(browser, login_site, "A0001")
    page = context.new_page()
    page.goto(site.url + "answers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("只对培训师开放")
    context.close()


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_on_a_shared_pc_another_logins_statements_wait_for_it(browser, login_site, taboos):
    """Statements A0001 left in this browser's queue are not sent while A0002 is logged in."""
    lrs, site = login_site.lrs, login_site.site
    left = statement(site.url, "A0001")
    context = as_user(browser, login_site, "A0002")
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site.url)
    page.evaluate("left => ckb.memory.write('xapi.queue', { version: 1, statements: [left] })", left)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    page.wait_for_function("() => ckb.xapi.queue().length === 1")  # A0002's own answer sent, A0001's kept
    assert [waiting["id"] for waiting in queue(page)] == [left["id"]]
    page.goto(site.url + "progress/")
    expect(page.get_by_role("region", name="学习记录").get_by_role("status")).to_have_text(
        "发送身份：工号 A0002（内网登录）。有 1 条记录等待发送。")
    assert errors == []
    context.close()
    assert left["id"] not in {s["id"] for s in lrs.statements()}


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
def test_without_a_login_no_one_can_claim_one(ralph_site):
    """A site without a login: a browser's own X-CKB-Learner or login mark never makes a record 内网登录."""
    lrs, site = ralph_site
    claimed = statement(site.url, "S0001")
    claimed["context"] = {"extensions": {f"{site.url}xapi/extensions/login": "S0001"}}
    status, _ = post(site.url + "xapi/statements", [claimed], headers={"X-CKB-Learner": "S0001"})
    assert status == 200
    assert post(site.url + "xapi/me", None, method="GET", headers={"X-CKB-Learner": "S0001"})[0] == 404
    stored = wait_for(lambda: lrs.statements("S0001"), message="the statement in Ralph")
    assert "extensions" not in stored[0].get("context", {}) or not stored[0]["context"]["extensions"]
    learners = {learner.id: learner for learner in summarise(lrs.statements()).learners}
    assert learners["S0001"].identity == "自报"
