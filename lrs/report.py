"""`make report`: what the learning record store holds, for the training department.

    python -m lrs.report [OUT_DIR]     # OUT_DIR defaults to dist/

reads every statement the site sent (xapi.js) from the LRS and writes
OUT_DIR/report.html (self-contained: no script, no outside file; a table per learner
two bar charts in inline SVG, and the most frequent searches that found nothing or only a
guess) and OUT_DIR/report.csv (one row per learner) with OUT_DIR/report-searches.csv.

The LRS and its READ credential come from the environment, never from the site:
    CKB_LRS_ENDPOINT   the xAPI address (default http://127.0.0.1:8100/xAPI/, `make lrs`)
    CKB_LRS_READ_AUTH  user:password of a credential with scope all/read (or statements/read)
Without CKB_LRS_READ_AUTH, the local credentials of `make lrs` (lrs/local/credentials.env).
"""

import csv
import json
import os
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).resolve().parent
DEFAULT_ENDPOINT = "http://127.0.0.1:8100/xAPI/"
ADL = "http://adlnet.gov/expapi/"
ASSESSMENT = f"{ADL}activities/assessment"
SIMULATION = f"{ADL}activities/simulation"
CHINA = timezone(timedelta(hours=8))  # the dates staff read are Beijing time
PAGE_SIZE = 100
IDENTITY_LOGIN = "内网登录"
IDENTITY_SELF = "自报"


def basic_auth(user_and_password: str) -> str:
    from base64 import b64encode
    return "Basic " + b64encode(user_and_password.encode("utf-8")).decode("ascii")


