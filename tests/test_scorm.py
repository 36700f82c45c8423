"""The SCORM 1.2 package (make scorm): its manifest, and the package run under a real LMS run-time.

The LMS is scorm-again (npm, pinned in package.json) in a page on 127.0.0.1 that
opens the package's launch page in a frame, as Moodle's player does; the values
it received are read back from it.
"""

import functools
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from datetime import datetime
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
import yaml
from playwright.sync_api import expect

from deploy.scorm import LAUNCH_PAGE, MANIFEST, mastery_score
from macros.settings import Settings
from tests.helpers import ROOT, QuietHandler, answer, submit, wait_until

pytestmark = pytest.mark.build

ZIP_NAME = "柜面投诉应对-scorm12.zip"
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
CHAPTERS = ["origins", "risk-signals", "customer-types", "principles", "taboos", "six-steps"]
SUSPEND_LIMIT = 4096
PHONE = {"width": 360, "height": 740}

# SCORM 1.2 RTE formats the LMS may hold the SCO to (scorm-again is lenient on some)
CMI_IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
CMI_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
RESPONSES = {  # type -> student_response format
    "choice": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "true-false": re.compile(r"^[01tf]$"),
    "sequencing": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
    "fill-in": re.compile(r"^.{1,255}$"),
}

LMS_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>LMS</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>html, body { margin: 0; height: 100%; } #sco { border: 0; width: 100%; height: 100%; display: block; }</style>
<script src="scorm12.js"></script></head>
<body><iframe id="sco" title="课程"></iframe>
<script>
  window.calls = []
  window.API = new Scorm12API({ autocommit: false, logLevel: 5, mastery_override: false })
  for (const name of ["LMSInitialize", "LMSCommit", "LMSFinish", "LMSSetValue"])
    API.on(name, (element, value) => calls.push([name, element ?? null, value ?? null]))
  // What the LMS knows before the visit (a test's init script sets it): the manifest's
  // mastery score, and a second machine's copy of the learner's record
  if (window.lmsStart) API.loadFromJSON(window.lmsStart)
  // What an LMS keeps when the learner leaves: sent to the test's server, which outlives this page
  // (a beacon carries at most 64 KB: the calls' values are cut short, suspend_data is in cmi)
  window.finished = () => JSON.stringify({ cmi: API.renderCMIToJSONObject().cmi,
    calls: calls.map(([name, element, value]) => [name, element, value?.slice?.(0, 20) ?? value]) })
  API.on("LMSFinish", () => navigator.sendBeacon(`/finished/${window.lmsVisit}`, finished()))
  // The LMS closes the course's frame (leaving a page of the LMS is the other way out)
  window.leave = () => document.getElementById("sco").remove()
  document.getElementById("sco").src = "../course/scorm.html"
