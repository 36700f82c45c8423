"""The macros package's pieces, called directly."""

from datetime import date

import jieba
import pytest
from pydantic import ValidationError

from macros.domain.errors import Problem
from macros.domain.review import ReviewPolicy
from macros.domain.schema import Card
from macros.integration.navigation import prune_large_navigation
from macros.integration.search_terms import teach_search_terms
from macros.settings import Settings
from macros.views.links import SiteLinks, relative_url
from macros.views.qr import QrCodes, reachable_base
from macros.views.render import Partials, template_environment
from tests.helpers import ROOT

CARD = {
    "id": "sample",
    "title": "<b>标题</b>",
    "chapter": "principles",
    "owner": "<u>柜面主管</u>",
    "reviewed": date(2026, 1, 1),
    "tags": ["principle"],
    "situation": [{"deck": "客户说：“你好”"}],
    "do": [{"example": "<em>先听</em>", "from": "<b>倾听</b>"}],
    "say": [{"deck": "<script>alert(1)</script>", "speaker": "<i>主管</i>"}],
    "why": [{"note": "因为 & 所以"}],
}


@pytest.fixture
def partials():
    return Partials(template_environment(ROOT))


def test_card_partial_escapes_every_text(partials):
    html = partials.render("card", card=Card(**CARD), level=3, anchor="card-sample", tag_labels=["<i>原则</i>"])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<u>" not in html
    assert "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "因为 &amp; 所以" in html
    assert '<h3 class="ckb-card__title" id="card-sample">' in html


def test_partial_output_has_no_blank_line_to_end_the_html_block(partials):
    html = partials.render("card", card=Card(**CARD), level=2, anchor="card-sample", tag_labels=[],
                           overdue=True, qr={"svg": "<svg></svg>", "link": "http://kb/x"})
    assert "\n\n" not in html and html.startswith("<article")


@pytest.mark.parametrize(
    ("target", "from_page", "expected"),
    [
        ("principles/#card-x", "taboos/", "../principles/#card-x"),
        ("principles/#card-x", "principles/", "./#card-x"),
        ("principles/", "", "principles/"),
        ("principles.html#q-y", "taboos.html", "principles.html#q-y"),
    ],
)
def test_relative_url(target, from_page, expected):
    assert relative_url(target, from_page) == expected


def test_chapter_urls_follow_use_directory_urls(source):
    docs = ROOT / "docs"
    assert SiteLinks(source, docs, use_directory_urls=True).chapter("taboos") == "taboos/"
    assert SiteLinks(source, docs, use_directory_urls=False).chapter("taboos") == "taboos.html"


def test_question_link_names_the_section_heading(source):
    question = next(q for q in source.questions if q.teaches.section == "taboos#taboo-promise")
    url, title = SiteLinks(source, ROOT / "docs", True).teaches(question.teaches)
    assert (url, title) == ("taboos/#taboo-promise", "向客户承诺自己做不到的事")


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (Problem(("cards", 2, "say", 1), "must not be empty", 40, "type-rage"),
         "training.yml:40, card 'type-rage', field 'say[1]': must not be empty"),
        (Problem(("questions", 0, "options", 2, "feedback"), "Field required", 7),
         "training.yml:7, question #1, field 'options[2].feedback': Field required"),
        (Problem((), "YAML syntax error: oops", 3), "training.yml:3: YAML syntax error: oops"),
        (Problem(("tags", "x"), "bad"), "training.yml, field 'tags.x': bad"),
    ],
)
def test_problem_names_file_line_entry_and_field(problem, expected):
    assert problem.describe("training.yml") == expected


@pytest.mark.parametrize("text", ["第 1 题", "Hello 世界", "“你好”", "柜面主管/经理"])
def test_texts_on_one_line_are_accepted(text):
    assert Card(**{**CARD, "why": [{"note": text}]}).why[0].text == text


@pytest.mark.parametrize("text", ["柜面\n主管", "柜面 主管", "说。\n然后"])
def test_hard_wrapped_chinese_is_refused(text):
    with pytest.raises(ValidationError, match="write it on one line"):
        Card(**{**CARD, "why": [{"note": text}]})


def test_card_without_anything_to_do_or_say_is_refused():
    for part in ("do", "say"):
        with pytest.raises(ValidationError, match="at least 1 item"):
            Card(**{**CARD, part: []})


def test_search_terms_are_kept_whole_by_jieba(source):
    teach_search_terms(source)
    assert "群访" in jieba.lcut("今天遇到群访客户")
    assert "拉横幅" in jieba.lcut("客户说要拉横幅")


# --- Review dates -----------------------------------------------------------


def test_a_card_is_due_for_review_one_day_after_its_interval():
    card = Card(**CARD)  # reviewed 2026-01-01
    assert not ReviewPolicy(180, date(2026, 6, 30)).is_overdue(card)  # day 180
    assert ReviewPolicy(180, date(2026, 7, 1)).is_overdue(card)
    assert ReviewPolicy(30, date(2026, 2, 1)).overdue_cards([card]) == [card]


@pytest.mark.parametrize("extra", [{"review_interval_days": 0}, {"review_interval_days": "180"},
                                   {"review_interval_days": True}])
def test_review_interval_must_be_whole_days(extra):
    with pytest.raises(Exception, match="review_interval_days must be a whole number of days"):
        assert Settings({"extra": extra}).review_interval_days


@pytest.mark.parametrize("pages", [0, "50", True, 2.5])
def test_navigation_prune_pages_must_be_a_whole_number(pages):
    with pytest.raises(Exception, match=r"^mkdocs.yml: extra.navigation_prune_pages must be a whole number of pages"):
        assert Settings({"extra": {"navigation_prune_pages": pages}}).navigation_prune_pages


@pytest.mark.parametrize(("pages", "from_pages", "pruned"), [(18, 50, False), (50, 50, True), (72, 50, True),
                                                            (600, None, False)])
def test_the_navigation_is_pruned_from_so_many_pages_on(pages, from_pages, pruned, tmp_path):
    class Config(dict):
        theme = {"features": ["navigation.instant"]}

    config = Config(nav=[{"首页": "index.md"}, {"练习": [f"page-{number}.md" for number in range(pages - 1)]}],
                    docs_dir=str(tmp_path))
    prune_large_navigation(config, from_pages)
    assert ("navigation.prune" in config.theme["features"]) is pruned


def test_review_interval_defaults_to_180_days():
    assert Settings({"extra": {}}).review_interval_days == 180


# --- QR codes -------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, "", "http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/"])
def test_no_qr_code_for_an_address_no_phone_can_open(site_url):
    assert reachable_base(site_url) is None
    assert QrCodes(site_url).code("principles/") is None


def test_qr_code_is_an_inline_svg_of_the_full_link():
    codes = QrCodes("http://kb.intranet.example/kb/")
    assert codes.link("principles/#card-x") == "http://kb.intranet.example/kb/principles/#card-x"
    code = codes.code("principles/#card-x")
    assert code["link"] == "http://kb.intranet.example/kb/principles/#card-x"
    assert code["svg"].startswith("<svg") and "http" not in code["svg"]  # a drawing, no outside reference
