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
