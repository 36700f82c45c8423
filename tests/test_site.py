"""The built site, parsed: pages, ids, cards, questions, links, search index, no outside requests."""

import re
from urllib.parse import urldefrag, urljoin, urlparse
from xml.etree import ElementTree

import pytest

from macros.domain.query import card_content
from macros.integration.assets import current
from macros.integration.search_index import read_query_data
from tests.helpers import DECK_CHAPTERS, NAV, PAGES, all_pages

ASCII_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WRAPPED_CHINESE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")

# Every line of phrasing and every dialogue line of the deck, cleaned of extraction errors.
DECK_LINES = [
    "我就是柜面主管/经理。",
    "这件事情由我来负责。",
    "这是我们经理，有什么事情可以跟他说。",
    "我们真的非常同情你。",
    "如果是我，可能也会这样。",
    "如果事情是这样，我们会帮助你的。",
    "如果你们公司不能尽快解决此事，我将找我的媒体朋友。",
    "你们不仅不能损失我的本金，而且必须给我利息！",
    "按照合同约定，现在退保是有损失的，建议您再考虑一下。",
    "你们的业务员当初上保险的时候，就是跟我这么承诺的。",
    "那业务员给您留下什么书面资料了吗？",
    "您认为受到了业务员的误导，所以要求全额退保并支付利息损失，是吗？",
    "来访人的姓名、与投保人关系、险种、缴费、保额等",
    "根据保单事实，您不是保单的投保人。为了能使您所反映的问题顺利得到处理，可否明确投保人，"
    "我们会主动与他联系。如果您有委托书，您完全可以代表投保人处理此事。",
    "您反映的问题很重要，请您填写客户沟通记录表，我们会转交上级部门，我们会在三个工作日内与您联系。",
    "您现在急需用钱，您看是贷款呢，还是使用公司给客户的2年内保单恢复期？",
    "您是退保还是保留保单？",
]


@pytest.fixture(scope="module")
def pages(site_dir):
    return all_pages(site_dir)


@pytest.fixture(scope="module")
def query_data(site_dir):
    """The query data the build wrote (ckb-query-data.js, under its content-hashed name)."""
    return read_query_data(current(site_dir, "assets/javascripts/ckb-query-data.js").read_text(encoding="utf-8"))


# --- Pages and ids ----------------------------------------------------------


def test_every_nav_page_is_built_with_its_explicit_id(nav_pages, soup_of):
    for url, page_id in nav_pages.items():
        h1 = soup_of(url).select_one("article h1")
        assert h1 is not None and h1.get("id") == page_id, url


def test_nav_follows_the_deck(soup_of):
    """The site shows mkdocs.yml's nav as written, and its chapters come in the deck's order."""
    titles = [link.get_text(strip=True) for link in soup_of("").select(
        ".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")]
    assert titles == [page.title for page in NAV if page.section is None]
    chapters = [page.heading_id for page in NAV if page.heading_id in DECK_CHAPTERS]
    assert chapters == DECK_CHAPTERS


def test_the_pages_the_tests_open_are_every_page_the_site_has(site_dir, site_url):
    """helpers.PAGES, read from mkdocs.yml's nav, is what MkDocs built: no page is left unopened."""
    sitemap = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    locs = sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    built = sorted(loc.text.strip().removeprefix(site_url) for loc in locs)
    assert built == sorted(PAGES)
    assert len(PAGES) == len(set(PAGES))


def test_every_heading_has_a_stable_ascii_id(pages):
    for name, soup in pages.items():
        if name == "404.html":  # Material's own page, never a link target
            continue
        for heading in soup.select("article h1, article h2, article h3, article h4, article h5, article h6"):
            assert ASCII_ID.match(heading.get("id", "")), f"{name}: {heading.get_text(strip=True)!r}"


def test_no_page_repeats_an_id(pages):
    for name, soup in pages.items():
        ids = [element["id"] for element in soup.select("[id]")]
        assert len(ids) == len(set(ids)), name


def test_chinese_is_never_broken_by_a_stray_space(pages):
    for name, soup in pages.items():
        article = soup.select_one("article")
        if article is None:
            continue
        for text in article.find_all(string=True):
            assert not WRAPPED_CHINESE.search(text), f"{name}: {text!r}"


# --- Cards and questions ----------------------------------------------------


def test_every_card_is_on_its_chapter_page(source, soup_of):
    for card in source.cards:
        heading = soup_of(f"{card.chapter}/").find(id=f"card-{card.id}")
        assert heading is not None, card.id
        assert heading.get_text(strip=True).startswith(card.title)
        article = heading.find_parent(class_="ckb-card")
        for line in [*card.say, *card.dont_say, *card.do]:
            assert line.text in article.get_text(), (card.id, line.text)


def test_cards_show_their_keywords_as_chips(source, soup_of):
    for card in source.cards:
        article = soup_of(f"{card.chapter}/").find(id=f"card-{card.id}").find_parent(class_="ckb-card")
        chips = [chip.get_text() for chip in article.select(".ckb-card__keyword")]
        assert chips == list(card.keywords)


