"""How a staff query is read: the data site search and 话术速查 share.

Both read a query with one script (ckb-query.js) and one data file written by
the build (ckb-query-data.js): the words to cut a query into (the search
index's words, the staff vocabulary, the filler of spoken sentences), which
staff word means which course term, which words are filler, which name an
emergency, and the ranking documents: one per card and one per findable
section of the course (sections.py), written once, ranked by both places.
A card's search index entry is one text made here too, words to say first, so
that a search snippet shows them.
"""

import re
from collections.abc import Callable

from ..contracts import CARD_ANCHOR_PREFIX, CARD_LABELS, KEYWORDS_LABEL
from .errors import Problem
from .schema import Card, TrainingSource
from .sections import Section

_HAN_WORD = re.compile(r"[\u3400-\u9fff]{2,}")
MAX_WORD_LENGTH = 8  # longer runs are cut; no course term is longer


def card_search_parts(card: Card) -> list[tuple[str, list[str]]]:
    """A card's parts in the order staff need them: words to say and do first."""
    parts = [
        ("say", [line.text for line in card.say]),
        ("do", [line.text for line in card.do]),
        ("dont_say", [line.text for line in card.dont_say]),
        ("cautions", [line.text for line in card.cautions]),
        ("situation", [line.text for line in card.situation]),
        ("why", [line.text for line in card.why]),
    ]
    return [(CARD_LABELS[name], lines) for name, lines in parts if lines]


def card_search_text(card: Card) -> str:
    """The card as one plain text: labelled parts, then its keywords."""
    text = " ".join(f"{label}：{' '.join(lines)}" for label, lines in card_search_parts(card))
    return f"{text} {KEYWORDS_LABEL}：{' '.join(card.keywords)}" if card.keywords else text


def card_content(card: Card) -> str:
    return " ".join([card.title, card_search_text(card)])


def card_body(card: Card) -> str:
    """A card's words for ranking: every part, without labels or marks."""
    return " ".join(" ".join(lines) for _, lines in card_search_parts(card))


def vocabulary_problems(source: TrainingSource, sections: list[Section]) -> list[Problem]:
    """Every group's term must occur in a card or section, staff words name one, and neither holds an emergency."""
    content = "\n".join([*(card_content(card) for card in source.cards),
                         *(f"{section.title} {section.text}" for section in sections)])
    emergencies = [word.lower() for word in source.vocabulary.emergency]
    figures = [figure.lower() for figure in source.vocabulary.emergency_figures]
    signs = source.vocabulary.emergency_signs
    problems = []
    for number, group in enumerate(source.vocabulary.groups):
        if group.term not in content:
            problems.append(Problem(
                ("vocabulary", "groups", number, "term"),
                f"the term '{group.term}' occurs in no card or section, so its staff words would find nothing",
            ))
        for position, word in enumerate([group.term, *group.staff]):
            named = _names_emergency(word, emergencies, figures, signs)
            if named:
                where = ("term",) if position == 0 else ("staff", position - 1)
                problems.append(Problem(
                    ("vocabulary", "groups", number, *where),
                    f"group '{group.term}': '{word}' names an emergency ({named}), "
                    "which the course does not cover; take it out of the group, so that it leads to no card",
                ))
    answers = {card.id for card in source.cards} | {section.ref for section in sections}
    for answer, words in source.vocabulary.staff_words.items():
        if answer not in answers:
            problems.append(Problem(
                ("vocabulary", "staff_words", answer),
                f"'{answer}' is no card id and no findable section (chapter#anchor), "
                "so its staff words would find nothing",
            ))
        for position, word in enumerate(words):
            named = _names_emergency(word, emergencies, figures, signs)
            if named:
                problems.append(Problem(
                    ("vocabulary", "staff_words", answer, position),
                    f"'{word}' names an emergency ({named}), which the course does not cover; "
                    "take it out, so that it leads to no card",
                ))
    for index, context in enumerate(source.vocabulary.emergency_contexts):
        problems += _context_problems(index, context, emergencies)
    for word, common in source.vocabulary.dialect.items():
        if word.lower() in content.lower() or word == common:
            problems.append(Problem(
                ("vocabulary", "dialect", word),
                f"the regional word '{word}' " + ("is the word it says" if word == common else
                "occurs in the course, so reading it as '" + common + "' would change what the course's own word finds")
                + "; remove it",
            ))
    for number, figure in enumerate(source.vocabulary.emergency_figures):
        hidden = next((emergency for emergency in emergencies if figure.lower() in emergency), None)
        if hidden and hidden != figure.lower():
            problems.append(Problem(
                ("vocabulary", "emergency_figures", number),
                f"the figure of speech '{figure}' is part of the emergency word '{hidden}', which taking "
                "it out of a query would hide; remove it",
            ))
        elif not any(_holds(figure.lower(), emergency) for emergency in emergencies):
            problems.append(Problem(
                ("vocabulary", "emergency_figures", number),
                f"the figure of speech '{figure}' holds no word of vocabulary.emergency, so taking it out "
                "of a query changes nothing; remove it, or add the emergency word it stands beside",
            ))
    return problems