</script></body></html>
"""


# --- The package ---------------------------------------------------------------


@pytest.fixture(scope="module")
def scorm_zip(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([str(ROOT / "deploy" / "build-scorm"), str(dist)], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1"},
                            cwd=dist, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"{dist}/{ZIP_NAME}"
    return dist / ZIP_NAME


@pytest.fixture(scope="module")
def manifest(scorm_zip) -> ElementTree.Element:
    return ElementTree.fromstring(zipfile.ZipFile(scorm_zip).read(MANIFEST))


@pytest.fixture(scope="module")
def configured_mastery() -> int:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return int(config["extra"]["exam_pass_percent"])


def test_manifest_is_scorm_12_with_one_sco_launched_by_the_launch_page(manifest, configured_mastery):
    assert manifest.tag == f"{{{NS['cp']}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = manifest.find("cp:organizations", NS)
    assert len(organizations.findall("cp:organization", NS)) == 1
    organization = organizations.find("cp:organization", NS)
    assert organizations.get("default") == organization.get("identifier")
    items = organization.findall(".//cp:item", NS)
    assert len(items) == 1
    assert items[0].findtext("adlcp:masteryscore", namespaces=NS) == str(configured_mastery)
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert items[0].get("identifierref") == sco.get("identifier")
    assert sco.get("href") == LAUNCH_PAGE


def test_the_exam_has_one_pass_mark():
    """extra.exam_pass_percent, read as MkDocs reads it or as plain text; a bad one is one line."""
    assert mastery_score(Settings({"extra": {"exam_pass_percent": "75"}})) == 75
    assert mastery_score(Settings({"extra": {"exam_pass_percent": 80}})) == 80
    with pytest.raises(SystemExit, match=r"^mkdocs.yml: extra.exam_pass_percent is 120, not 0-100$"):
        mastery_score(Settings({"extra": {"exam_pass_percent": "120"}}))
    with pytest.raises(SystemExit, match=r"^mkdocs.yml: extra.exam_pass_percent must be a whole percentage"):
        mastery_score(Settings({"extra": {"scorm": {"mastery_score": "80"}}}))


def test_every_file_is_listed_and_every_listed_file_is_there(scorm_zip, manifest):
    names = zipfile.ZipFile(scorm_zip).namelist()
    assert names[0] == MANIFEST  # at the root, not under a folder
    listed = [unquote(file.get("href")) for file in manifest.iterfind("cp:resources/cp:resource/cp:file", NS)]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(names) - {MANIFEST}
    assert {LAUNCH_PAGE, "index.html", "exam.html", "assets/javascripts/scorm-suspend.js",
            "assets/javascripts/scorm-launch.js"} <= set(listed)
    assert not {".nginx-headers.conf", "sitemap.xml"} & set(listed)
    assert not [name for name in names if name.endswith("/") or name.endswith("/index.html") and name != "index.html"]


def test_the_launch_page_carries_the_sites_facts_and_no_inline_code(scorm_zip, configured_mastery):
    html = zipfile.ZipFile(scorm_zip).read(LAUNCH_PAGE).decode()
    assert "{{" not in html and html.count('"masteryScore"') == 1
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    inline = [tag for tag, body in scripts if body.strip() and 'type="application/json"' not in tag]
    assert inline == [] and "<style" not in html and " style=" not in html  # runs under a strict CSP too
    config = json.loads(next(body for attributes, body in scripts if 'id="ckb-scorm"' in attributes))
    assert config["masteryScore"] == configured_mastery
    assert set(config["quizzes"]) == {*CHAPTERS, "exam"} and len(config["quizzes"]["exam"]) == 40
    assert config["start"] == "index.html" and "exam.html" in config["pages"]
    assert len(config["scenarios"]) == 6 and config["memory"] == {"quiz": "quiz.", "scenario": "scenario."}


def test_the_package_holds_no_answer_key_page_and_no_link_to_one(scorm_zip):
    """答案（培训师用） is left out with every link to it; the exam's key, which grades in the
    browser after 交卷, stays (README: a package graded in the browser cannot hide it)."""
    archive = zipfile.ZipFile(scorm_zip)
    names = archive.namelist()
    assert "answers.html" not in names and any(re.fullmatch(r"assets/javascripts/exam-key\.[0-9a-f]{8}\.min\.js", name)
                                               for name in names)
    assert "assets/ckb-course.json" not in names and ".ckb-assets.json" not in names
    pages = {name: archive.read(name).decode() for name in names if name.endswith(".html")}
    linking = []
    for name, text in pages.items():
        parser = _Links()
        parser.feed(text)
        linking += [(name, address) for address in parser.addresses if address.split("#")[0].endswith("answers.html")]
    assert linking == []
    assert not [name for name in names if b"answers.html" in archive.read(name)]
    assert all("答案（培训师用）" not in text for text in pages.values())
    assert "培训师指南" in pages["index.html"]  # the rest of the nav stays
    home = pages["index.html"]
    assert "答案页列出每道题的答案和解析" in home  # the sentence stays, unlinked


class _Links(HTMLParser):
    """Every address an HTML file loads or links to."""

    ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data", "formaction"}

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        self.addresses += [value for name, value in attrs if name in self.ATTRIBUTES and value]


def test_no_page_loads_or_links_anything_outside_the_package(scorm_zip):
    archive = zipfile.ZipFile(scorm_zip)
    outside = []
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8", "replace")
        if name.endswith(".html"):
            parser = _Links()
            parser.feed(text)
            outside += [(name, address) for address in parser.addresses
                        if re.match(r"^(https?:)?//", address.strip(), re.IGNORECASE) or address.startswith("/")]
        if name.endswith((".css", ".html")):
            outside += [(name, url) for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text)]
    assert outside == []


# --- Under an LMS --------------------------------------------------------------


class _LmsHandler(QuietHandler):
    """Serves the folder; keeps what the LMS page posts to /finished/<visit>."""

    finished: dict = {}

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.finished[self.path.removeprefix("/finished/")] = json.loads(body)
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def lms_url(scorm_zip, tmp_path_factory):
    """The package unzipped under /course/, the LMS page and scorm-again under /lms/, on loopback."""
    if not SCORM_AGAIN.exists():
        pytest.fail("scorm-again is not installed: `make test` runs `npm ci` (package.json)")
    root = tmp_path_factory.mktemp("lms")
    zipfile.ZipFile(scorm_zip).extractall(root / "course")
    (root / "lms").mkdir()
    shutil.copyfile(SCORM_AGAIN, root / "lms" / "scorm12.js")
    (root / "lms" / "index.html").write_text(LMS_PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_LmsHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def open_lms(browser, lms_url, start=None, viewport=None, visit="visit", clock=None):
    """A fresh browser (its own storage) with the LMS page open and the package launched in it;
    with `clock`, the page's clock starts then (and runs on, until moved)."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    context.add_init_script(f"window.ckbSeed = 7; window.lmsStart = {json.dumps(start)}; "
                            f"window.lmsVisit = {json.dumps(visit)}")
    page = context.new_page()
    if clock:
        page.clock.install(time=clock)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(lms_url + "lms/index.html")
    page.wait_for_function("() => calls.some(call => call[0] === 'LMSInitialize')")
    return context, page


