"""Pages print as handouts (Chromium's print media and PDF): nothing but the content, on
pages that are used, each with a running head and a page number.

The PDFs are measured with pypdf; to look at them, set CKB_PDFS=<folder> and render the
files it keeps with `pdftoppm -r 60 -png <file>.pdf <prefix>`. Their text is compared as read
(_as_read), so that the tests pass whichever CJK font prints it (WenQuanYi, Noto CJK…)."""

import io
import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.helpers import CHAPTER_PAGES, nav_pages_of

HANDOUT_PAGES = nav_pages_of("", "customer-types/", "principles/", "trainer-guide/", "scenarios/", "quick/",
                             "record-form/", "handout/", "run-sheet/", "exam/")
SCREEN_ONLY = [".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top",
               ".ckb-card__meta", ".ckb-phrasebook__help", ".ckb-section-tools", ".ckb-handout__intro",
               ".ckb-run-sheet__intro"]
CHAPTERS = CHAPTER_PAGES
PAGE_NUMBER = re.compile(r"第\s*(\d+)\s*/\s*(\d+)\s*页")
PRINT_DATE = re.compile(r"打印于\s*\d{4}-\d{2}-\d{2}")
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|file:/", re.IGNORECASE)


@pytest.fixture
def printed(page):
    page.emulate_media(media="print")
    return page


@pytest.mark.browser
@pytest.mark.parametrize("path", HANDOUT_PAGES)
def test_print_hides_navigation_header_search_and_buttons(printed, site_url, path):
    printed.goto(site_url + path)
    printed.wait_for_load_state("networkidle")
    for selector in SCREEN_ONLY:
        expect(printed.locator(selector).filter(visible=True)).to_have_count(0)
    expect(printed.locator("button").filter(visible=True)).to_have_count(0)
    title = "article caption" if path == "record-form/" else "article h1"  # the form is titled by its table
    expect(printed.locator(title)).to_be_visible()


@pytest.mark.browser
def test_print_hides_the_answers_of_a_quiz(printed, site_url):
    printed.goto(site_url + "principles/")
    expect(printed.locator(".ckb-question").first).to_be_visible()
    expect(printed.locator(".ckb-answer").filter(visible=True)).to_have_count(0)
    expect(printed.get_by_text("正确答案").filter(visible=True)).to_have_count(0)


@pytest.mark.browser
def test_print_keeps_each_card_and_question_on_one_page(printed, site_url):
    printed.goto(site_url + "principles/")
    for selector in (".ckb-card", ".ckb-question"):
        breaks = printed.locator(selector).evaluate_all(
            "blocks => blocks.map(block => getComputedStyle(block).breakInside)")
        assert breaks and set(breaks) == {"avoid"}, selector


@pytest.mark.browser
def test_print_writes_no_loopback_address_after_a_link(printed, site_url):
    printed.goto(site_url + "trainer-guide/")  # the test server is a loopback address: no reader could open it
    link = printed.locator("article a[href*='record-form/']").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    within = printed.locator(".ckb-session a[href*='#roleplay-']").first
    assert within.evaluate("a => getComputedStyle(a, '::after').content") == "none"


@pytest.mark.browser
def test_record_form_prints_on_one_a4_page(page, site_url):
    page.goto(site_url + "record-form/")
    page.wait_for_load_state("networkidle")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    text = _text(pdf.pages[0])
    for field in ("与投保人关系", "委托书", "险种", "缴费", "保额", "三个工作日内", "转交上级部门", "客户签名"):
        assert _as_read(field) in text, field


# --- Paper used well: page counts, fill, running head ------------------------------


def _pdf(page, site_url, path) -> PdfReader:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    data = page.pdf(format="A4", print_background=True)
    folder = os.environ.get("CKB_PDFS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{path.strip('/') or 'home'}.pdf").write_bytes(data)
    return PdfReader(io.BytesIO(data))


class Printed(NamedTuple):
    pdf: PdfReader
    course: str          # the header's course name, as the screen shows it
    title: str           # the page's h1, without its link and buttons
    headings: set[str]   # every heading of the article, as read from a PDF