def _names_emergency(word: str, emergencies: list[str], figures: list[str], signs) -> str | None:
    """Which emergency a vocabulary word names (an emergency word, or a sign on the body), if any."""
    plain = _without_figures(word.lower(), figures)  # 煽风点火 (鼓动) is no fire
    sign = _sign(plain, signs)
    return next((f"'{emergency}' in vocabulary.emergency" for emergency in emergencies if emergency in plain),
                None) or (f"'{sign}', a sign in vocabulary.emergency_signs" if sign else None)


EMERGENCY_GAPPED = 3  # as ckb-emergency.js: a word of three characters or more, said with
EMERGENCY_GAP = 3     # up to three characters between (翻了个白眼 holds 翻白眼)


def _context_problems(index: int, context, emergencies: list[str]) -> list[Problem]:
    """A context's conditions are emergency words; its words and its `now` name no other."""
    problems = []
    for number, condition in enumerate(context.conditions):
        if condition.lower() not in emergencies:
            problems.append(Problem(
                ("vocabulary", "emergency_contexts", index, "conditions", number),
                f"'{condition}' is no word of vocabulary.emergency, so no context can make it ordinary; "
                "add it there, or remove it",
            ))
    conditions = {condition.lower() for condition in context.conditions}
    for field in ("words", "now"):
        for number, word in enumerate(getattr(context, field)):
            # 火灾险 may hold the condition 火灾 it insures; no word may hold another emergency
            named = next((emergency for emergency in emergencies if emergency in word.lower()
                          and (field == "now" or emergency not in conditions)), None)
            if named:
                problems.append(Problem(
                    ("vocabulary", "emergency_contexts", index, field, number),
                    f"'{word}' holds the emergency word '{named}', which a query holding it would always "
                    "name; remove it",
                ))
    return problems


def _holds(text: str, emergency: str) -> bool:
    """Whether a text holds an emergency's word as ckb-emergency.js finds it: one written 揪…头发
    is its parts in this order; one of three characters or more may have a few others between."""
    if re.search(".*".join(re.escape(part) for part in emergency.split("…")), text):
        return True
    if "…" in emergency or len(emergency) < EMERGENCY_GAPPED:
        return False
    between = f".{{0,{EMERGENCY_GAP}}}"
    return any(len(found) <= len(emergency) + EMERGENCY_GAP
               for found in re.findall("(?=(" + between.join(re.escape(char) for char in emergency) + "))", text))


SIGN_APART = 4  # as ckb-emergency.js: characters a sign may come after the part of the body


def _sign(text: str, signs) -> str | None:
    """The sign on the body a text names (嘴唇…发紫), as ckb-emergency.js finds it, a mood's aside."""
    if not (signs.body and signs.signs):
        return None
    either = lambda words: "|".join(re.escape(word.lower()) for word in words)  # noqa: E731
    if signs.moods and signs.mood_signs:
        text = re.sub(f"(?:{either(signs.moods)}).{{0,{SIGN_APART}}}?(?:{either(signs.mood_signs)})", "|", text)
    found = re.search(f"(?:{either(signs.body)}).{{0,{SIGN_APART}}}(?:{either(signs.signs)})", text)
    return found.group(0) if found else None


FIGURE_APART = 6  # as ckb-emergency.js: characters a figure's two parts may be apart (被踢…皮球)


def _without_figures(text: str, figures: list[str]) -> str:
    """The text with its figures of speech taken out, longest first, as ckb-emergency.js does;
    one written 被踢…皮球 is its parts in this order, a few characters apart."""
    for figure in sorted(figures, key=len, reverse=True):
        apart = f".{{0,{FIGURE_APART}}}"
        text = re.sub(apart.join(map(re.escape, figure.split("…"))), "|", text) if "…" in figure \
            else text.replace(figure, "|")
    return text


