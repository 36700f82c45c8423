"""`make report` on statements these tests made through the site: the HTML table, the charts, the CSV."""

import csv
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup

from lrs.ralph import basic_auth
from lrs.report import read_statements, summarise, write_report
from tests.helpers import ROOT, page_errors
from tests.lrs_fixtures import (
    answer_question,
    give_learner,
    learner_context,
    make_ralph_site,
    once,
    play_good_ending,
    take_exam,
    wait_queue_empty,
)

SEARCH_GAP = "股票代码600519怎么查"  # nothing on the site is about it; a number that must not leave the browser
SEARCH_GAP_SENT = "股票代码#怎么查"


def search_in_quick_finder(page, site_url, query):
    """Type into 话术速查 and leave the box, as a teller does: the query is settled."""
    page.goto(site_url + "quick/")
    box = page.locator(".ckb-phrasebook__filter")
    box.fill(query)
    box.blur()


@pytest.fixture(scope="module")
def learned(request, browser, tmp_path_factory, source):
    """Two learners through the site: R001 all of 处理大忌 right, the exam mostly wrong, a good
    ending; R002 (a name with markup in it) 处理大忌 with two wrong, twice, the second time better."""
    lrs, site = once(request, "ralph-site", lambda cleanups: make_ralph_site(tmp_path_factory, cleanups))
    taboos = [question for question in source.questions if question.chapter == "taboos"]
    errors = []

    context = learner_context(browser)
    page = context.new_page()
    errors += page_errors(page)
    page.goto(site.url + "taboos/")
    answer_question(page, taboos[0])
    give_learner(page, "R001", "王五")
    for question in taboos[1:]:
        answer_question(page, question)
    wrong = {question.id for question in source.questions[: len(source.questions) // 2 + 1]}
    take_exam(page, site.url, source.questions, wrong)
    play_good_ending(page, site.url)
    search_in_quick_finder(page, site.url, SEARCH_GAP)  # finds nothing: sent, its digits masked
    search_in_quick_finder(page, site.url, "客户哭了")  # finds its card: not sent
    wait_queue_empty(page)
    context.close()

    context = learner_context(browser)
    page = context.new_page()
    errors += page_errors(page)
    page.goto(site.url + "taboos/")
    for index, question in enumerate(taboos):
        answer_question(page, question, right=index >= 2)
        if index == 0:
            give_learner(page, "R002", "<b>钱七</b>")
    page.get_by_role("button", name="重做").click()
    for index, question in enumerate(taboos):
        answer_question(page, question, right=index >= 1)
    wait_queue_empty(page)
    context.close()
    assert errors == []
    return lrs, taboos, wrong


@pytest.fixture(scope="module")
def report(learned, tmp_path_factory):
    lrs, _, _ = learned
    out = tmp_path_factory.mktemp("report")
    env = {**os.environ, "CKB_LRS_ENDPOINT": lrs.endpoint, "CKB_LRS_READ_AUTH": lrs.credentials.read}
    # The Python running these tests, whichever venv it is in (-o: make must not set up .venv for it)
    result = subprocess.run(["make", "-o", ".venv/.installed", "report", f"PYTHON={sys.executable}",
                             f"REPORT_DIR={out}"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    with (out / "report.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (out / "report-searches.csv").open(encoding="utf-8-sig", newline="") as handle:
        searches = list(csv.reader(handle))
    html = (out / "report.html").read_text(encoding="utf-8")
    return {row["工号"]: row for row in rows}, BeautifulSoup(html, "html.parser"), html, searches


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_csv_has_one_row_per_learner_with_quizzes_exam_endings_and_last_date(learned, report, source):
    lrs, taboos, wrong = learned
    rows, _, _, _ = report
    total = len(taboos)
    quiz_column = next(column for column in rows["R001"] if column.startswith("处理大忌"))
    assert rows["R001"]["姓名"] == "王五"
    assert rows["R001"]["身份"] == rows["R002"]["身份"] == "自报"  # typed into the 工号 box: no login vouches
    assert rows["R001"][quiz_column] == f"{total}/{total}"
    assert rows["R002"]["姓名"] == "<b>钱七</b>"
    assert rows["R002"][quiz_column] == f"{total - 1}/{total}"  # the best of two attempts
    exam_total = len(source.questions)
    right = exam_total - len(wrong)
    assert rows["R001"]["综合测验成绩"] == f"{right}/{exam_total}（{round(100 * right / exam_total)}%）"
    assert rows["R001"]["综合测验通过"] == "未通过"
    assert rows["R002"]["综合测验成绩"] == "" and rows["R002"]["综合测验通过"] == ""
    ending_column = next(column for column in rows["R001"] if column.endswith("（最近结局）"))
    assert rows["R001"][ending_column] == "化解"
    for learner_id in ("R001", "R002"):
        last = max(statement["timestamp"] for statement in lrs.statements(learner_id))
        beijing = datetime.fromisoformat(last.replace("Z", "+00:00")).astimezone(timezone(timedelta(hours=8)))
        assert rows[learner_id]["最近学习日期"] == beijing.date().isoformat()


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_html_shows_the_table_and_the_charts_self_contained_and_escaped(learned, report):
    _, taboos, _ = learned
    _, soup, html, _ = report
    assert soup.find("html")["lang"] == "zh-CN"
    table = soup.find("table")
    header = [cell.get_text() for cell in table.find("thead").find_all("th")]
    assert header[:3] == ["工号", "姓名", "身份"] and "综合测验成绩" in header and header[-1] == "最近学习日期"
    learners = {row.find("th").get_text(): row for row in table.find("tbody").find_all("tr")}
    assert {"R001", "R002"} <= set(learners)
    assert "<b>钱七</b>" in learners["R002"].get_text()  # shown as text
    assert "&lt;b&gt;钱七&lt;/b&gt;" in html and "<b>钱七</b>" not in html  # escaped, not markup
    exam_chart, wrong_chart = soup.find_all("svg")
    bars = [int(re.search(r"：(\d+) 人", bar.find("title").get_text()).group(1)) for bar in exam_chart.find_all("rect")]
    assert len(bars) == 10 and sum(bars) >= 1  # R001's exam (and others' of this session)
    wrong_bars = [bar.find("title").get_text() for bar in wrong_chart.find_all("rect")]
    stem = " ".join(taboos[0].stem.split())[:20]
    assert any(title.startswith(stem[:10]) for title in wrong_bars), wrong_bars  # R002 got it wrong twice
    assert not soup.find("script") and not soup.find("link")
    assert not [tag for tag in soup.find_all(src=True)] and "http" not in "".join(
        tag.get("href", "") for tag in soup.find_all(href=True))


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_a_search_that_found_nothing_arrives_once_with_its_digits_masked(learned):
    lrs, _, _ = learned
    searched = [s for s in lrs.statements("R001") if s["verb"]["id"].endswith("/searched")]
    assert len(searched) == 1, searched  # 客户哭了 found its card: not sent
    statement = searched[0]
    assert statement["verb"]["id"] == "https://w3id.org/xapi/acrossx/verbs/searched"
    assert statement["result"]["response"] == SEARCH_GAP_SENT
    assert "600519" not in json.dumps(statement, ensure_ascii=False)  # nowhere in the statement
    assert statement["object"]["id"].endswith("/xapi/activities/search/quick")
    assert statement["context"]["extensions"][next(k for k in statement["context"]["extensions"]
                                                   if k.endswith("/page"))] == "/quick/"


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_report_lists_the_searches_that_found_nothing(report):
    _, soup, _, searches = report
    header, *rows = searches
    assert header[:3] == ["查询（数字已换成 #）", "在哪里", "次数"]
    assert [SEARCH_GAP_SENT, "话术速查"] in [row[:2] for row in rows]
    assert int(next(row for row in rows if row[0] == SEARCH_GAP_SENT)[2]) >= 1
    table = soup.find(id="searches").find_next("table")
    assert SEARCH_GAP_SENT in table.get_text()


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_report_follows_more_links_page_by_page(learned):
    lrs, _, _ = learned
    auth = basic_auth(lrs.credentials.read)
    whole = read_statements(lrs.endpoint, auth)
    paged = read_statements(lrs.endpoint, auth, page_size=7)
    assert len(whole) > 7 and sorted(s["id"] for s in paged) == sorted(s["id"] for s in whole)


@pytest.mark.build
@pytest.mark.lrs
@pytest.mark.nginx
@pytest.mark.browser
def test_report_refuses_the_sites_write_only_credential(learned, tmp_path):
    lrs, _, _ = learned
    env = {**os.environ, "CKB_LRS_ENDPOINT": lrs.endpoint, "CKB_LRS_READ_AUTH": lrs.credentials.write}
    result = subprocess.run([sys.executable, "-m", "lrs.report", str(tmp_path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "Could not read statements" in result.stderr
    assert not (tmp_path / "report.html").exists()


def test_a_name_typed_as_a_formula_stays_text_in_the_csv(tmp_path):
    site = "http://kb.intranet.example/"
    statement = {
        "id": "5b0c8a8e-2f6c-4a39-9a43-0c4f3c9c1d11", "timestamp": "2026-11-24T16:30:00Z",
        "actor": {"objectType": "Agent", "name": "=HYPERLINK(\"http://x\")",
                  "account": {"homePage": site, "name": "A1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"},
        "object": {"id": f"{site}xapi/activities/quiz/exam", "definition": {
            "type": "http://adlnet.gov/expapi/activities/assessment", "name": {"zh-CN": "综合测验"}}},
        "result": {"score": {"raw": 10, "min": 0, "max": 40, "scaled": 0.25}, "success": False},
    }
    _, csv_path = write_report(summarise([statement]), tmp_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["姓名"] == "'=HYPERLINK(\"http://x\")"
    assert row["综合测验成绩"] == "10/40（25%）" and row["综合测验通过"] == "未通过"
    assert row["最近学习日期"] == "2026-11-25"  # 16:30 UTC is past midnight in Beijing


def test_a_learner_is_from_the_login_only_when_the_login_vouched_for_every_statement(tmp_path):
    site = "http://kb.intranet.example/"

    def made(learner, vouched_by=None):
        context = {"extensions": {f"{site}xapi/extensions/login": vouched_by}} if vouched_by else {}
        return {"id": f"5b0c8a8e-2f6c-4a39-9a43-{len(learner):012d}", "timestamp": "2026-11-24T08:00:00Z",
                "actor": {"objectType": "Agent", "account": {"homePage": site, "name": learner}},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                "object": {"id": f"{site}xapi/activities/question/q1"}, "result": {"success": True},
                "context": context}

    statements = [made("A0001", "A0001"), made("B02", "B02"), {**made("B02"), "id": "6b0c8a8e-2f6c-4a39-9a43-1"},
                  made("C003"), made("D0004", "someone else")]
    _, csv_path = write_report(summarise(statements), tmp_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        identity = {row["工号"]: row["身份"] for row in csv.DictReader(handle)}
    assert identity == {"A0001": "内网登录", "B02": "自报", "C003": "自报", "D0004": "自报"}
    assert "「自报」是学员自己填写的工号" in (tmp_path / "report.html").read_text(encoding="utf-8")
