"""Names shared by Python, templates, JavaScript and tests, defined once.

Templates receive them as the global `ckb`; scripts read them from the JSON
config block that main.html writes (`ckb-config`).
"""

import base64
from typing import get_args

from .domain.scenario_graph import GOOD_ENDINGS
from .domain.schema import Ending

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
SCENARIO_ANCHOR_PREFIX = "scenario-"

# A choice question's options are lettered in the order shown (quiz.js shuffles
# them and letters them again), at most this many.
OPTION_LETTERS = "ABCDEFGHIJ"

# How a role-play's reply is judged, in its tree and while it is played.
VERDICT_LABELS = {
    "good": "✔ 好的回应",
    "bad": "✘ 不妥的回应",
}

# A role-play's endings, best first: the good ones as GOOD_ENDINGS orders them,
# then the others in the order of the schema's Ending (媒体介入 last). A
# learner's best ending is the first of these reached; 我的进度 shows it.
ENDINGS = GOOD_ENDINGS + tuple(ending for ending in get_args(Ending) if ending not in GOOD_ENDINGS)

# The exam's key (answers, feedback, explanations), written apart from the exam
# page and loaded by quiz.js only after 交卷.
EXAM_KEY_SCRIPT = "assets/javascripts/exam-key.js"

# Where this browser keeps a learner's records (memory.js adds Material's
# per-site scope and "ckb."): a quiz's under "quiz.<quiz id>", a role-play's
# under "scenario.<scenario id>". 我的进度 and the SCORM package read these.
MEMORY_KEYS = {
    "quiz": "quiz.",
    "scenario": "scenario.",
}
# 话术速查's pinned and recent cards: this browser's, not a learner's record.
PHRASEBOOK_MEMORY_KEY = "phrasebook"


def js_config(extra: dict, site_url: str | None = None, site_name: str = "") -> dict:
    """The contracts scripts read, written once into every page as JSON (`ckb-config`)."""
    config = {
        "labels": CARD_LABELS,
        "lineMarks": LINE_MARKS,
        "anchors": {"card": CARD_ANCHOR_PREFIX, "question": QUESTION_ANCHOR_PREFIX,
                    "scenario": SCENARIO_ANCHOR_PREFIX},
        "memory": MEMORY_KEYS,
        "phrasebookMemory": PHRASEBOOK_MEMORY_KEY,
        "letters": OPTION_LETTERS,
        "verdicts": VERDICT_LABELS,
        "endings": {"all": list(ENDINGS), "good": list(GOOD_ENDINGS)},
        "examKey": EXAM_KEY_SCRIPT,
        # the exam's result says 通过 or 未通过 against this mark (quiz.js, progress.js)
        "exam": {"passPercent": exam_pass_percent(extra)},
    }
    xapi = xapi_config(extra, site_url, site_name)
    if xapi:
        config["xapi"] = xapi  # only when configured: xapi.js does nothing without it
    return config


# The exam (综合测验) is passed at this percentage right: mkdocs.yml's
# `extra.exam_pass_percent`, one mark for the SCORM package (adlcp:masteryscore,
# deploy/scorm.py), for xAPI's passed / failed (xapi.js) and for the 通过 / 未通过
# the learner reads on the exam's result and on 我的进度 (quiz.js, progress.js:
# `ckb.config.exam.passPercent`); pages name it as `{{ exam_pass_percent }}`.
# (Not a section `exam:` of extra: mkdocs-macros shows extra's keys to pages as
# variables, and one named exam would hide the exam() macro.)
EXAM_PASS_SETTING = "exam_pass_percent"


class ExamConfigError(ValueError):
    """extra.exam_pass_percent is missing or not a whole percentage."""


def exam_pass_percent(extra: dict) -> int:
    """extra.exam_pass_percent as a whole number 0-100 (mkdocs.yml read by MkDocs or as plain text)."""
    where = f"mkdocs.yml: extra.{EXAM_PASS_SETTING}"
    try:
        number = int(str(extra[EXAM_PASS_SETTING]))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ExamConfigError(f"{where} must be a whole percentage 0-100 (the exam's pass mark)") from None
    if not 0 <= number <= 100:
        raise ExamConfigError(f"{where} is {number}, not 0-100")
    return number


# xAPI (xapi.js): statements to a learning record store, off unless `extra.xapi` in
# mkdocs.yml names an endpoint and a write-only credential (from the environment).


class XapiConfigError(ValueError):
    """extra.xapi is set but cannot be used as it is."""


def xapi_config(extra: dict, site_url: str | None, site_name: str = "") -> dict | None:
    """{endpoint, auth, activityBase, passPercent, course} for xapi.js, or None: xAPI is off.

    `auth` becomes the HTTP Basic value of "user:password" (one already "Basic …" is kept).
    Activity ids and the learner's account live under the site's address, so xAPI needs
    site_url: without it the build stops, rather than invent a placeholder address whose
    records could never be matched with the real site's.
    """
    settings = extra.get("xapi") or {}
    endpoint, auth = settings.get("endpoint"), settings.get("auth")
    if not endpoint and not auth:
        return None
    if not endpoint or not auth:
        missing = "CKB_XAPI_AUTH (extra.xapi.auth)" if endpoint else "CKB_XAPI_ENDPOINT (extra.xapi.endpoint)"
        raise XapiConfigError(f"xAPI is half configured: {missing} is not set; set both, or neither to turn xAPI off")
    if not str(endpoint).startswith(("http://", "https://")):
        raise XapiConfigError(f"extra.xapi.endpoint must be an http(s) address, not {endpoint!r}")
    if not site_url:
        raise XapiConfigError("xAPI needs site_url (SITE_URL): activity ids and learners' accounts are under it")
    auth = str(auth)
    if not auth.startswith("Basic "):
        auth = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")
    pass_percent = exam_pass_percent(extra)
    return {
        "endpoint": str(endpoint).rstrip("/") + "/",
        "auth": auth,
        "activityBase": str(site_url).rstrip("/") + "/",
        "passPercent": pass_percent,
        "course": site_name,
    }