def dictionary_terms(source: TrainingSource) -> list[str]:
    """Words jieba must keep whole so that the index holds them as words."""
    keywords = [keyword for card in source.cards for keyword in card.keywords]
    terms = [group.term for group in source.vocabulary.groups]
    return list(dict.fromkeys([*source.search_terms, *keywords, *terms]))


def ranking_documents(source: TrainingSource, sections: list[Section], url: Callable[[str, str], str],
                      chapter_title: Callable[[str], str]) -> list[dict]:
    """What 话术速查 and site search rank: every card, then every findable section.

    `url(chapter, anchor)` is the site-root relative address of a heading (the
    search index's `location`); `chapter_title(chapter)` names a chapter page.
    """
    staff = source.vocabulary.staff_words
    cards = [{"id": card.id, "kind": "card", "url": url(card.chapter, CARD_ANCHOR_PREFIX + card.id),
              "page": chapter_title(card.chapter), "title": card.title,
              "keys": " ".join(card.keywords), "staff": " ".join(staff.get(card.id, [])),
              "body": card_body(card)} for card in source.cards]
    found = [{"id": section.ref, "kind": "section", "url": url(section.chapter, section.anchor),
              "page": chapter_title(section.chapter), "title": section.title,
              "keys": "", "staff": " ".join(staff.get(section.ref, [])), "body": section.text}
             for section in sections]
    return cards + found


NUMBERED = re.compile(r"^(类型|原则|步骤)([一二三四五六七八九])：")
NUMBER_SAID = {  # how staff say a card's number ({n}: 四), besides its name (类型四)
    "类型": ("第{n}类", "第{n}种", "第{n}类客户", "第{n}种客户", "第{n}种类型"),
    "原则": ("第{n}条原则", "第{n}个原则", "第{n}原则", "第{n}项原则"),
    "步骤": ("第{n}步", "第{n}个步骤", "第{n}步骤"),
}


def numbered_groups(cards: list[Card]) -> list[list[str]]:
    """A card named by its number in the deck (类型四：…, 原则二：…, 步骤三：…) is found by that name,
    a word of its own, and the ways staff say the number (第四类, 第二条原则, 第三步): the deck's
    numbers, not a vocabulary group an editor keeps."""
    groups = []
    for card in cards:
        if match := NUMBERED.match(card.title):
            kind, number = match.groups()
            groups.append([kind + number, *(said.format(n=number) for said in NUMBER_SAID[kind])])
    return groups


def query_data(source: TrainingSource, index_words: list[str], docs: list[dict], emergency: dict,
               pages: dict) -> dict:
    """What ckb-query.js needs, for the pages, the search worker and the tests alike.

    A vocabulary group is read both ways: any of its words also finds the others.
    `emergency` is the company's instruction (mkdocs.yml) with the page that shows it;
    `pages` the site-root relative addresses the scripts link to (话术速查: `quick`).
    """
    groups = [list(dict.fromkeys(word.lower() for word in [group.term, *group.staff]))
              for group in source.vocabulary.groups] + numbered_groups(source.cards)
    words = sorted({word for word in index_words if len(word) <= MAX_WORD_LENGTH})
    vocabulary = source.vocabulary
    # the emergency's words come from the source; what else `emergency` holds (read again from a
    # built site, it holds the words it was written with) is the company's instruction
    from_source = {
        "words": sorted({word.lower() for word in vocabulary.emergency}),
        "figures": sorted({word.lower() for word in vocabulary.emergency_figures}),
        "contexts": [{field: sorted({word.lower() for word in getattr(context, field)})
                      for field in ("conditions", "words", "now")} for context in vocabulary.emergency_contexts],
        "signs": {field: sorted({word.lower() for word in getattr(vocabulary.emergency_signs, field)})
                  for field in ("body", "signs", "moods", "mood_signs")},
    }
    return {
        "words": words,
        "groups": groups,
        "filler": sorted({word.lower() for word in source.vocabulary.filler}),
        "emergency": {**{key: value for key, value in emergency.items() if key not in from_source}, **from_source},
        "dialect": {word.lower(): common.lower() for word, common in source.vocabulary.dialect.items()},
        "docs": docs,
        "pages": pages,
        "labels": sorted(set(CARD_LABELS.values()) | {KEYWORDS_LABEL}),
        "keywordsLabel": KEYWORDS_LABEL,
        "cardPrefix": CARD_ANCHOR_PREFIX,
    }


def han_words(text: str, separator: re.Pattern) -> set[str]:
    """The Chinese words of an index text, as jieba cut them."""
    return {token for token in separator.split(text) if _HAN_WORD.fullmatch(token)}
