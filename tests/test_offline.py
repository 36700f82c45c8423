"""The offline copy (make offline): a zip that works opened from disk, for rooms without the intranet."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import (
    GOOD_PATH,
    ROOT,
    TODAY,
    TODAY_VARIABLE,
    answer,
    goto_with_instant_navigation,
    pick,
    result_of,
    scenario,
    search,
    submit,
)

ZIP_NAME = "柜面投诉应对-offline.zip"
SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([str(ROOT / "deploy" / "build-offline"), str(dist)], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1",
                                 TODAY_VARIABLE: TODAY.isoformat()},
                            cwd=dist, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return dist / ZIP_NAME


@pytest.fixture(scope="module")
def offline_home(offline_zip, tmp_path_factory) -> str:
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(unpacked)
    return (unpacked / "柜面投诉应对-offline" / "index.html").as_uri()


@pytest.fixture
def offline_page(page):
    """A tab that records every request leaving the disk."""
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:", "about:"))
            else page.outside.append(request.url))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.mark.build
def test_the_zip_is_one_folder_with_the_shim_and_its_licence_and_no_server_files(offline_zip):
    names = zipfile.ZipFile(offline_zip).namelist()
    assert {name.split("/")[0] for name in names} == {"柜面投诉应对-offline"}
    files = {name.split("/", 1)[1] for name in names}
    assert {"index.html", "customer-types.html", "search/search_index.js", SHIM,
            "assets/javascripts/vendor/iframe-worker/LICENSE"} <= files
    assert ".nginx-headers.conf" not in files
    html = zipfile.ZipFile(offline_zip).read("柜面投诉应对-offline/index.html").decode()
    assert "unpkg" not in html and f'<script src="{SHIM}"' in html


@pytest.mark.build
@pytest.mark.browser
def test_pages_navigate_from_disk_without_instant_navigation(offline_page, offline_home):
    page = offline_page
    page.goto(offline_home)
    page.evaluate("window.__stayed = true")
    page.locator(".md-nav--primary").get_by_role("link", name="抱怨客户类型").first.click()
    expect(page).to_have_url(re.compile(r"/customer-types\.html$"))
    expect(page.locator("article h1")).to_contain_text("抱怨客户类型")
    assert page.evaluate("window.__stayed") is None, "a file:// page must load whole, not instantly"
    page.locator(".md-footer__link--next").click()
    expect(page).to_have_url(re.compile(r"/principles\.html$"))
    expect(page.locator("article h1")).to_contain_text("处理原则")
    assert page.outside == [] and page.errors == []


@pytest.mark.build
@pytest.mark.browser
def test_chinese_search_finds_a_card_from_disk(offline_page, offline_home):
    page = offline_page
    page.goto(offline_home)
    results = search(page, "客户哭了")
    card_result = results.filter(visible=True).and_(page.locator("[href*='#card-type-crying']")).first
    expect(card_result).to_be_visible()
    card_result.click()
    expect(page).to_have_url(re.compile(r"customer-types\.html(\?h=[^#]*)?#card-type-crying$"))
    expect(page.locator("#card-type-crying")).to_be_in_viewport()
    assert page.outside == [] and page.errors == []


@pytest.mark.build
@pytest.mark.browser
def test_quiz_filter_and_scenario_work_from_disk(offline_page, offline_home, source):
    page = offline_page
    base = offline_home.removesuffix("index.html")
    question = next(question for question in source.questions if question.chapter == "taboos")
    page.goto(base + "taboos.html")
    answer(page, question)
    submit(page, question.id)
    expect(result_of(page, question.id)).to_contain_text("你答对了")
    tools = page.locator(f".ckb-question[data-question='{question.id}'] .ckb-tools")
    expect(tools.get_by_role("button", name="投影")).to_be_visible()
    expect(tools.get_by_role("button", name="复制链接")).to_be_hidden()  # a file:// address helps nobody

    page.goto(base + "quick.html")
    page.locator(".ckb-phrasebook__filter").fill("横幅")
    expect(page.locator(".ckb-phrasebook__count")).to_have_text(re.compile(r"^找到 [1-9]\d* 条"))
    expect(page.locator(".ckb-phrasebook__results .ckb-phrase").first).to_have_attribute("data-card", "type-rage")

    page.goto(base + "scenarios.html")
    rage = scenario(page, "rage-banner")
    for reply in GOOD_PATH:
        pick(rage, reply)
    expect(rage.locator(".ckb-scenario__ending-type")).to_have_text("结局：化解")
    assert page.outside == [] and page.errors == []


@pytest.mark.browser
def test_the_intranet_build_keeps_instant_navigation(page, site_url):
    goto_with_instant_navigation(page, site_url)  # a click before Material reads its sitemap loads a page
    page.evaluate("window.__stayed = true")
    page.locator(".md-nav--primary").get_by_role("link", name="抱怨客户类型").first.click()
    expect(page).to_have_url(site_url + "customer-types/")
    assert page.evaluate("window.__stayed === true"), "a full page load: instant navigation is off"
