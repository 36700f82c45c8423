"""How a staff query is read: the data site search and 话术速查 share.

Both read a query with one script (ckb-query.js) and one data file written by
the build (ckb-query-data.js): the words to cut a query into (the search
index's words, the staff vocabulary, the filler of spoken sentences), which
staff word means which course term, and which words are filler. A card is
scored on one text made here, words to say first, so that a search snippet
shows them and both places rank on the same words.
"""

import re

from ..contracts import CARD_ANCHOR_PREFIX, CARD_LABELS, KEYWORDS_LABEL
from .errors import Problem
from .schema import Card, TrainingSource

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


def vocabulary_problems(source: TrainingSource) -> list[Problem]:
    """Every group's term must occur in the cards, or the group finds nothing."""
    content = "\n".join(card_content(card) for card in source.cards)
    problems = []
    for number, group in enumerate(source.vocabulary.groups):
        if group.term not in content:
            problems.append(Problem(
                ("vocabulary", "groups", number, "term"),
                f"the term '{group.term}' occurs in no card, so its staff words would find nothing",
            ))
    return problems


def dictionary_terms(source: TrainingSource) -> list[str]:
    """Words jieba must keep whole so that the index holds them as words."""
    keywords = [keyword for card in source.cards for keyword in card.keywords]
    terms = [group.term for group in source.vocabulary.groups]
    return list(dict.fromkeys([*source.search_terms, *keywords, *terms]))


def query_data(source: TrainingSource, index_words: list[str]) -> dict:
    """What ckb-query.js needs, for the pages and the search worker alike.

    A vocabulary group is read both ways: any of its words also finds the others.
    """
    groups = [list(dict.fromkeys(word.lower() for word in [group.term, *group.staff]))
              for group in source.vocabulary.groups]
    words = sorted({word for word in index_words if len(word) <= MAX_WORD_LENGTH})
    return {
        "words": words,
        "groups": groups,
        "filler": sorted({word.lower() for word in source.vocabulary.filler}),
        "labels": sorted(set(CARD_LABELS.values()) | {KEYWORDS_LABEL}),
        "keywordsLabel": KEYWORDS_LABEL,
        "cardPrefix": CARD_ANCHOR_PREFIX,
    }


def han_words(text: str, separator: re.Pattern) -> set[str]:
    """The Chinese words of an index text, as jieba cut them."""
    return {token for token in separator.split(text) if _HAN_WORD.fullmatch(token)}
