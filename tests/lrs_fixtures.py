"""What the xAPI and report tests share: a real Ralph LRS, a hostile one, and the site built
with xAPI on and served by nginx with deploy/nginx.conf (so its CSP applies, and nginx forwards
the statements to the LRS with the credential and, with a login, the learner), plus learning
done through the page.

Ralph and the sites are made once per test session (test_xapi.py and test_report.py both
ask for them): `once()` keeps them for the session and stops them at its end.
"""

import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import expect

from lrs import ralph
from lrs.report import read_statements
from tests.helpers import (
    GOOD_PATH,
    ROOT,
    QuietLog,
    answer,
    block,
    build_site,
    free_port,
    pick,
    scenario,
    submit,
    wait_for,
)

# Fast retries for tests: the page's backoff setting (window.ckbXapiBackoff), not sleeps.
FAST_RETRY = {"base": 100, "cap": 400, "timeout": 1500, "batch": 20}
_ONCE: dict[str, object] = {}


def once(request, name, make):
    """A value made once per test session; `make(cleanups)` appends what stops it."""
    if name not in _ONCE:
        cleanups = []
        try:
            _ONCE[name] = make(cleanups)
        finally:  # what started is stopped at the session's end, even if the rest failed to start
            for cleanup in cleanups:
                request.config.add_cleanup(cleanup)  # run last added first
    return _ONCE[name]


class LocalRalph:
    """Ralph on a free 127.0.0.1 port, fs backend in a temp folder, temp auth file; stoppable and restartable.
    `site_url`: the site whose learners' accounts the login names (lrs/ralph_app.py)."""

    def __init__(self, folder: Path, site_url: str):
        if not (ralph.LRS_VENV / "bin" / "ralph").exists():
            pytest.fail("Ralph is not installed: `make test` creates .venv-lrs from lrs/constraints.txt")
        self.folder, self.site_url = folder, site_url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.endpoint = self.base + ralph.XAPI_PATH
        self.credentials = ralph.create_credentials(folder / "auth.json", folder / "statements", site_url)
        self.process = None
        self.log = (folder / "ralph.log").open("ab")

    def start(self):
        self.process = ralph.start(self.port, self.folder / "statements", self.folder / "auth.json", self.site_url,
                                   log=self.log)
        ralph.wait_until_up(self.base, self.process)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def statements(self, learner_id: str | None = None) -> list[dict]:
        """Every statement in Ralph (read credential), or one learner's."""
        found = read_statements(self.endpoint, ralph.basic_auth(self.credentials.read))
        if learner_id is None:
            return found
        return [s for s in found if s.get("actor", {}).get("account", {}).get("name") == learner_id]

    def raw_lines(self) -> list[dict]:
        """What the fs backend holds, line by line: a statement stored twice would show twice here."""
        lines = []
        for path in (self.folder / "statements").rglob("*"):
            if path.is_file():
                lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return lines


class HostileLrs:
    """A tiny LRS that misbehaves on demand: mode "error" (500), "slow" (answers after the page's
    timeout), "invalid" (200 with invalid JSON), "ok" (stores and answers the ids)."""

    def __init__(self, slow_seconds: float):
        lrs = self
        self.mode, self.slow_seconds = "error", slow_seconds
        self.received: list[str] = []  # statement ids of every POST, in order, repeats included
        self.stored: dict[str, dict] = {}
        self.requests = 0

        class Handler(QuietLog, BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                mode = lrs.mode
                lrs.requests += 1
                lrs.received += [statement["id"] for statement in body]
                status, answer = {"error": (500, b'{"detail": "down"}'), "invalid": (200, b"<html>proxy</html>"),
                                  }.get(mode, (200, None))
                if mode in ("ok", "slow"):  # slow: stored, but the answer comes after the page gave up
                    for statement in body:
                        lrs.stored.setdefault(statement["id"], statement)
                    answer = json.dumps([statement["id"] for statement in body]).encode()
                if mode == "slow":
                    time.sleep(lrs.slow_seconds)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the page gave up waiting: that is the point of "slow"

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class XapiSite:
    """The site built with xAPI on (CKB_XAPI=identity: "login" or "self") for 127.0.0.1:port."""

    def __init__(self, folder: Path, identity: str, port: int):
        self.url = f"http://127.0.0.1:{port}/"
        self.port = port
        self.dir = folder / "site"
        self.folder = folder
        result = build_site(ROOT, self.dir, cwd=folder, extra_env={"SITE_URL": self.url, "CKB_XAPI": identity})
        assert result.returncode == 0, result.stdout + result.stderr
        self.servers: dict[int, subprocess.Popen] = {}

    def serve(self, lrs_url: str, lrs_auth: str, port: int | None = None, login: Path | None = None,
              trainers: Path | None = None) -> str:
        """Behind nginx with deploy/nginx.conf and the build's headers (deploy/serve-nginx), forwarding
        statements to `lrs_url` with `lrs_auth`; with `login` (an htpasswd file), every page and statement
        behind that login. On the site's own port unless another is given; returns the address."""
        if not shutil.which("nginx"):
            pytest.fail("nginx is not installed: `make test` installs Debian's nginx")
        port = port or self.port
        log = self.folder / f"nginx-{port}.log"
        env = {**os.environ, "CKB_LRS_URL": lrs_url, "CKB_LRS_AUTH": lrs_auth}
        for name in ("CKB_XAPI", "CKB_HTPASSWD", "CKB_TRAINERS"):
            env.pop(name, None)
        if login:
            env["CKB_HTPASSWD"] = str(login)
        if trainers:
            env["CKB_TRAINERS"] = str(trainers)
        with log.open("w") as errors:
            server = subprocess.Popen([ROOT / "deploy/serve-nginx", self.dir, str(port)], start_new_session=True,
                                      stdout=subprocess.DEVNULL, stderr=errors, env=env)
        self.servers[port] = server
        url = f"http://127.0.0.1:{port}/"

        def up():
            try:
                return urllib.request.urlopen(url, timeout=2).status == 200
            except urllib.error.HTTPError as error:
                return error.code == 401  # behind the login: serving
            except (urllib.error.URLError, OSError):
                assert server.poll() is None, log.read_text()
                return False
        wait_for(up, message="nginx serving the xAPI site")
        return url

    def stop(self, port: int | None = None):
        for number in [port] if port else list(self.servers):
            server = self.servers.pop(number, None)
            if server and server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=10)


