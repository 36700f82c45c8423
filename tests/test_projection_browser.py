"""投影 on a 1280×720 and a 1920×1080 projector: every projectable block of three pages fits
the screen (measured), shows its place (3 / 11) and the keys, and → / PageDown step
through a long block's parts before the next block. Set CKB_SHOTS=<folder> to keep a
screenshot of every screen for looking at."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import nav_pages_of, watch

pytestmark = pytest.mark.browser

SCREENS = [(1280, 720), (1920, 1080)]
PAGES = nav_pages_of("customer-types/", "principles/", "trainer-guide/")
COUNTER = re.compile(r"^(\d+) / (\d+)$")
PART = re.compile(r"第 (\d+) / (\d+) 屏")

STATE = """() => {
  const stage = document.querySelector('.ckb-projection')
  const bar = stage.querySelector('.ckb-projection__bar')
  const folded = el => el.parentElement?.closest('details:not([open])') && !el.closest('summary')
  const shown = [...stage.querySelectorAll('*')]
    .filter(el => el.getClientRects().length && !bar.contains(el) && !folded(el))
  const text = shown.filter(el => el.matches('li, dd, p, legend') && el.textContent.trim())
  const boxes = shown.map(el => el.getBoundingClientRect())
  return {
    anchor: new URL(location.href).searchParams.get('projection'),
    counter: stage.querySelector('.ckb-projection__counter').textContent,
    part: stage.querySelector('.ckb-projection__part').textContent,
    hint: stage.querySelector('.ckb-projection__hint').textContent,
    overflow: stage.scrollHeight - stage.clientHeight,
    lowest: Math.max(...boxes.map(box => box.bottom)),
    widest: Math.max(...boxes.map(box => box.right)),
    barTop: bar.getBoundingClientRect().top,
    sizes: text.map(el => parseFloat(getComputedStyle(el).fontSize)),
    stageSize: parseFloat(getComputedStyle(stage).fontSize),
    // what the screen shows besides the block's own heading: never nothing
    shown: shown.filter(el => !el.matches('h1, h2, h3, h4, h5, h6') && !el.closest('h1, h2, h3, h4, h5, h6'))
      .map(el => [...el.childNodes].filter(node => node.nodeType === Node.TEXT_NODE).map(node => node.textContent)
      .join('').trim()).join(''),
  }
}"""

# What the page offers to project, in reading order: every heading with an id in the
# article (a card's or question's title stands for the whole block).
ANCHORS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)[id]')]
  .filter(h => !h.closest('.ckb-visually-hidden, .ckb-phrasebook') && !h.matches('.ckb-visually-hidden'))
  .map(h => h.id)"""