def read_statements(endpoint: str, auth: str, page_size: int = PAGE_SIZE, timeout: float = 30) -> list[dict]:
    """Every statement, following the LRS's `more` links; each id once."""
    url = urllib.parse.urljoin(endpoint, f"statements?limit={page_size}")
    statements: dict[str, dict] = {}
    while url:
        request = urllib.request.Request(url, headers={"Authorization": auth, "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            page = json.loads(response.read().decode("utf-8"))
        for statement in page.get("statements", []):
            statements.setdefault(statement["id"], statement)
        more = page.get("more")
        url = urllib.parse.urljoin(endpoint, more) if more else None
    return list(statements.values())


def _name(activity: dict) -> str:
    names = (activity.get("definition") or {}).get("name") or {}
    return names.get("zh-CN") or next(iter(names.values()), activity.get("id", ""))


def _extension(statement: dict, where: str, name: str):
    holder = (statement.get(where) or {}).get("extensions") or {}
    return next((value for key, value in holder.items() if key.endswith(f"/xapi/extensions/{name}")), None)


@dataclass
class Score:
    raw: float
    max: float

    @property
    def percent(self) -> int:
        return round(100 * self.raw / self.max) if self.max else 0

    def __str__(self) -> str:
        return f"{self.raw:g}/{self.max:g}"


@dataclass
class Learner:
    id: str
    name: str = ""
    named_at: str = ""
    quizzes: dict[str, Score] = field(default_factory=dict)  # quiz activity id -> best score
    exam: Score | None = None  # the best
    exam_passed: bool = False  # passed at least once
    endings: dict[str, tuple[str, str]] = field(default_factory=dict)  # scenario id -> (timestamp, latest ending)
    last: str = ""
    vouched: int = 0  # statements whose actor the intranet's login named (lrs/ralph_app.py)
    statements: int = 0

    @property
    def identity(self) -> str:
        """内网登录 when the login named the learner in every statement; else 自报 (typed into the 工号 box)."""
        return IDENTITY_LOGIN if self.statements and self.vouched == self.statements else IDENTITY_SELF

    @property
    def last_date(self) -> str:
        return datetime.fromisoformat(self.last.replace("Z", "+00:00")).astimezone(CHINA).date().isoformat()


@dataclass
class Report:
    learners: list[Learner]
    quizzes: list[tuple[str, str]]  # (activity id, title), by title
    scenarios: list[tuple[str, str]]
    wrong: list[tuple[str, int, int]]  # (question, times wrong, times answered), most wrong first
    exam_bins: list[int]  # learners by best exam score: 0–9 %, 10–19 %, … 90–100 %
    statements: int
    # what staff searched for and did not find (the site sends those only): (query, place,
    # times, times it found nothing), most frequent first
    searches: list[tuple[str, str, int, int]] = field(default_factory=list)


def summarise(statements: list[dict], most_wrong: int = 10, most_searched: int = 30) -> Report:
    learners: dict[str, Learner] = {}
    quizzes: dict[str, str] = {}
    scenarios: dict[str, str] = {}
    answered: dict[str, list[int]] = {}  # question id -> [wrong, answered]
    question_names: dict[str, str] = {}
    searched: dict[tuple[str, str], list[int]] = {}  # (query, place) -> [times, times with no result]
    for statement in sorted(statements, key=lambda s: s.get("timestamp", "")):
        actor = statement.get("actor") or {}
        account = actor.get("account") or {}
        if not account.get("name"):
            continue
        learner = learners.setdefault(account["name"], Learner(account["name"]))
        timestamp = statement.get("timestamp", "")
        if actor.get("name") and timestamp >= learner.named_at:
            learner.name, learner.named_at = actor["name"], timestamp
        learner.last = max(learner.last, timestamp)
        learner.statements += 1
        learner.vouched += _extension(statement, "context", "login") == account["name"]
        verb = statement["verb"]["id"].rsplit("/", 1)[-1]
        target = statement.get("object") or {}
        kind = (target.get("definition") or {}).get("type")
        result = statement.get("result") or {}
        raw_score = result.get("score") or {}
        score = Score(raw_score.get("raw", 0), raw_score.get("max", 0)) if raw_score else None
        if verb == "answered":
            counts = answered.setdefault(target["id"], [0, 0])
            counts[0] += result.get("success") is False
            counts[1] += 1
            question_names[target["id"]] = _name(target)
        elif verb == "completed" and kind == ASSESSMENT and score:
            quizzes[target["id"]] = _name(target)
            best = learner.quizzes.get(target["id"])
            if best is None or score.percent > best.percent:
                learner.quizzes[target["id"]] = score
        elif verb in ("passed", "failed") and score:
            if learner.exam is None or score.percent > learner.exam.percent:
                learner.exam = score
            learner.exam_passed |= verb == "passed"
        elif verb == "searched":
            counts = searched.setdefault((str(result.get("response", "")), _name(target)), [0, 0])
            counts[0] += 1
            counts[1] += not _extension(statement, "result", "results")
        elif verb == "completed" and kind == SIMULATION:
            scenarios[target["id"]] = _name(target)
            ending = _extension(statement, "result", "ending") or result.get("response") or ""
            learner.endings[target["id"]] = (timestamp, str(ending))
    bins = [0] * 10
    for learner in learners.values():
        if learner.exam:
            bins[min(learner.exam.percent // 10, 9)] += 1
    wrong = sorted(((question_names[question], counts[0], counts[1]) for question, counts in answered.items()
                    if counts[0]), key=lambda row: (-row[1], row[0]))[:most_wrong]
    searches = sorted(((query, place, counts[0], counts[1]) for (query, place), counts in searched.items()),
                      key=lambda row: (-row[2], row[0]))[:most_searched]
    return Report(
        learners=sorted(learners.values(), key=lambda learner: learner.id),
        quizzes=sorted(quizzes.items(), key=lambda item: item[1]),
        scenarios=sorted(scenarios.items(), key=lambda item: item[1]),
        wrong=wrong, exam_bins=bins, statements=len(statements), searches=searches,
    )


def rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The table of the HTML page and of the CSV: one row per learner."""
    header = (["工号", "姓名", "身份"] + [f"{title}（最好成绩）" for _, title in report.quizzes]
              + ["综合测验成绩", "综合测验通过"] + [f"{title}（最近结局）" for _, title in report.scenarios]
              + ["最近学习日期"])
    body = []
    for learner in report.learners:
        quiz_cells = [str(learner.quizzes[quiz]) if quiz in learner.quizzes else "" for quiz, _ in report.quizzes]
        exam = [f"{learner.exam}（{learner.exam.percent}%）", "通过" if learner.exam_passed else "未通过"] \
            if learner.exam else ["", ""]
        endings = [learner.endings[scenario][1] if scenario in learner.endings else ""
                   for scenario, _ in report.scenarios]
        body.append([learner.id, learner.name, learner.identity, *quiz_cells, *exam, *endings, learner.last_date])
    return header, body


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: a learner typed the name, and "=…" would be a formula in Excel."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


SEARCH_HEADER = ["查询（数字已换成 #）", "在哪里", "次数", "其中没有结果", "其中只有猜测"]


def write_csv(path: Path, header: list[str], body: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM: Excel reads it as UTF-8
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_safe(cell) for cell in header])
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in body)


def search_rows(report: Report) -> list[list[str]]:
    return [[query, place, str(times), str(empty), str(times - empty)]
            for query, place, times, empty in report.searches]


def write_report(report: Report, out_dir: Path, generated: datetime | None = None) -> tuple[Path, Path]:
    """report.html, report.csv (one row per learner) and report-searches.csv (what staff did not find)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    header, body = rows(report)
    csv_path = out_dir / "report.csv"
    write_csv(csv_path, header, body)
    write_csv(out_dir / "report-searches.csv", SEARCH_HEADER, search_rows(report))
    environment = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    html = environment.get_template("report.html.j2").render(
        report=report, header=header, body=body, search_header=SEARCH_HEADER, searches=search_rows(report),
        generated=(generated or datetime.now(CHINA)).strftime("%Y-%m-%d %H:%M"),
        exam_labels=[f"{low}–{low + 9 if low < 90 else 100}%" for low in range(0, 100, 10)],
    )
    html_path = out_dir / "report.html"
    html_path.write_text(html, encoding="utf-8")
    return html_path, csv_path


def read_auth() -> str:
    value = os.environ.get("CKB_LRS_READ_AUTH")
    if not value:
        local = HERE / "local" / "credentials.env"
        if not local.exists():
            sys.exit("Set CKB_LRS_READ_AUTH=user:password (a read credential of the LRS), or run `make lrs` first.")
        value = dict(line.split("=", 1) for line in local.read_text(encoding="utf-8").splitlines()
                     if "=" in line)["CKB_LRS_READ_AUTH"]
    return value if value.startswith("Basic ") else basic_auth(value)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0] if argv else "dist")
    endpoint = os.environ.get("CKB_LRS_ENDPOINT") or DEFAULT_ENDPOINT
    if not endpoint.endswith("/"):
        endpoint += "/"
    try:
        statements = read_statements(endpoint, read_auth())
    except OSError as error:
        sys.exit(f"Could not read statements from {endpoint}: {error}")
    report = summarise(statements)
    html_path, csv_path = write_report(report, out_dir)
    print(f"{len(statements)} statements, {len(report.learners)} learners: {html_path}, {csv_path}")


if __name__ == "__main__":
    main()