def site_frame(page, first="index.html"):
    """The frame of the site's pages, inside the launch page, once its first page has loaded."""
    expect(page.frame_locator("#sco").locator("#ckb-scorm-frame")).to_be_attached()
    frame = page.frame(name="ckb-scorm-frame")
    frame.wait_for_url(f"**/course/{first}")
    frame.wait_for_load_state()
    return frame


def go(frame, url):
    """Open another page in the frame once this one is done loading: leaving while the
    page's search worker still imports its scripts would report that import's failure."""
    frame.wait_for_load_state("networkidle")
    frame.goto(url)


def cmi(page) -> dict:
    return page.evaluate("() => API.renderCMIToJSONObject()")["cmi"]


def interactions(record: dict) -> list:
    found = record["interactions"]
    return found if isinstance(found, list) else [found[key] for key in sorted(found, key=int)]


def correct_patterns(interaction: dict) -> list[str]:
    found = interaction.get("correct_responses") or []
    found = found if isinstance(found, list) else [found[key] for key in sorted(found, key=int)]
    return [response["pattern"] for response in found]


def leave(page):
    """End the session once the course is done loading, for the reason go() gives."""
    for frame in page.frames:
        frame.wait_for_load_state("networkidle")
    page.evaluate("leave()")
    page.wait_for_function("() => calls.some(call => call[0] === 'LMSFinish')")


def play_to_an_ending(frame, scenario_id):
    section = frame.locator(f".ckb-scenario[data-scenario='{scenario_id}']")
    ending = section.locator(".ckb-scenario__ending-type")
    for _ in range(30):
        if ending.count():
            return ending.inner_text()
        section.locator(".ckb-scenario__reply").first.click()
        section.get_by_role("button", name="继续").click()
    raise AssertionError(f"{scenario_id}: no ending after 30 replies")


def take_the_exam(frame, base, questions, wrong=()):
    go(frame, base + "exam.html")
    for question in questions:
        answer(frame, question, right=question.id not in wrong)
    frame.get_by_role("button", name="交卷").click()
    expect(frame.locator(".ckb-exam__sheet .ckb-quiz__score")).to_be_visible()