_HEADINGS = ("hs => hs.map(h => { const c = h.cloneNode(true);"
             " c.querySelectorAll('a, button').forEach(e => e.remove()); return c.textContent.trim() })")


@pytest.fixture(scope="module")
def printed_pdf(browser, site_url):
    """Each page printed once for the module (several tests read one PDF): path -> Printed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cache: dict[str, Printed] = {}

    def printed(path: str) -> Printed:
        if path not in cache:
            pdf = _pdf(page, site_url, path)
            cache[path] = Printed(
                pdf, page.locator(".md-header__topic .md-ellipsis").first.text_content().strip(),
                page.locator("article h1").evaluate(_HEADINGS.replace("hs.map", "[hs].map")).pop(),
                {_as_read(h) for h in page.locator("article :is(h1, h2, h3, h4, h5, h6)").evaluate_all(_HEADINGS)})
        return cache[path]

    yield printed
    context.close()


# A CJK font may draw several code points with one glyph; Chromium's PDF then maps the glyph back
# to one of them, which pypdf reads. With Noto CJK, 人 reads as the Kangxi radical ⼈ (NFKC maps it
# back), 门 as the radical ⻔ of the CJK Radicals Supplement (mapped back by the table below, Unicode's
# EquivalentUnifiedIdeograph.txt for U+2E81–U+2EF3, as source–ideograph pairs), and 户 as its
# variant 戶. Both sides of a comparison are read so.
_SUPPLEMENT_RADICALS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌"
    "⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝"
    "⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_VARIANTS = "戶户戸户"
_READ = str.maketrans(dict(zip(_SUPPLEMENT_RADICALS[::2] + _VARIANTS[::2],
                               _SUPPLEMENT_RADICALS[1::2] + _VARIANTS[1::2], strict=True)))


def _as_read(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_READ)


def _text(pdf_page) -> str:
    return _as_read(pdf_page.extract_text())


def _content_lines(pdf_page) -> list[tuple[float, str]]:
    """The page's lines of text inside the page area (not the running head and foot), each
    with its height on the page in points. Chromium writes small text with a matrix that
    pypdf does not combine, so only text at the page's own scale is placed."""
    top, bottom = float(pdf_page.mediabox.top), float(pdf_page.mediabox.bottom)
    margin = 0.05 * (top - bottom)
    lines = []

    def visit(text, cm, tm, font, size):
        if text.strip() and abs(cm[0]) <= 1:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if bottom + margin < y < top - margin:
                lines.append((y, _as_read(text.strip())))

    pdf_page.extract_text(visitor_text=visit)
    return lines


def _filled(pdf_page) -> float:
    """How far down its page area the page's text reaches, 0 to 1."""
    top, bottom = float(pdf_page.mediabox.top), float(pdf_page.mediabox.bottom)
    lowest = min(y for y, _ in _content_lines(pdf_page))
    area_top, area_bottom = top - 16 / 297 * (top - bottom), bottom + 15 / 297 * (top - bottom)  # @page margins
    return (area_top - lowest) / (area_top - area_bottom)


@pytest.mark.browser
@pytest.mark.parametrize(("path", "most"), [("handout/", 2), ("run-sheet/", 1), ("customer-types/", 5)])
def test_handouts_print_on_few_pages(printed_pdf, path, most):
    pdf = printed_pdf(path).pdf
    assert 1 <= len(pdf.pages) <= most
    if path == "run-sheet/":
        assert len(pdf.pages) == 1


@pytest.mark.browser
@pytest.mark.parametrize("path", nav_pages_of(*CHAPTERS, "handout/", "trainer-guide/"))
def test_no_printed_page_but_the_last_is_less_than_half_full(printed_pdf, path):
    pdf = printed_pdf(path).pdf
    filled = [round(_filled(pdf_page), 2) for pdf_page in pdf.pages]
    assert all(fill >= 0.5 for fill in filled[:-1]), filled