def test_staff_words_are_ranked_and_shown_nowhere(source, query_data, soup_of):
    """vocabulary.staff_words join their card's or section's ranking document, not its page."""
    docs = {doc["id"]: doc for doc in query_data["docs"]}
    assert source.vocabulary.staff_words
    for answer, words in source.vocabulary.staff_words.items():
        assert docs[answer]["staff"].split() == words, answer
        if docs[answer]["kind"] == "card":  # a section is prose: its page may say a word elsewhere
            page, _, anchor = docs[answer]["url"].partition("#")
            card = soup_of(page).find(id=anchor).find_parent(class_="ckb-card")
            assert not [word for word in words if word in card.get_text()], answer


def test_say_and_dont_say_are_labelled_not_just_coloured(soup_of):
    card = soup_of("six-steps/").find(id="card-step-4-offer-options").find_parent(class_="ckb-card")
    labels = [label.get_text(" ", strip=True) for label in card.select(".ckb-card__label")]
    assert "✔ 怎么说" in labels and "✘ 不要怎么说" in labels


def test_every_question_is_on_its_chapter_page_with_its_answer(source, soup_of):
    for question in source.questions:
        heading = soup_of(f"{question.chapter}/").find(id=f"q-{question.id}")
        assert heading is not None, question.id
        block = heading.find_parent(class_="ckb-question")
        options = [text.get_text() for text in block.select(".ckb-option__text")]
        assert options == [option.text for option in question.options]
        answer = block.select_one("details.ckb-answer")
        assert question.explanation in answer.get_text()
        key = answer.select_one(".ckb-answer__key").get_text()
        if question.options:
            letters = "、".join("ABCDEFGHIJ"[i] for i, o in enumerate(question.options) if o.correct)
            assert key == f"正确答案：{letters}"
        if question.blanks:
            blanks = "；".join(f"第 {n} 空：{' / '.join(accepted)}" for n, accepted in enumerate(question.blanks, 1))
            assert key == f"正确答案：{blanks}"
        if question.type == "ordering":
            assert key == f"正确答案：{' → '.join(question.order)}"


def test_every_question_links_to_where_it_is_taught(source, site_dir, soup_of):
    for question in source.questions:
        page_url = f"{question.chapter}/"
        block = soup_of(page_url).find(id=f"q-{question.id}").find_parent(class_="ckb-question")
        href = block.select_one(".ckb-answer__teaches a")["href"]
        path, anchor = urldefrag(urljoin(f"/{page_url}", href))
        expected = f"card-{question.teaches.card}" if question.teaches.card else question.teaches.section.split("#")[1]
        assert anchor == expected, question.id
        assert soup_of(path.strip("/") + "/" if path != "/" else "").find(id=anchor) is not None


def test_every_deck_phrasing_line_is_on_a_card(pages):
    card_texts = [card.get_text() for soup in pages.values() for card in soup.select(".ckb-card")]
    for line in DECK_LINES:
        assert any(line in text for text in card_texts), line


def test_principle_one_example_is_presented_as_what_not_to_say(soup_of):
    card = soup_of("principles/").find(id="card-principle-calm-first").find_parent(class_="ckb-card")
    dont = card.select_one(".ckb-card__lines--dont-say").get_text()
    assert "按照合同约定，现在退保是有损失的" in dont
    assert "没有标明" in soup_of("principles/").select_one(".admonition").get_text()


# --- Links and outside requests ---------------------------------------------


def test_every_internal_link_and_anchor_resolves(site_dir, site_url, pages):
    for name, soup in pages.items():
        base = "/" + name
        for link in soup.select("a[href]"):
            href = link["href"]
            if urlparse(href).scheme:
                assert href.startswith(site_url), f"{name}: {href}"
                href = "/" + href[len(site_url):]
            path, anchor = urldefrag(urljoin(base, href))
            target = site_dir / path.lstrip("/")
            if path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{name}: {href}"
            if anchor and target.suffix == ".html":
                target_soup = pages[target.relative_to(site_dir).as_posix()]
                assert target_soup.find(id=anchor) is not None, f"{name}: {href}"


def test_nothing_is_loaded_or_linked_from_another_host(site_dir, site_url, pages):
    own_host = urlparse(site_url).netloc
    for name, soup in pages.items():
        for element in soup.select("script[src], link[href], img[src], iframe[src], source[src], a[href]"):
            url = element.get("src") or element.get("href")
            assert urlparse(url).netloc in ("", own_host) and not url.startswith("//"), f"{name}: {url}"
        assert "Material for MkDocs" not in soup.select_one("footer").get_text()
    for stylesheet in site_dir.rglob("*.css"):
        css = stylesheet.read_text(encoding="utf-8")
        assert "@import" not in css, stylesheet
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            assert url.startswith("data:") or not urlparse(url).netloc, f"{stylesheet}: {url}"