@pytest.fixture(scope="module")
def full_visit(browser, lms_url, source, configured_mastery):
    """A learner does everything once under the LMS: every chapter quiz, every role-play,
    the exam all right, then leaves the LMS's page. What the LMS kept, for the tests."""
    context, page = open_lms(browser, lms_url, start={"student_data": {"mastery_score": str(configured_mastery)}},
                             visit="full")
    frame = site_frame(page)
    base = lms_url + "course/"
    status_at_start = page.evaluate("() => API.cmi.core.lesson_status")
    for chapter in CHAPTERS:
        go(frame, base + f"{chapter}.html")
        for question in [q for q in source.questions if q.chapter == chapter]:
            answer(frame, question)
            submit(frame, question.id)
    go(frame, base + "scenarios.html")
    scenarios = frame.locator(".ckb-scenario").evaluate_all("all => all.map(s => s.dataset.scenario)")
    endings = {scenario: play_to_an_ending(frame, scenario) for scenario in scenarios}
    take_the_exam(frame, base, source.questions)
    page.wait_for_function("() => API.cmi.core.lesson_status === 'passed'")
    trainer_tools = frame.locator(".ckb-tools, .ckb-section-tools").evaluate_all(
        "all => all.filter(tool => tool.checkVisibility()).length")
    go(frame, base + "progress.html")
    records_note = frame.get_by_role("region", name="学习记录").inner_text()
    progress = {row: frame.locator(f".ckb-progress__row[data-memory='{row}'] .ckb-progress__last").inner_text()
                for row in frame.locator(".ckb-progress__row").evaluate_all("all => all.map(r => r.dataset.memory)")}
    errors = page.errors
    assert len(page.evaluate("finished()").encode()) < 60_000  # the beacon's limit is 64 KB
    page.goto("about:blank")  # the learner leaves the LMS's page
    assert wait_until(lambda: "full" in _LmsHandler.finished, limit_s=10), "LMSFinish never came"
    kept = _LmsHandler.finished["full"]
    context.close()
    return {"cmi": kept["cmi"], "calls": kept["calls"], "status_at_start": status_at_start,
            "endings": endings, "progress": progress, "errors": errors, "trainer_tools": trainer_tools,
            "records_note": records_note}


@pytest.mark.browser
def test_the_package_shows_no_trainer_tools_and_says_the_lms_keeps_the_records(full_visit):
    assert full_visit["trainer_tools"] == 0  # no ⋯, 投影, 复制链接 on the exam's questions, no section 投影
    assert "由学习平台（LMS）保存" in full_visit["records_note"]
    assert "浏览器" not in full_visit["records_note"]