@pytest.mark.browser
@pytest.mark.parametrize("path", nav_pages_of(*CHAPTERS, "trainer-guide/", "quick/"))
def test_a_heading_never_ends_a_printed_page(printed_pdf, path):
    pdf, headings = printed_pdf(path).pdf, printed_pdf(path).headings
    for number, pdf_page in enumerate(pdf.pages[:-1], start=1):
        lines = sorted(_content_lines(pdf_page), reverse=True)
        last_y = lines[-1][0]
        last_line = "".join(text for y, text in lines if abs(y - last_y) < 2)
        assert last_line not in headings, (number, last_line)


@pytest.mark.browser
@pytest.mark.parametrize("path", nav_pages_of(*CHAPTERS, "handout/", "run-sheet/", "trainer-guide/", "quick/"))
def test_every_printed_page_names_the_course_the_page_and_its_number(printed_pdf, path):
    pdf, course, title = printed_pdf(path)[:3]
    for number, pdf_page in enumerate(pdf.pages, start=1):
        text = _text(pdf_page)
        flat = re.sub(r"\s+", "", text)
        assert _as_read(course) in flat and re.sub(r"\s+", "", _as_read(title)) in flat, (number, text[:80])
        assert PRINT_DATE.search(text), number
        found = PAGE_NUMBER.search(text)
        assert found and found.groups() == (str(number), str(len(pdf.pages))), (number, text[-80:])


@pytest.mark.parametrize("path", nav_pages_of(*CHAPTERS, "quick/", "trainer-guide/", "run-sheet/", "handout/",
                                              "scenarios/"))
@pytest.mark.browser
def test_no_loopback_or_file_address_is_printed(printed_pdf, path):
    pdf = printed_pdf(path).pdf
    text = "".join(_text(pdf_page) for pdf_page in pdf.pages)
    assert not LOOPBACK.search(text), LOOPBACK.search(text).group(0)


INTRANET = "http://kb.intranet.example/"


@pytest.fixture
def intranet_page(browser, site_url):
    """The site as staff open it on the intranet: the loopback server behind another name."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def serve(route):
        response = route.fetch(url=route.request.url.replace(INTRANET, site_url, 1))
        route.fulfill(response=response)

    context.route(f"{INTRANET}**", serve)
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.unroute_all(behavior="ignoreErrors")  # a request still on its way when the test ends
    context.close()


@pytest.mark.browser
def test_a_link_prints_its_address_where_a_reader_could_open_it(intranet_page):
    page = intranet_page
    page.goto(INTRANET + "customer-types/")
    link = page.locator(".ckb-question a[href*='customer-types/#card-']").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") == "none"  # within the page
    page.goto(INTRANET + "trainer-guide/")
    link = page.locator("article a[href*='record-form/']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert f"{INTRANET}record-form/" in after
    assert urlparse(INTRANET).hostname == "kb.intranet.example"


# --- 话术随身卡 and 课程流程单, from training.yml -------------------------------------


def test_handout_holds_every_cards_situation_do_say_and_dont_say(soup_of, source):
    handout = soup_of("handout/").select_one(".ckb-handout")
    text = handout.get_text()
    for card in source.cards:
        assert card.title in text, card.id
        for line in [*card.situation, *card.do, *card.say, *card.dont_say]:
            assert line.text in text, (card.id, line.text)
    assert not handout.select(".ckb-card__keyword, .ckb-card__tag, .ckb-card__why, button, [data-card], [id^='card-']")
    for kind in ("deck", "example", "note"):
        assert handout.select(f".ckb-mark--{kind}"), kind


def test_run_sheet_is_the_session_plan_as_one_table(soup_of, source):
    sheet = soup_of("run-sheet/").select_one("table.ckb-run-sheet")
    heads = [th.get_text() for th in sheet.select("thead th")]
    assert heads == ["时间", "段落", "展示", "讨论", "角色扮演", "测验"]
    rows = sheet.select("tbody tr")
    assert len(rows) == len(source.session)
    for row, block in zip(rows, source.session, strict=True):
        assert block.title in row.get_text()
        assert all(prompt in row.get_text() for prompt in block.prompts)
        assert len(row.select("td:nth-of-type(2) a")) == len(block.show)