@pytest.fixture(params=SCREENS, ids=lambda size: f"{size[0]}x{size[1]}")
def projector(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def _usual_size(width: int) -> float:
    """Today's projected size, clamp(1.25rem, 2.6vw, 3rem) in ckb.css (rem is 20 px, 22 px from 1600 px)."""
    rem = 22 if width >= 1600 else 20
    return min(max(1.25 * rem, 0.026 * width), 3 * rem)


def _shot(page, name):
    folder = os.environ.get("CKB_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("path", PAGES)
def test_every_block_fits_the_screen_and_the_keys_step_through_parts_then_blocks(projector, site_url, path):
    page = projector
    seen = watch(page, site_url)
    page.goto(site_url + path)
    anchors = page.evaluate(ANCHORS)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    least, usual = height / 30, _usual_size(width)
    page.goto(f"{site_url}{path}?projection={anchors[0]}")
    expect(page.locator(".ckb-projection")).to_have_count(1)

    visited, screens, at_usual_size = [], 0, 0
    while True:
        state = page.evaluate(STATE)
        screens += 1
        where = (path, state["anchor"], state["part"])
        _shot(page, f"{width}-{path.strip('/')}-{screens:02d}")
        assert state["overflow"] <= 0 and state["lowest"] <= state["barTop"] + 1, where
        assert state["widest"] <= width, where
        assert state["shown"], where  # no screen shows a heading over nothing
        number, total = map(int, COUNTER.match(state["counter"]).groups())
        assert "PageDown" in state["hint"] and "Esc" in state["hint"]
        assert least - 0.5 <= state["stageSize"] <= usual + 0.5, (where, state["stageSize"])
        assert all(size >= least - 0.5 for size in state["sizes"]), (where, state["sizes"])
        at_usual_size += state["stageSize"] >= usual - 0.5
        part = PART.search(state["part"])
        if not visited or visited[-1] != state["anchor"]:
            visited.append(state["anchor"])
            assert part is None or part.group(1) == "1", where  # a block starts at its first part
        assert number == len(visited), where  # the counter counts the blocks shown, in order
        page.keyboard.press("PageDown")
        after = page.evaluate(STATE)
        if part and int(part.group(1)) < int(part.group(2)):  # the next part of the same block
            assert after["anchor"] == state["anchor"], where
            assert PART.search(after["part"]).group(1) == str(int(part.group(1)) + 1), where
        elif number < total:  # then the next block, in the page's order
            assert anchors.index(after["anchor"]) > anchors.index(state["anchor"]), where
        else:
            assert after["anchor"] == state["anchor"] and after["part"] == state["part"]  # the end
            break
    assert total == len(visited)
    assert visited == [anchor for anchor in anchors if anchor in visited]
    assert screens > len(visited)  # some blocks are long enough to need parts
    assert at_usual_size >= 1  # short blocks keep today's projected size
    page.keyboard.press("Escape")
    expect(page.locator(".ckb-projection")).to_have_count(0)
    assert seen == {"errors": [], "foreign": []}

    # A heading passed over (本章测验 over its questions) would have been a screen of a
    # heading alone: projecting it shows the block that follows it.
    skipped = [anchor for anchor in anchors if anchor not in visited]
    if path != "trainer-guide/":
        assert "quiz" in skipped
    for anchor in skipped:
        page.goto(f"{site_url}{path}?projection={anchor}")
        expect(page.locator(".ckb-projection")).to_have_count(1)
        following = next(other for other in anchors[anchors.index(anchor):] if other in visited)
        assert page.evaluate(STATE)["anchor"] == following, anchor


def test_page_up_goes_back_through_the_parts(projector, site_url):
    page = projector
    page.goto(site_url + "customer-types/?projection=card-type-silent-evidence")
    first = page.evaluate(STATE)
    page.keyboard.press("PageDown")
    second = page.evaluate(STATE)
    assert second["anchor"] == "card-type-silent-evidence" and second["part"] != first["part"]
    page.keyboard.press("PageUp")
    assert page.evaluate(STATE)["part"] == first["part"]
    page.keyboard.press("ArrowLeft")  # back into the previous card, at its last part
    before = page.evaluate(STATE)
    assert before["anchor"] == "card-type-crying"
    part = PART.search(before["part"])
    assert part is None or part.group(1) == part.group(2)


def test_a_projected_questions_answer_is_projection_size(projector, site_url):
    page = projector
    height = page.viewport_size["height"]
    page.goto(site_url + "customer-types/?projection=q-type-rage-banner")
    question = page.locator('section[data-question="type-rage-banner"]')
    expect(question.locator("summary")).to_be_hidden()  # the room answers first
    question.locator(".ckb-option__input").first.check()
    question.get_by_role("button", name="提交").click()
    expect(question.locator("summary")).to_be_visible()
    # The projection lays the block out again in the next animation frame (submit, then
    # the answer's toggle): wait for two frames to have passed.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    explanation = question.locator(".ckb-answer__explanation")
    expect(question.locator(".ckb-answer__key")).to_be_visible()  # the answer's part shows when it opens
    for _ in range(4):  # a long answer fills the next parts
        if explanation.is_visible():
            break
        page.keyboard.press("PageDown")
    expect(explanation).to_be_visible()
    state = page.evaluate(STATE)
    assert state["anchor"] == "q-type-rage-banner" and state["overflow"] <= 0
    for selector in (".ckb-answer__explanation", ".ckb-answer__item", ".ckb-answer__key"):
        size = question.locator(selector).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= height / 30 - 0.5, (selector, size)
    radio = question.locator(".ckb-option__input").first.bounding_box()
    if radio:
        assert radio["height"] >= 16


def test_the_quizs_heading_projects_its_first_question(projector, site_url, source):
    page = projector
    page.goto(site_url + "principles/")
    first = next(question for question in source.questions if question.chapter == "principles")
    heading = page.locator("#quiz")
    heading.hover()
    heading.get_by_role("button", name="投影：本章测验").click()
    expect(page.locator(f'section[data-question="{first.id}"]')).to_have_class(re.compile("ckb-projection"))
    assert page.evaluate(STATE)["shown"]
    page.keyboard.press("PageUp")  # back past the quiz's heading, to the chapter's last card or section
    state = page.evaluate(STATE)
    assert state["anchor"] != "quiz" and state["shown"]


def test_a_section_that_is_not_a_card_projects_and_esc_returns_to_it(projector, site_url):
    page = projector
    page.goto(site_url + "customer-types/")
    heading = page.locator("#nine-kinds")
    heading.hover()
    heading.get_by_role("button", name="投影：九种抱怨客户").click()
    stage = page.locator(".ckb-projection")
    expect(stage).to_contain_text("媒体介入的客户")
    expect(stage.locator("li")).to_have_count(9)
    assert "?projection=nine-kinds" in page.url
    assert page.evaluate(STATE)["overflow"] <= 0
    page.keyboard.press("Escape")
    expect(stage).to_have_count(0)
    expect(heading).to_be_in_viewport()
    assert "projection" not in page.url
    assert page.locator("[id='nine-kinds']").count() == 1  # the projected copy left no second id


def test_the_guides_show_links_open_straight_into_projection(projector, site_url):
    page = projector
    page.goto(site_url + "trainer-guide/")
    links = page.locator(".ckb-session__block dt:text-is('展示') + dd a")
    assert links.count() >= 9
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        assert "?projection=" in href, href
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert any(href.endswith("risk-signals/?projection=risk-signals#risk-signals") for href in hrefs)  # a whole page
    shown = page.locator("#session-customer-types").locator("xpath=..").locator("dd a").first
    shown.click()
    page.wait_for_url(re.compile(r"customer-types/\?projection=nine-kinds#nine-kinds$"))
    expect(page.locator(".ckb-projection")).to_contain_text("九种抱怨客户")
    expect(page.locator(".ckb-projection__counter")).to_have_text(re.compile(COUNTER.pattern))
