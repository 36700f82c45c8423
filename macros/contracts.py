"""Names shared by Python, templates, JavaScript and tests, defined once.

Templates receive them as the global `ckb`; scripts read them from the JSON
config block that main.html writes (`ckb-config`). They depend on nothing of the
project's: the domain, the views, the settings and the integration import them.
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

# A role-play's endings, best first: the good ones (化解, settled at the counter;
# 转交上级, handed on to 上级部门), then the bad ones, the worst (媒体介入) last. A
# learner's best ending is the first of these reached; 我的进度 shows it. The
# schema takes a scenario's `ending` from these.
GOOD_ENDINGS = ("化解", "转交上级")
ENDINGS = (*GOOD_ENDINGS, "升级投诉", "媒体介入")

# The exam's key (answers, feedback, explanations), written apart from the exam
# page and loaded by quiz.js only after 交卷.
EXAM_KEY_SCRIPT = "assets/javascripts/exam-key.js"

# 话术速查 shows each card's title and first line; the rest of a card comes from one of
# these scripts (CARD_BODIES_PER_SCRIPT cards' bodies each, in the source's order),
# loaded when one of its cards is opened (phrasebook.js), so that the page stays small.
CARD_BODIES_SCRIPT = "assets/javascripts/ckb-cards-{}.js"
CARD_BODIES_PER_SCRIPT = 10

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

# The DOM events the scripts send each other (ckb.emit), by the name scripts use. Their
# payloads: quiz-kinds.js (answered, quizCompleted), scenario.js (scenarioEnded),
# progress.js (progressCleared), search-gaps.js (searchGap). xapi.js and the SCORM
# package's launch page listen.
EVENTS = {
    "answered": "ckb:answered",               # a question answered (the exam: each at 交卷)
    "quizCompleted": "ckb:quiz-completed",    # every question of an attempt answered
    "scenarioEnded": "ckb:scenario-ended",    # a role-play reached an ending
    "progressCleared": "ckb:progress-cleared",  # 我的进度 forgot every record
    "searchGap": "ckb:search-gap",            # {query (digits masked), place, results, guess}
    "submitted": "quiz:submitted",            # {quizId, questionId, correct}, for an intranet collecting results
}

# The format version of each kind of record this browser keeps (ckb.memory): a record
# of another version is migrated by its reader or dropped. The SCORM package packs the
# quiz and role-play records into the LMS's suspend_data in these formats.
RECORD_VERSIONS = {"quiz": 2, "scenario": 1, "phrasebook": 2, "searchGaps": 1, "xapi": 1}

# The exam is a quiz of its own; a chapter's quiz is under its heading #quiz.
EXAM_QUIZ = "exam"
QUIZ_ANCHOR = "quiz"
# Anchors the site's own blocks make, besides cards, questions and scenarios.
ANCHOR_PREFIXES = {
    "roleplay": "roleplay-",   # 培训师指南's role-plays
    "handout": "handout-",     # 话术随身卡's chapters
    "session": "session-",     # the session plan's blocks
    "answer": "answer-",       # 答案's questions
    "answers": "answers-",     # 答案's chapters
    "group": "group-",         # 话术速查's groups of cards
}

# The site's own scripts and styles (under assets/), by what needs them. Every page
# loads `every`; a page loads the scripts of each component it holds (`data-ckb`,
# main.html); a page reached by instant navigation gets the missing ones from ckb.js;
# `lazy` parts load on first use (ckb.use). The build minifies them and names each by
# its content (macros/integration/assets.py).
SCRIPT_DIR = "assets/javascripts/"
STYLE_DIR = "assets/stylesheets/"
# Scripts that always go together are joined by the build into one file, in this order
# (assets.py): on a slow phone each script is a request and a parse of its own. The
# sources stay apart under overrides/assets/javascripts/; a bundle is named here only.
BUNDLES = {
    "ckb-core.js": ("ckb.js", "memory.js", "records.js", "phrasebook-memory.js", "link-tools.js",
                    "print-links.js", "search-gaps.js", "search-query.js", "review-dates.js"),
    "ckb-quiz.js": ("quiz-kinds.js", "quiz.js"),
    "ckb-exam.js": ("quiz-kinds.js", "exam.js"),
    # 话术速查's ranking (the search worker has its own copy, search_index.py WORKER_PARTS)
    "ckb-finder.js": ("ckb-ranking.js", "ckb-query.js", "ckb-spoken.js", "ckb-emergency.js"),
    "ckb-xapi.js": ("xapi-statements.js", "xapi-queue.js", "xapi.js"),
}
EVERY_PAGE_SCRIPTS = ("ckb-core.js",)
COMPONENT_SCRIPTS = {
    "quiz": ("ckb-quiz.js",),
    "exam": ("ckb-exam.js",),
    "phrasebook": ("ckb-query-data.js", "ckb-finder.js", "phrasebook.js"),
    "scenario": ("scenario.js",),
    "progress": ("progress.js",),
}
XAPI_SCRIPTS = ("ckb-xapi.js",)  # every page, with xAPI on only
LAZY_PARTS = {"projection": {"js": ("projection.js",), "css": ("ckb-projection.css",)}}
EVERY_PAGE_STYLES = ("ckb.css", "ckb-print.css")
PRINT_STYLES = ("ckb-print.css",)  # linked with media="print"
XAPI_STYLES = ("xapi.css",)
# A page holding one of these (a class in its HTML) gets the style too
CLASS_STYLES = {"ckb-handout": ("ckb-handout.css",), "ckb-run-sheet": ("ckb-handout.css",)}


def script_plan(xapi_on: bool) -> dict:
    """What main.html and ckb.js load: addresses relative to the site's root."""
    scripts = [*EVERY_PAGE_SCRIPTS, *(XAPI_SCRIPTS if xapi_on else ())]
    components = dict(COMPONENT_SCRIPTS)
    if xapi_on:
        components["learner"] = XAPI_SCRIPTS
    return {
        "every": [SCRIPT_DIR + name for name in scripts],
        "components": {name: [SCRIPT_DIR + file for file in files] for name, files in components.items()},
        "lazy": {name: {kind: [(SCRIPT_DIR if kind == "js" else STYLE_DIR) + file for file in files]
                        for kind, files in part.items()} for name, part in LAZY_PARTS.items()},
        "styles": [{"href": STYLE_DIR + name, "media": "print" if name in PRINT_STYLES else "all"}
                   for name in (*EVERY_PAGE_STYLES, *(XAPI_STYLES if xapi_on else ()))],
        "classStyles": {css_class: [STYLE_DIR + file for file in files] for css_class, files in CLASS_STYLES.items()},
    }