def make_ralph_site(tmp_path_factory, cleanups):
    """Ralph, then the site built to send to it without a login (CKB_XAPI=self: learners give
    their 工号), served by nginx on the port the site was built for."""
    port = free_port()
    lrs = LocalRalph(tmp_path_factory.mktemp("ralph"), f"http://127.0.0.1:{port}/")
    lrs.start()
    cleanups.append(lrs.stop)
    site = XapiSite(tmp_path_factory.mktemp("xapi-site"), "self", port)
    site.serve(lrs.endpoint, lrs.credentials.write)
    cleanups.append(site.stop)
    return lrs, site


class LoginSite(NamedTuple):
    lrs: LocalRalph
    site: XapiSite
    passwords: dict[str, str]  # user -> password: two learners (A0001, A0002) and a trainer (T0001)
    login: Path  # the htpasswd file
    trainers: Path


def make_login_site(tmp_path_factory, cleanups) -> LoginSite:
    """Ralph, and the site built for a login (CKB_XAPI=login) behind nginx with two local
    learners and a trainer standing in for the intranet's login (an htpasswd file)."""
    port = free_port()
    lrs = LocalRalph(tmp_path_factory.mktemp("login-ralph"), f"http://127.0.0.1:{port}/")
    lrs.start()
    cleanups.append(lrs.stop)
    logins = tmp_path_factory.mktemp("logins")
    passwords = ralph.create_logins(logins, learners=("A0001", "A0002"), trainers=("T0001",))
    site = XapiSite(tmp_path_factory.mktemp("login-site"), "login", port)
    site.serve(lrs.endpoint, lrs.credentials.write, login=logins / "htpasswd", trainers=logins / "trainers")
    cleanups.append(site.stop)
    return LoginSite(lrs, site, passwords, logins / "htpasswd", logins / "trainers")


# --- Learning through the page ---------------------------------------------------------


def learner_context(browser, backoff=FAST_RETRY, **options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    context.add_init_script(f"window.ckbSeed = 7; window.ckbXapiBackoff = {json.dumps(backoff)}")
    return context


def give_learner(page, learner_id, name):
    """Fill the form that the first learning event brings up."""
    form = page.get_by_role("complementary", name="学习记录")
    expect(form).to_be_visible()
    form.get_by_label("工号").fill(learner_id)
    form.get_by_label("姓名").fill(name)
    form.get_by_role("button", name="保存").click()
    expect(form.get_by_role("status")).to_contain_text(f"{name}（工号 {learner_id}）")


def answer_question(page, question, right=True):
    answer(page, question, right=right)
    submit(page, question.id)
    expect(block(page, question.id).locator(".ckb-question__result")).not_to_be_empty()


def wait_queue_empty(page, timeout=20000):
    page.wait_for_function("() => window.ckb && ckb.xapi && ckb.xapi.queue().length === 0", timeout=timeout)


def queue(page) -> list[dict]:
    return page.evaluate("() => ckb.xapi.queue()")


def play_good_ending(page, site_url):
    page.goto(site_url + "scenarios/")
    rage = scenario(page, "rage-banner")
    for reply in GOOD_PATH:
        pick(rage, reply)
    expect(rage.locator(".ckb-scenario__ending-type")).to_have_text("结局：化解")


def take_exam(page, site_url, questions, wrong_ids):
    page.goto(site_url + "exam/")
    for question in questions:
        answer(page, question, right=question.id not in wrong_ids)
    page.get_by_role("button", name="交卷").click()
    expect(page.locator(".ckb-exam__sheet .ckb-quiz__score")).to_contain_text("综合测验：答对")
