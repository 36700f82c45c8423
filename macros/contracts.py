"""Names shared by Python, templates, JavaScript and tests, defined once.

Templates receive them as the global `ckb`; scripts read them from the JSON
config block that main.html writes (`ckb-config`).
"""

# The labels of a card's parts, the same on chapter pages, 话术速查, print,
# projection and search snippets.
CARD_LABELS = {
    "situation": "什么时候",
    "do": "怎么做",
    "say": "怎么说",
    "dont_say": "不要怎么说",
    "cautions": "⚠注意",
    "why": "为什么",
}

# Printed before a card's keywords where they are text (search entries).
KEYWORDS_LABEL = "关键词"

# How a line of a card is marked: the deck's own words, or a line written
# from the deck's guidance (it names the deck sentence it carries out).
LINE_MARKS = {
    "deck": "课程原话",
    "example": "示例",
}

CARD_ANCHOR_PREFIX = "card-"
QUESTION_ANCHOR_PREFIX = "q-"

# The exam's key (answers, feedback, explanations), written apart from the exam
# page and loaded by quiz.js only after 交卷.
EXAM_KEY_SCRIPT = "assets/javascripts/exam-key.js"

# Where this browser keeps a learner's records (memory.js adds Material's
# per-site scope and "ckb."): a quiz's under "quiz.<quiz id>", a role-play's
# under "scenario.<scenario id>".
MEMORY_KEYS = {
    "quiz": "quiz.",
    "scenario": "scenario.",
}


def js_config(extra: dict) -> dict:
    """The contracts scripts read, written once into every page as JSON (`ckb-config`)."""
    return {
        "labels": CARD_LABELS,
        "lineMarks": LINE_MARKS,
        "anchors": {"card": CARD_ANCHOR_PREFIX, "question": QUESTION_ANCHOR_PREFIX},
        "memory": MEMORY_KEYS,
        "examKey": EXAM_KEY_SCRIPT,
    }
