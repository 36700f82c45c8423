"""Names shared by Python, templates, JavaScript and tests, defined once.

Templates receive them as the global `ckb`; scripts read them from the JSON
config block that main.html writes (`ckb-config`).
"""

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

# How a line of a card is marked: the deck's own words, a line written from
# the deck's guidance (it names the deck sentence it carries out), or the
# site's own reading of the deck, which the card's owner signs off.
LINE_MARKS = {
    "deck": "课程原话",
    "example": "示例",
    "note": "本站说明",
}
# What each mark means, in one line where cards are shown (话术速查, chapter
# pages, the handout).
LINE_MARK_LEGEND = {
    "deck": "课件原话",
    "example": "按课件的做法写的说法，注明依据",
    "note": "本站对课件的理解（包括说话人），由卡片负责人确认",
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
# The queries of 话术速查 and site search that found nothing or only a guess (digits
# masked): this browser's, shown on 我的进度, sent as xAPI statements when xAPI is on.
SEARCH_GAPS_MEMORY_KEY = "search.gaps"
# Where a query was made, as search-gaps.js records it and 我的进度 and make report name it.
SEARCH_PLACES = {"quick": "话术速查", "search": "全站搜索"}

# The DOM events the scripts send each other (ckb.emit), by the name scripts use.
EVENTS = {
    "searchGap": "ckb:search-gap",  # {query (digits masked), place, results, guess}
}


def js_config(extra: dict, site_url: str | None = None, site_name: str = "") -> dict:
    """The contracts scripts read, written once into every page as JSON (`ckb-config`)."""
    config = {
        "labels": CARD_LABELS,
        "lineMarks": LINE_MARKS,
        "anchors": {"card": CARD_ANCHOR_PREFIX, "question": QUESTION_ANCHOR_PREFIX,
                    "scenario": SCENARIO_ANCHOR_PREFIX},
        "memory": MEMORY_KEYS,
        "phrasebookMemory": PHRASEBOOK_MEMORY_KEY,
        "searchGapsMemory": SEARCH_GAPS_MEMORY_KEY,
        "searchPlaces": SEARCH_PLACES,
        "events": EVENTS,
        "letters": OPTION_LETTERS,
        "verdicts": VERDICT_LABELS,
        "endings": {"all": list(ENDINGS), "good": list(GOOD_ENDINGS)},
        "examKey": EXAM_KEY_SCRIPT,
        # the exam's result says 通过 or 未通过 against this mark (quiz.js, progress.js)
        "exam": {"passPercent": exam_pass_percent(extra)},
    }
    if lms_package(extra):
        config["lms"] = {"records": LMS_RECORDS_NOTE}  # the SCORM package: no trainer tools, the LMS keeps records
    xapi = xapi_config(extra, site_url, site_name)
    if xapi:
        config["xapi"] = xapi  # only when configured: xapi.js does nothing without it
    return config


# The SCORM package (deploy/build-scorm sets CKB_LMS, mkdocs.yml's `extra.lms`): a build
# for an LMS, where the trainer tools (⋯, 投影, 复制链接) stay hidden (link-tools.js) and
# 我的进度 says who keeps the records (xapi.js's `learner` component).
LMS_RECORDS_NOTE = ("你的测验成绩和情景演练结局由学习平台（LMS）保存：换一台电脑登录学习平台、"
                    "再打开本课程，进度和成绩都还在。")


def lms_package(extra: dict) -> bool:
    """True when the build is the SCORM package for an LMS (extra.lms, from CKB_LMS)."""
    return str(extra.get("lms") or "").lower() not in ("", "false", "0", "no", "none", "null")


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


# xAPI (xapi.js): statements sent to the site's own origin, where the web server
# (deploy/nginx.conf) forwards them to the learning record store with the LRS's
# credential, which never enters the site. Off unless `extra.xapi.identity` in
# mkdocs.yml (CKB_XAPI) says who the learner is:
#   login  the web server authenticates users (the intranet's SSO, or htpasswd) and
#          names the learner to the LRS side, which sets every statement's actor;
#          the page asks no one for a 工号;
#   self   no login: the learner types 工号 and 姓名 once; `make report` marks
#          those learners as self-declared.
XAPI_IDENTITIES = ("login", "self")
XAPI_DEFAULT_PATH = "/xapi/"
# The extension the LRS side (lrs/ralph_app.py) writes into the context of a statement
# whose actor the login named; `make report` reads it. Under the site's address.
XAPI_LOGIN_EXTENSION = "xapi/extensions/login"

# What 我的进度 says when the LRS side refuses the records (xapi.js), by HTTP status:
# one sentence a learner can pass on to the training department.
XAPI_REFUSED_MESSAGES = {
    "401": "学习记录暂时发不出去：服务器不接受（错误 401），可能是网站的学习记录凭据有误，或你的登录已失效。"
           "记录都保存在这个浏览器里，没有丢失；打开任一页会再试一次。"
           "请把这句话告诉培训部门：学习记录服务器拒绝了本站（401），请网站管理员检查服务器上的学习记录凭据。",
    "403": "学习记录暂时发不出去：学习记录服务器拒绝接收（错误 403）。"
           "记录都保存在这个浏览器里，没有丢失；打开任一页会再试一次。"
           "请把这句话告诉培训部门：学习记录服务器拒绝接收（403），请网站管理员查看学习记录服务器的日志。",
}


class XapiConfigError(ValueError):
    """extra.xapi is set but cannot be used as it is."""


def xapi_config(extra: dict, site_url: str | None, site_name: str = "") -> dict | None:
    """{endpoint, identity, activityBase, passPercent, course, refused} for xapi.js, or None: xAPI is off.

    `endpoint` is a path on the site's own origin (`extra.xapi.path`, default /xapi/), so the
    Content-Security-Policy's connect-src stays 'self'. A credential given to the build
    (CKB_XAPI_AUTH, as an older README said) stops it: it would be readable in every page.
    Activity ids and the learner's account live under the site's address, so xAPI needs
    site_url: without it the build stops, rather than invent a placeholder address whose
    records could never be matched with the real site's.
    """
    settings = extra.get("xapi") or {}
    if settings.get("credential"):
        raise XapiConfigError("CKB_XAPI_AUTH is set, but the LRS credential never goes into the site (anyone could "
                              "read it there): unset it and give it to the web server (README, 学习记录)")
    identity = settings.get("identity")
    if not identity:
        return None
    if identity not in XAPI_IDENTITIES:
        raise XapiConfigError(f"CKB_XAPI (extra.xapi.identity) is {identity!r}: 'login' where the web server "
                              "authenticates users, 'self' where learners give their 工号, unset for no xAPI")
    path = str(settings.get("path") or XAPI_DEFAULT_PATH)
    if not path.startswith("/") or path.startswith("//") or any(char in path for char in "?#\\ "):
        raise XapiConfigError(f"CKB_XAPI_PATH (extra.xapi.path) must be a path on the site's own server, "
                              f"such as {XAPI_DEFAULT_PATH}, not {path!r}")
    if not site_url:
        raise XapiConfigError("xAPI needs site_url (SITE_URL): activity ids and learners' accounts are under it")
    return {
        "endpoint": path.rstrip("/") + "/",
        "identity": identity,
        "activityBase": str(site_url).rstrip("/") + "/",
        "passPercent": exam_pass_percent(extra),
        "course": site_name,
        "refused": XAPI_REFUSED_MESSAGES,
    }