@pytest.mark.browser
def test_the_lms_is_told_initialize_once_status_score_commit_finish(full_visit, source):
    calls = full_visit["calls"]
    assert [call[0] for call in calls].count("LMSInitialize") == 1
    assert full_visit["status_at_start"] == "incomplete"
    record = full_visit["cmi"]["core"]
    assert record["lesson_status"] == "passed"
    assert record["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert record["exit"] == ""  # passed: done, not suspended
    assert record["lesson_location"] == "progress.html"  # the page last seen
    session_time = [call[2] for call in calls if call[:2] == ["LMSSetValue", "cmi.core.session_time"]]
    assert len(session_time) == 1 and CMI_TIMESPAN.match(session_time[0]), session_time
    names = [call[0] for call in calls]
    assert names.count("LMSFinish") == 1 and names[-1] == "LMSFinish" and names[-2] == "LMSCommit"
    assert names.count("LMSCommit") >= len(CHAPTERS) + 2  # after each change, not only at the end
    assert full_visit["errors"] == []


@pytest.mark.browser
def test_each_exam_question_is_an_interaction_in_scorm_12_terms(full_visit, source):
    told = interactions(full_visit["cmi"])
    exam = source.questions
    assert len(told) == len(exam) == 40
    assert [interaction["id"] for interaction in told] == [q.id for q in exam]
    expected_type = {"single": "choice", "multiple": "choice", "true_false": "true-false",
                     "fill_blank": "fill-in", "ordering": "sequencing"}
    for question, interaction in zip(exam, told, strict=True):
        assert CMI_IDENTIFIER.match(interaction["id"])
        assert interaction["type"] == expected_type[question.type]
        assert RESPONSES[interaction["type"]].match(interaction["student_response"]), interaction
        assert interaction["result"] == "correct"
        # every answer right: the right answer the LMS is told is the learner's
        patterns = correct_patterns(interaction)
        assert patterns == [interaction["student_response"]], interaction
    true_false = next(q for q in exam if q.type == "true_false")
    right = next(i for i, option in enumerate(true_false.options) if option.correct)
    shown = next(i["student_response"] for i in told if i["id"] == true_false.id)
    assert shown == ("t" if true_false.options[right].text == "正确" else "f")


@pytest.mark.browser
def test_suspend_data_holds_the_full_content_under_4096_characters(full_visit):
    data = full_visit["cmi"]["suspend_data"]
    print(f"\nsuspend_data at the full content: {len(data)} characters, {len(data.encode())} bytes UTF-8")
    assert len(data) < SUSPEND_LIMIT
    record = json.loads(data)
    assert record["v"] == 1
    assert set(record["q"]) == {*CHAPTERS, "exam"}
    assert all(len(entry) == 6 for entry in record["q"].values())  # every quiz keeps its answers
    assert len(record["s"]) == len(full_visit["endings"]) == 6


@pytest.mark.browser
def test_a_second_machine_resumes_from_suspend_data(full_visit, browser, lms_url):
    """A fresh browser, a fresh LMS holding only what the first one stored."""
    first = full_visit["cmi"]
    context, page = open_lms(browser, lms_url, start={
        "suspend_data": first["suspend_data"],
        "core": {"lesson_status": first["core"]["lesson_status"], "score": {"raw": first["core"]["score"]["raw"]},
                 "lesson_location": first["core"]["lesson_location"]},
    })
    frame = site_frame(page, first="progress.html")  # where the learner left off
    base = lms_url + "course/"
    expect(frame.locator(".ckb-progress__exam")).to_have_text("40 / 40")
    for row, shown in full_visit["progress"].items():
        expect(frame.locator(f".ckb-progress__row[data-memory='{row}'] .ckb-progress__last")).to_have_text(shown)
    go(frame, base + "taboos.html")
    expect(frame.locator(".ckb-question__result").first).to_contain_text("✔ 你答对了")
    expect(frame.locator(".ckb-option__input:checked")).not_to_have_count(0)
    go(frame, base + "exam.html")
    expect(frame.locator(".ckb-exam__sheet .ckb-quiz__score")).to_have_text("综合测验：答对 40 / 40")
    assert page.evaluate("() => API.cmi.core.lesson_status") == "passed"  # left as it was
    leave(page)
    assert page.errors == []
    context.close()


@pytest.mark.browser
def test_some_wrong_answers_fail_each_with_its_right_answer_and_its_own_time(browser, lms_url, source,
                                                                            configured_mastery):
    """The first question answered at 09:00, the rest ten minutes later, 交卷 ten minutes after
    that (the page's clock moved on): each interaction has the time of its own answer."""
    context, page = open_lms(browser, lms_url, start={"student_data": {"mastery_score": str(configured_mastery)}},
                             clock=datetime(2026, 11, 25, 9, 0, 0))
    frame = site_frame(page)
    total = len(source.questions)
    wrong = {q.id for q in source.questions[: total * (100 - configured_mastery) // 100 + 1]}
    first, *rest = source.questions
    go(frame, lms_url + "course/exam.html")
    answer(frame, first, right=first.id not in wrong)
    page.clock.fast_forward("10:00")
    for question in rest:
        answer(frame, question, right=question.id not in wrong)
    page.clock.fast_forward("10:00")
    frame.get_by_role("button", name="交卷").click()
    expect(frame.locator(".ckb-exam__sheet .ckb-quiz__score")).to_be_visible()
    raw = round((total - len(wrong)) / total * 100)
    assert raw < configured_mastery
    page.wait_for_function("() => API.cmi.core.lesson_status === 'failed'")
    record = cmi(page)
    assert record["core"]["score"]["raw"] == str(raw)
    told = interactions(record)
    results = [interaction["result"] for interaction in told]
    assert results.count("wrong") == len(wrong) and results.count("correct") == total - len(wrong)
    times = [interaction["time"] for interaction in told]
    assert all(re.fullmatch(r"\d{2}:\d{2}:\d{2}", time) for time in times)
    assert times[0].startswith("09:00:") and all(time.startswith("09:10:") for time in times[1:]), times
    for question, interaction in zip(source.questions, told, strict=True):
        patterns = correct_patterns(interaction)
        assert len(patterns) == 1 and RESPONSES[interaction["type"]].match(patterns[0]), interaction
        assert (patterns[0] == interaction["student_response"]) == (question.id not in wrong), interaction
    choice = next(q for q in source.questions if q.type == "multiple")
    expected = ",".join("abcdefghij"[i] for i, option in enumerate(choice.options) if option.correct)
    assert correct_patterns(told[source.questions.index(choice)]) == [expected]
    ordering = next(q for q in source.questions if q.type == "ordering")
    assert correct_patterns(told[source.questions.index(ordering)]) == [",".join("abcdefghij"[:len(ordering.order)])]
    leave(page)
    assert cmi(page)["core"]["exit"] == ""
    context.close()


@pytest.mark.browser
def test_an_unfinished_visit_is_incomplete_and_suspended(browser, lms_url):
    context, page = open_lms(browser, lms_url)
    site_frame(page)
    leave(page)
    record = cmi(page)
    assert record["core"]["lesson_status"] == "incomplete" and record["core"]["exit"] == "suspend"
    context.close()


@pytest.mark.parametrize("damaged", ["{not json", json.dumps({"v": 99, "q": {}, "s": {}}),
                                     json.dumps({"v": 1, "q": {"exam": "x", "taboos": [0, "a"]}, "s": [1]})])
@pytest.mark.browser
def test_damaged_suspend_data_is_dropped_and_the_site_works(browser, lms_url, source, damaged):
    context, page = open_lms(browser, lms_url, start={"suspend_data": damaged})
    frame = site_frame(page)
    go(frame, lms_url + "course/taboos.html")
    question = next(q for q in source.questions if q.chapter == "taboos")
    answer(frame, question)
    submit(frame, question.id)
    expect(frame.locator(".ckb-question__result").first).to_contain_text("✔ 你答对了")
    page.wait_for_function("() => API.cmi.suspend_data.includes('taboos')")
    assert json.loads(cmi(page)["suspend_data"])["v"] == 1
    assert page.errors == []
    context.close()


@pytest.mark.browser
def test_without_an_lms_the_launch_page_opens_the_site(browser, lms_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(lms_url + f"course/{LAUNCH_PAGE}")
    expect(page).to_have_url(lms_url + "course/index.html")
    expect(page.locator("article h1#home")).to_contain_text("柜面投诉应对")
    context.close()


# --- suspend_data past the limit ------------------------------------------------


def synthetic_records(config: dict, times: int) -> tuple[dict, dict]:
    """A site `times` as large (each quiz and role-play `times` over), every quiz
    answered and scored, every role-play ended: its launch config and its records."""
    quizzes, records = {}, {"quizzes": {}, "scenarios": {}}
    for copy in range(times):
        for quiz, questions in config["quizzes"].items():
            quiz_id = quiz if copy == 0 else f"{quiz}-{copy}"
            quizzes[quiz_id] = [[f"{question}-{copy}", version] for question, version in questions]
            answers = {question: {"version": version, "answer": ["投诉处理", "客户"] if n % 9 == 4 else [n % 4, 2],
                                  "correct": n % 3 > 0} for n, (question, version) in enumerate(quizzes[quiz_id])}
            score = {"score": sum(a["correct"] for a in answers.values()), "total": len(answers)}
            records["quizzes"][quiz_id] = {"version": 2, "attempt": 2, "seed": 123456789, "answers": answers,
                                           "flags": [], "submitted": True, "scored": True, "first": score,
                                           "last": score, "best": score, "path": f"/course/{quiz_id}.html",
                                           "title": "第一章 投诉的产生"}
    scenarios = [s if copy == 0 else f"{s}-{copy}" for copy in range(times) for s in config["scenarios"]]
    for n, scenario in enumerate(scenarios):
        records["scenarios"][scenario] = {"version": 1, "last": config["endings"][n % 4], "best": config["endings"][0]}
    return {**config, "quizzes": quizzes, "scenarios": scenarios}, records


@pytest.fixture(scope="module")
def codec_page(browser, lms_url):
    context, page = open_lms(browser, lms_url)
    launch = next(frame for frame in page.frames if frame.url.endswith(LAUNCH_PAGE))
    yield launch
    context.close()


def encode(launch, config, records, level=None):
    return launch.evaluate("""([config, records, level]) => {
        const codec = ckbScorm.codec(config)
        return level === null ? codec.encode(records) : codec.encodeAt(records, codec.LEVELS[level]) }""",
                           [config, records, level])


@pytest.mark.browser
def test_suspend_data_strategy_at_ten_times_the_content(codec_page):
    """1x: every answer is kept. 10x: scores and endings of every quiz and role-play,
    no answers. 40x: whole records go, the exam's last."""
    config = codec_page.evaluate("ckbScorm.config")
    sizes = {}
    for times in (1, 10, 40):
        big_config, records = synthetic_records(config, times)
        data = encode(codec_page, big_config, records)
        full = encode(codec_page, big_config, records, level=0)
        sizes[times] = (len(full), len(data))
        assert len(data) <= SUSPEND_LIMIT
        restored = codec_page.evaluate("([config, data]) => ckbScorm.codec(config).decode(data)", [big_config, data])
        kept = {quiz_id: {key: restored["quizzes"][quiz_id][key] for key in ("first", "last", "best", "attempt")}
                for quiz_id in restored["quizzes"]}
        for quiz_id, scores in kept.items():
            assert scores == {key: records["quizzes"][quiz_id][key] for key in ("first", "last", "best", "attempt")}
        assert "exam" in kept
        endings = {s: (r["last"], r["best"]) for s, r in restored["scenarios"].items()}
        assert endings.items() <= {s: (r["last"], r["best"]) for s, r in records["scenarios"].items()}.items()
        if times == 1:
            assert data == full  # the content as it is: every answer kept
            assert restored["quizzes"]["exam"]["answers"] == records["quizzes"]["exam"]["answers"]
        if times == 10:  # scores and endings of everything, no answers
            assert len(full) > SUSPEND_LIMIT
            assert set(kept) == set(records["quizzes"]) and len(endings) == len(records["scenarios"])
            assert all(not record["answers"] for record in restored["quizzes"].values())
        if times == 40:  # whole records go, role-plays first, the exam last
            assert len(kept) < len(records["quizzes"]) and not endings
    print(f"\nsuspend_data, synthetic records (all detail, written): {sizes}")


@pytest.mark.browser
def test_on_a_phone_the_site_fills_the_lms_frame_and_works(browser, lms_url, source, tmp_path):
    context, page = open_lms(browser, lms_url, viewport=PHONE)
    frame = site_frame(page)
    box = page.frame_locator("#sco").locator("#ckb-scorm-frame").bounding_box()
    assert box == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}
    go(frame, lms_url + "course/taboos.html")
    assert frame.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    question = next(q for q in source.questions if q.chapter == "taboos")
    answer(frame, question)
    submit(frame, question.id)
    expect(frame.locator(".ckb-question__result").first).to_contain_text("✔ 你答对了")
    frame.locator("label.md-header__button[for='__drawer']").click()
    quick = frame.locator(".md-nav--primary").get_by_role("link", name="话术速查", exact=True)
    expect(quick).to_be_in_viewport()
    page.wait_for_function("() => API.cmi.suspend_data.includes('taboos')")
    quick.click()
    frame.wait_for_url("**/course/quick.html")
    expect(frame.locator(".ckb-phrasebook__filter")).to_be_in_viewport()
    page.screenshot(path=tmp_path / "scorm-phone.png")
    assert page.evaluate("() => calls.filter(call => call[0] === 'LMSInitialize').length") == 1  # one session
    assert page.errors == []
    context.close()
