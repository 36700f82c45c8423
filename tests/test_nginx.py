"""The built site behind Debian's nginx with deploy/nginx.conf, as the intranet serves it."""

import gzip
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.helpers import PAGES, ROOT, answer, free_port, result_of, search, submit, wait_until, watch

pytestmark = pytest.mark.nginx

LOAD_CLIENTS = 200



@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    if not shutil.which("nginx"):
        pytest.fail("nginx is not installed: `make test` installs Debian's nginx")
    port = free_port()
    log = tmp_path_factory.mktemp("nginx") / "error.log"
    with log.open("w") as errors:
        server = subprocess.Popen([ROOT / "deploy/serve-nginx", site_dir, str(port)], start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=errors)
    url = f"http://127.0.0.1:{port}/"
    serving = wait_until(lambda: server.poll() is not None or fetch(url)[0] == 200, limit_s=10)
    if not serving or server.poll() is not None:
        pytest.fail(f"nginx did not serve the site:\n{log.read_text()}")
    yield url
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)


def fetch(url, gzip_ok=False):
    """Status, headers and body; a refused connection is status 0."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        response = error
    except urllib.error.URLError:
        return 0, {}, b""
    return response.status, response.headers, response.read()


def test_html_page_has_strict_security_headers_and_is_revalidated(nginx_url):
    status, headers, _ = fetch(nginx_url + "principles/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'sha256-")
    assert "unsafe-eval" not in policy and "unsafe-inline" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'self'" and directives["object-src"] == "'none'"
    assert "http" not in policy  # nothing outside the site
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-cache"


def test_fingerprinted_asset_is_cached_for_a_year(nginx_url, site_dir):
    bundle = next((site_dir / "assets/javascripts").glob("bundle.*.min.js")).name
    status, headers, _ = fetch(nginx_url + f"assets/javascripts/{bundle}")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_search_index_is_revalidated_and_compressed(nginx_url):
    status, headers, body = fetch(nginx_url + "search/search_index.json", gzip_ok=True)
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b'{"config"')


def test_missing_page_gets_materials_404(nginx_url):
    status, headers, body = fetch(nginx_url + "no-such-page/")
    assert status == 404
    assert "找不到这一页（404）" in body.decode("utf-8") and "话术速查" in body.decode("utf-8")
    assert headers["Content-Security-Policy"]


@pytest.mark.browser
def test_the_404_page_searches_for_the_words_to_say(nginx_url, page):
    """A teller who lands on a dead link types the situation and reaches 话术速查's answer."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(nginx_url + "some/old/page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("找不到这一页（404）")
    home = page.get_by_role("link", name="回到首页")
    assert page.evaluate("href => new URL(href, location.href).pathname", home.get_attribute("href")) == "/"
    box = page.get_by_label("说出或输入柜台前的情况，在话术速查里找该说的话：")
    assert box.bounding_box()["height"] >= 44
    box.fill("客户要退保")
    box.press("Enter")
    page.wait_for_url("**/quick/?filter=*")  # the site's address (site_url), wherever it is served
    assert page.evaluate("new URLSearchParams(location.search).get('filter')") == "客户要退保"
    expect(page.locator(".ckb-phrasebook__filter")).to_have_value("客户要退保")
    expect(page.locator(".ckb-phrasebook__results")).to_be_visible()


def test_build_files_outside_the_site_are_not_published(nginx_url):
    assert fetch(nginx_url + ".nginx-headers.conf")[0] == 404


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_runs_under_the_csp_without_violations_errors_or_foreign_requests(page, nginx_url, path):
    """Every page of the nav as served: no console error, no CSP violation, no request elsewhere."""
    seen = watch(page, nginx_url)
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        event => console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI))""")
    page.goto(nginx_url + path)
    page.wait_for_load_state("networkidle")
    assert seen == {"errors": [], "foreign": []}


@pytest.mark.browser
def test_search_and_quiz_work_under_the_csp(page, nginx_url, source):
    page.goto(nginx_url + "taboos/")
    escalation = next(question for question in source.questions if question.id == "taboo-escalation")
    answer(page, escalation)
    submit(page, escalation.id)
    expect(result_of(page, escalation.id)).to_contain_text("✔ 你答对了")

    results = search(page, "退保")
    expect(results.and_(page.locator("[href*='#card-']")).first).to_be_attached()


def test_bounded_load_on_loopback_has_no_errors(nginx_url):
    """200 clients at once against nginx on 127.0.0.1, each opening every page of the nav:
    every request is answered 200. A fixed number of requests, not a time: the result does not
    depend on how fast this machine is (the rate is printed, not asserted)."""
    pages = [nginx_url + path for path in PAGES]
    start = threading.Barrier(LOAD_CLIENTS)

    def client(number):
        start.wait()  # all at once
        failed = []
        for done in range(len(pages)):
            url = pages[(number + done) % len(pages)]
            try:
                status = fetch(url, gzip_ok=True)[0]
            except OSError as error:
                status = repr(error)
            if status != 200:
                failed.append((url, status))
        return failed

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=LOAD_CLIENTS) as pool:
        failed = [failure for failures in pool.map(client, range(LOAD_CLIENTS)) for failure in failures]
    seconds = time.monotonic() - began
    requests = LOAD_CLIENTS * len(pages)
    print(f"\nload: {LOAD_CLIENTS} clients, {requests} requests in {seconds:.1f} s "
          f"({requests / seconds:.0f}/s), {len(failed)} failed")
    assert failed == []