def js_config(settings, pages: dict) -> dict:
    """The contracts scripts read, written once into every page as JSON (`ckb-config`).

    `settings` is macros.settings.Settings: the pass mark, the SCORM package, xAPI;
    `pages`: the site-root relative addresses the scripts link to (话术速查, 紧急情况).
    """
    xapi = settings.xapi
    config = {
        "scripts": script_plan(xapi_on=bool(xapi)),
        "pages": pages,
        "records": RECORD_VERSIONS,
        "exam": {"id": EXAM_QUIZ, "passPercent": settings.exam_pass_percent},
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
    }
    if settings.lms:
        config["lms"] = {"records": LMS_RECORDS_NOTE}  # the SCORM package: no trainer tools, the LMS keeps records
    if xapi:
        config["xapi"] = xapi  # only when configured: xapi.js does nothing without it
    return config


# The SCORM package (deploy/build-scorm sets CKB_LMS, mkdocs.yml's `extra.lms`): a build
# for an LMS, where the trainer tools (⋯, 投影, 复制链接) stay hidden (link-tools.js) and
# 我的进度 says who keeps the records (xapi.js's `learner` component).
LMS_RECORDS_NOTE = ("你的测验成绩和情景演练结局由学习平台（LMS）保存：换一台电脑登录学习平台、"
                    "再打开本课程，进度和成绩都还在。")


# The exam (综合测验) is passed at mkdocs.yml's `extra.exam_pass_percent` (macros/settings.py):
# one mark for the SCORM package (adlcp:masteryscore, deploy/scorm.py), for xAPI's passed /
# failed (xapi.js) and for the 通过 / 未通过 the learner reads on the exam's result and on
# 我的进度 (quiz.js, progress.js: `ckb.config.exam.passPercent`); pages name it as
# `{{ exam_pass_percent }}`.

# xAPI (xapi.js): statements sent to the site's own origin, where the web server
# (deploy/nginx.conf) forwards them to the learning record store with the LRS's
# credential, which never enters the site. Off unless `extra.xapi.identity` in
# mkdocs.yml (CKB_XAPI) says who the learner is:
#   login  the web server authenticates users (the intranet's SSO, or htpasswd) and
#          names the learner to the LRS side, which sets every statement's actor;
#          the page asks no one for a 工号;
#   self   no login: the learner types 工号 and 姓名 once; `make report` marks
#          those learners as self-declared.
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
