"""The shape of the site's scripts (overrides/assets/javascripts/ckb.js): one name in the page,
`ckb`; components mounted once per element, across instant navigation; a broken component
leaves the others working."""

import re
from pathlib import Path

import material
import pytest
from playwright.sync_api import expect

from macros.integration.assets import current
from tests.helpers import ROOT, nav_pages_of

MATERIAL = Path(material.__file__).parent / "templates"
OURS = re.compile(r"/assets/javascripts/(?!bundle\.)[^/]+\.js$")  # every script but Material's bundle
PAGES = nav_pages_of("", "origins/", "quick/", "scenarios/", "progress/", "exam/", "trainer-guide/")


def window_names(page) -> set[str]:
    return set(page.evaluate("Object.keys(window)"))


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_the_site_adds_one_name_to_the_page_ckb(browser, site_url, site_dir, path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if path == "exam/":  # the exam's key, which exam.js loads after 交卷
        key = current(site_dir, "assets/javascripts/exam-key.js").relative_to(site_dir).as_posix()
        page.add_script_tag(url=site_url + key)
        assert page.evaluate("Object.keys(ckb.examKey).length") > 0
    ours = window_names(page)

    page.route(OURS, lambda route: route.abort())  # Material's own, without a script of ours
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    materials = window_names(page)
    assert "document$" in materials and "ckb" not in materials
    assert ours - materials == {"ckb"}
    context.close()


def add_probe(page, parent: str) -> None:
    """An element for the component `probe`, which counts its mounts on the element."""
    page.evaluate("""parent => {
        const probe = Object.assign(document.createElement("div"), { hidden: true, className: "probe" })
        probe.dataset.ckb = "probe"
        document.querySelector(parent).append(probe)
        const count = element => { element.dataset.mounts = Number(element.dataset.mounts || 0) + 1 }
        ckb.component("probe", { mount: count })
    }""", parent)  # registering again, as a late script would, mounts what is new and nothing twice


@pytest.mark.browser
def test_a_component_mounts_once_per_element_across_instant_navigation(page, site_url):
    page.goto(site_url + "origins/")
    page.wait_for_load_state("networkidle")  # Material has read the sitemap: links navigate instantly
    add_probe(page, "body")     # outside Material's container: the same element on every page
    add_probe(page, "article")  # in the page's content: Material brings a new one with each page
    mounts = page.locator(".probe")
    expect(mounts).to_have_count(2)
    assert [probe.get_attribute("data-mounts") for probe in mounts.all()] == ["1", "1"]

    for name, url in [("处理原则", "principles/"), ("投诉的产生", "origins/")]:
        page.locator(".md-nav--primary").get_by_role("link", name=name).first.click()
        expect(page).to_have_url(site_url + url)
        expect(mounts).to_have_count(1)  # the kept one: instant navigation, not a new document
        add_probe(page, "article")
        expect(mounts).to_have_count(2)
        assert [probe.get_attribute("data-mounts") for probe in mounts.all()] == ["1", "1"]

    # the site's own components on the page come back once: one answer, one event; one 投影 a heading
    page.evaluate("""() => document.addEventListener("ckb:answered", () => {
        document.body.dataset.answered = Number(document.body.dataset.answered || 0) + 1 })""")
    question = page.locator(".ckb-question[data-type=single]").first
    question.locator(".ckb-option__input").first.check()
    question.get_by_role("button", name="提交").click()
    expect(page.locator("body")).to_have_attribute("data-answered", "1")
    headings = page.locator("article h2[id]:has(.ckb-section-tools)")
    assert headings.count() > 0
    assert page.locator("article h2[id] .ckb-section-tools").count() == headings.count()


@pytest.mark.browser
def test_a_broken_component_leaves_the_others_working(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    def broken(*names):
        def handle(route):
            scripts = "".join(f"ckb.component('{name}', {{ mount() {{ throw new Error('broken on purpose') }} }})\n"
                              for name in names)
            route.fulfill(body=f"{route.fetch().text()}\n{scripts}", content_type="text/javascript")
        return handle

    # link-tools: its own elements; chapter-marks: the first on the page's element (main.html)
    page.route(re.compile(r"/ckb-core\.[0-9a-f]{8}\.min\.js$"), broken("link-tools", "chapter-marks"))
    page.goto(site_url + "origins/")
    page.evaluate("""() => __md_set("ckb.quiz.principles", { version: 2, attempt: 1, seed: 1, answers: {}, flags: [],
        submitted: false, scored: true, first: null, last: { score: 1, total: 5 }, best: { score: 1, total: 5 } })""")
    page.reload()

    expect(page.locator(".ckb-tools").first).to_have_attribute("hidden", "")  # the broken ones did break
    expect(page.locator(".md-nav--primary a[href$='principles/'] .ckb-nav-done")).to_have_count(0)
    # the page's other components, on the same element as chapter-marks
    expect(page.locator("article .ckb-section-tools").first).to_be_attached()
    # the quiz, on an element of its own
    question = page.locator(".ckb-question[data-type=single]").first
    question.locator(".ckb-option__input").first.check()
    question.get_by_role("button", name="提交").click()
    expect(question.locator(".ckb-question__result")).to_contain_text("请看下方解析")
    failed = {error.split(" Error:")[0] for error in errors if "broken on purpose" in error}
    assert failed == {"ckb: link-tools failed to mount", "ckb: chapter-marks failed to mount"}
    context.close()


def container_block(template: str) -> str:
    """The container block of a template (it holds the content block), white space folded."""
    start = template.index("{% block container %}")
    inner = template.index("{% endblock %}", template.index("{% block content %}", start))
    end = template.index("{% endblock %}", inner + 1) + len("{% endblock %}")
    return " ".join(template[start:end].split())


def test_main_html_writes_materials_container_again_with_the_page_components_only():
    ours = container_block((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"))
    theirs = container_block((MATERIAL / "base.html").read_text(encoding="utf-8"))
    names = re.search(r' data-ckb="([^"]+)"', ours).group(1)
    assert ours.replace(f' data-ckb="{names}"', "") == theirs, "Material's base.html changed: check main.html"
    assert set(names.split()) == {"chapter-marks", "projection", "recent-cards"}