# --- Search index -----------------------------------------------------------


def _tokens(search_index: dict, entry: dict) -> set[str]:
    separator = re.compile(search_index["config"]["separator"])
    return set(separator.split(entry["title"] + " " + entry["text"])) - {""}


def test_search_index_is_segmented_with_zero_width_spaces(search_index):
    assert "\u200b" in search_index["config"]["separator"] or "\\u200b" in search_index["config"]["separator"]
    prose = [entry for entry in search_index["docs"]
             if "#card-" not in entry["location"] and re.search(r"[\u3400-\u9fff]{2}", entry["text"])]
    assert len(prose) >= 10 and all("\u200b" in entry["text"] for entry in prose)


def test_query_words_hold_each_cards_words_as_material_cut_them(source, query_data):
    """A card's index entry is its text, not cut again: the words a query is cut into
    come from the card's section as Material's search plugin cut it."""
    words = set(query_data["words"])
    for card in source.cards:
        missing = [keyword for keyword in card.keywords
                   if re.fullmatch(r"[\u3400-\u9fff]{2,}", keyword) and keyword not in words]
        assert not missing, (card.id, missing)


def test_every_card_is_its_own_search_result_with_its_keywords(source, search_index):
    entries = {entry["location"]: entry for entry in search_index["docs"]}
    for card in source.cards:
        entry = entries[f"{card.chapter}/#card-{card.id}"]
        tokens = _tokens(search_index, entry)
        missing = [keyword for keyword in card.keywords if keyword not in tokens]
        assert not missing, (card.id, missing)


def test_domain_terms_stay_whole_in_the_search_index(source, search_index):
    tokens = set().union(*(_tokens(search_index, entry) for entry in search_index["docs"]))
    assert [term for term in source.search_terms if term not in tokens] == []


def test_search_worker_reads_queries_with_the_shared_query_script(site_dir):
    worker = next((site_dir / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    head, _, material = worker.partition("\n//# ckb-end\n")
    assert head.startswith("self.ckb = self.ckb || {}\nckb.queryData = ") and re.search(r"ckb\.query\s*=", head)
    assert material.count("ckb.queryData") == 0 and "lunr" in material


def test_query_data_holds_the_vocabulary_both_ways_and_the_filler(query_data, source):
    data = query_data
    assert {"不是投保人", "拉横幅", "公安机关"} <= set(data["words"])
    police = next(group for group in data["groups"] if group[0] == "公安机关")
    assert {"报警", "警察", "110"} <= set(police)
    assert {"怎么办", "客户说", "一直"} <= set(data["filler"])
    # and a group for each card the deck numbers (类型四: 第四类, 第四种 …)
    numbered = data["groups"][len(source.vocabulary.groups):]
    assert len(numbered) == sum(card.title[:2] in ("类型", "原则", "步骤") for card in source.cards) == 15
    assert next(group for group in numbered if group[0] == "类型四")[:2] == ["类型四", "第四类"]



def _index_text(text: str) -> str:
    """A search index entry's text as read: without tags and jieba's U+200B between words."""
    return re.sub(r"<[^>]+>", "", text).replace("\u200b", "")


def test_no_question_option_feedback_or_explanation_is_searchable(source, search_index):
    texts = [_index_text(entry["title"] + " " + entry["text"]) for entry in search_index["docs"]]
    course = " ".join(card_content(card) for card in source.cards)  # a card's rule quoted in an explanation is no leak
    leaks = []
    for question in source.questions:
        secrets = [question.explanation, *(option.feedback for option in question.options)]
        leaks += [(question.id, secret) for secret in secrets
                  if len(secret) > 6 and secret not in course and any(secret in t for t in texts)]
    assert leaks == []
    locations = [entry["location"] for entry in search_index["docs"]]
    assert not [location for location in locations if "#q-" in location or location.endswith("#quiz")]


def test_no_button_label_or_system_page_is_searchable(search_index):
    texts = " ".join(_index_text(entry["text"]) for entry in search_index["docs"])
    for label in ("复制链接", "投影", "复制话术", "查看答案"):
        assert label not in texts, label
    pages = {entry["location"].split("#")[0] for entry in search_index["docs"]}
    assert not pages & {"progress/", "exam/", "answers/", "quick/", "trainer-guide/", "scenarios/"}


def test_a_card_entry_starts_with_its_words_to_say(source, search_index):
    entries = {entry["location"]: entry for entry in search_index["docs"]}
    for card in source.cards:
        text = _index_text(entries[f"{card.chapter}/#card-{card.id}"]["text"])
        assert text.startswith("怎么说："), (card.id, text[:20])
        assert card.say[0].text in text[:200]


def test_every_vocabulary_term_is_a_word_a_query_is_cut_into(source, query_data):
    words = set(query_data["words"])
    assert [g.term for g in source.vocabulary.groups if g.term not in words] == []
