"""The query sets through the built site's own finders, both places, both halves (issue 21).

The site's scripts run in node on the built site (tests/query_run.js): what 话术速查 and
site search rank and show, deterministic and in milliseconds. The wiring in the browser
(voice input, Enter, snippets, pasted text) is tested in test_search_browser.py and
test_phrasebook_browser.py.
"""

import pytest

from tests.query_eval import PLACES, TOP, answers, hit
from tests.query_sets import HELD_OUT, NOTHING_QUERIES, TUNING, load_emergencies, load_queries
from tests.staff_words import query_words

# The share of each set whose card or section must be among the first three results,
# in each place: a floor a little under what was measured (BENCHMARKS.md), so that a
# change that loses queries fails. The tuning half is what the vocabulary and weights
# were tuned on; the held-out half was never read query by query. The sections of the
# course (course-parts) are the hardest: their texts are short, the queries indirect.
TARGETS = {
    "cards": {TUNING: 0.95, HELD_OUT: 0.95},
    "course-parts": {TUNING: 0.95, HELD_OUT: 0.93},  # held out 1172 of 1227 after round thirty-six
    "edges": {TUNING: 0.95, HELD_OUT: 0.94},  # 907 of 942 (905 in 话术速查)
}
# tuning leaves 18 of 2080 (rounds twenty-nine to thirty-six's everyday first runs left 61 of
# 956): a theft only described (翻抽屉的声音, 外套底下那只手在拉她包的拉链: 拉…包的拉链 is also
# 帮老人拉上包的拉链), 抢了!!! alone, homophones that change both or the first of two characters
# (到地, 节持, 修课, 恰着, 垮出去: 倒地, 劫持, 休克, 掐着, 跨出去; 大家了快来: 大家 is a common word),
# a farewell only hinted, chat shorthand (要4了, dj了), fight in English (fight到底 is a figure),
# a customer pressed between two men (使眼色 is also a colleague's glance); held out 1928 of 2098
EMERGENCY_TARGETS = {TUNING: 0.99, HELD_OUT: 0.90}
# The share of look-alikes shown the emergency instruction; held out 59 of 1182 (5.0 %) after
# round thirty-six, each round adding its own (1 to 6 of about 40 at first, never tuned on).
# Tuning keeps seven of 1205 on purpose: a threat of last week (上周嚷着要跳楼的那位客户今天又来了);
# to hear 上周 as over would also silence a threat said again today; a curse of arson
# (怎么还不一把火烧了算了) and a man who looks about to hit (像要打人), which a teller had better
# report than read as a figure (好像要拿刀 is one); a fight of last year (去年营业厅打架那件事: 去年
# would also silence one happening today), a claim said 当场 (当场骂人 … 心梗去世, where 当场 says
# now), a typo inside a figure (定时炸单), and 别老打断我 (别…打…我 with two characters between: a
# word the gap splits, 打断, is not yet told from a gap)
WRONGLY_FLAGGED_AT_MOST = {TUNING: 0.006, HELD_OUT: 0.07}
SETS = tuple(TARGETS)


@pytest.fixture(scope="module")
def found(site_dir, source):
    texts = [q.query for q in load_queries()] + [q.query for q in load_emergencies()] + NOTHING_QUERIES
    return answers(site_dir, [*texts, "客户说要去找媒体曝光怎么办", "去 找媒体 曝光", "我该怎么跟一直哭的客户说", "哭",
                              "客户哭了", "客户 哭了", "要拉横幅", "要 拉横幅", "客户不说话", "客户 不说话",
                              *(text for pair in HOMOPHONES for text in pair), "客户当场破口大骂", *NOT_EMERGENCIES,
                              "老人倒在地上叫他没反应", *(query for query, _ in GAPPED_PHRASES),
                              *GAPPED_EMERGENCIES, *SCATTERED, *HEARD_EMERGENCIES, *THREATS, *THINGS_LIKE,
                              *(query for query, _ in NOT_GAPPED), *(query for query, _ in COMMON_WORDS),
                              *(text for pair in DIALECT for text in pair), *DIALECT_EMERGENCIES, *NOT_DIALECT,
                              *CLAIMS, *CLAIMS_AND_EMERGENCIES, *SIGNS, *MOODS, *PROTESTS,
                              *PROTESTS_AND_EMERGENCIES, *SAID_OF_A_MOOD, *(text for pair in PINYIN for text in pair),
                              *PINYIN_EMERGENCIES, *(query for query, _ in INSIDE_A_SAID_PHRASE),
                              *(query for query, _ in FEWEST_WORDS), *(query for query, _ in NUMBERED), *COMMON_ONLY,
                              *(word for word, _ in staff_words(source)), "记者偷拍"])


def staff_words(source) -> list[tuple[str, str]]:
    """vocabulary.staff_words: each word with the card or section it is for."""
    return [(word, answer) for answer, words in source.vocabulary.staff_words.items() for word in words]


# Voice input writes a homophone inside a phrase; a word the query holds is never re-heard
# (骂 of 大骂 is not the 妈 of 大妈). Made up for this test, in no set.
HOMOPHONES = [("客户为啥要头诉", "客户为啥要投诉"), ("客户逼我先答硬下来", "客户逼我先答应下来"),
              ("客户当场张口大骂", "客户当场大骂"),  # and 破口大骂, a staff word, is read whole
              # 来投素 is 来 投诉 (the course's word), not 来头 (a staff word for 身份) and 素
              ("一伙人来投素", "一伙人来投诉"),
              # a character no document holds, as the one-character word of its sound (窟 is 哭)
              ("客户在柜台前一直窟", "客户在柜台前一直哭"),
              # an accent's likeness (n as l, in as ing: 女师 for 律师, 性任 for 信任, 赖心 for 耐心),
              # after a word of the same sound (资原这 is 资源 这, not 资 原则)
              ("来了个女师陪客户投诉", "来了个律师陪客户投诉"), ("客户对我很不性任", "客户对我很不信任"),
              ("柜员对客户没有赖心", "柜员对客户没有耐心"), ("投诉也是资原这话怎么说", "投诉也是资源这话怎么说")]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("half", [TUNING, HELD_OUT])
@pytest.mark.parametrize("name", SETS)
def test_each_set_brings_its_card_or_section_into_the_top_three(found, name, half, place):
    queries = [q for q in load_queries() if q.set == name and q.half == half]
    assert queries, (name, half)
    failed = [(q.query, q.target, found[q.query][place][:TOP])
              for q in queries if not hit(found[q.query], place, q.targets)]
    share = 1 - len(failed) / len(queries)
    print(f"{place}, {name}, {half}: {len(queries) - len(failed)}/{len(queries)} = {share:.1%}")
    assert share >= TARGETS[name][half], failed if half == TUNING else f"{len(failed)} held-out queries failed"


def test_site_search_keeps_the_best_results_in_view_whatever_their_page(found):
    """Material shows a page's rows together and folds those below the group's first; a
    section ranked third of all used to fold away under its page's best (冷落 under the
    list of 大忌), and a page's fourth-best row came before the next page's best. Now
    the three best of all are in view in site search, for every query of the sets (42 %
    of them lost one under the old fold)."""
    texts = [q.query for q in load_queries()]
    out = [text for text in texts if not set(found[text]["quick"][:TOP]) <= set(found[text]["search"])]
    assert not out, f"{len(out)} of {len(texts)} queries"  # held-out ones among them


@pytest.mark.parametrize("place", PLACES)
def test_no_query_of_the_sets_leaves_the_screen_empty(found, place):
    queries = [*load_queries(), *(q for q in load_emergencies() if not q.emergency)]
    assert [q.query for q in queries if not found[q.query][place]] == []


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("half", [TUNING, HELD_OUT])
def test_an_emergency_shows_the_instruction_first(found, half, place):
    queries = [q for q in load_emergencies() if q.emergency and q.half == half]
    missed = [q.query for q in queries if not found[q.query]["emergency"][place]]
    share = 1 - len(missed) / len(queries)
    print(f"{place}, emergencies, {half}: {len(queries) - len(missed)}/{len(queries)} = {share:.1%}")
    assert share >= EMERGENCY_TARGETS[half], missed if half == TUNING else f"{len(missed)} held-out missed"


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("half", [TUNING, HELD_OUT])
def test_a_complaint_that_only_sounds_like_an_emergency_is_not_one(found, half, place):
    alike = [q for q in load_emergencies() if not q.emergency and q.half == half]
    flagged = [q.query for q in alike if found[q.query]["emergency"][place]]
    count, most = len(flagged), WRONGLY_FLAGGED_AT_MOST[half] * len(alike)  # numbers only: a held-out
    assert count <= most, flagged if half == TUNING else f"{count} held out"  # query is never shown
    right = sum(hit(found[q.query], place, q.targets) for q in alike)
    assert right / len(alike) >= 0.8


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("query", NOTHING_QUERIES)
def test_off_topic_query_is_never_shown_as_a_match(found, place, query):
    """Nothing on the site is about it: no results, or the closest said to be a guess."""
    answer = found[query]
    assert answer[place] == [] or answer["guess"][place]
    assert not answer["emergency"][place]


@pytest.mark.parametrize("place", PLACES)
def test_a_query_without_spaces_finds_what_it_finds_with_them(found, place):
    for typed, spaced in [("客户哭了", "客户 哭了"), ("要拉横幅", "要 拉横幅"), ("客户不说话", "客户 不说话")]:
        assert found[typed][place] == found[spaced][place], typed


# A machine that hangs and a figure of speech beside an emergency's word (晕, 血, 短路, a policy's
# 自杀条款), and a known word's characters that sound like one (人直接 is not 人质): made up for
# this test, in no set; the emergency words of a kind name a person (叫…没反应, 人动不了).
NOT_EMERGENCIES = ["系统没反应客户急了", "电脑卡着不动了", "客户说我脑子短路了", "客户说被你们绕晕了",
                   "这可是我的血汗钱", "退保亏得血本无归", "客户把资料摔在地上", "他插队抢了别人的号",
                   "代办人说跟投保人有血缘关系", "有人直接过来问退保的事", "客户问自杀条款赔不赔",
                   "客户把表格放到地上了", "客户说这么扣钱还不如杀了我", "客户说今天必须拿到钱",
                   # a likeness (跟…没两样) and a cry for help aimed at the company
                   "客户说这手续费扣得跟打劫没两样",
                   "客户说这手续费扣得跟抢钱有什么区别", "客户一进来就喊救命啊你们坑人", "客户说的话像刀一样扎心",
                   # a character of filler is typed as itself: 要他 is not 要塌
                   "这份合同简直要他老命",
                   # an accent makes no emergency's word (砸了你们 is not 炸了你们: 砸招牌 is a figure)
                   "他说要砸了你们的招牌",
                   # a fall of returns, a customer leaving in a huff, a zodiac sign
                   "分红险的收益一下就跌下去了", "客户拎起包就跑了 气呼呼的", "客户属蛇的",
                   # a figure in two parts with words between (被踢…皮球)
                   "客户说他被踢了好多回皮球"]
# Two characters that sound like an emergency's word and share one the course never
# says (挑楼 for 跳楼, 浑迷 for 昏迷); a threat said to the teller, said of another
# (弄死她 for 弄死你). Made up for this test, in no set.
HEARD_EMERGENCIES = ["有人要挑楼", "客户突然浑迷了",
                     "仓库那边招火了"]  # as the word reads: 着火 is zhao huo, though 着 alone is zhe
THREATS = ["客户冲着同事喊要弄死她", "客户说要死给他看"]
# A thing like a weapon is a thing, not a likeness (像枪一样的东西; 说话跟机关枪似的 stays a figure).
THINGS_LIKE = ["包里有个像刀一样的东西", "他腰上别着跟枪似的玩意"]


@pytest.mark.parametrize("place", PLACES)
def test_a_machine_or_a_figure_of_speech_is_no_emergency(found, place):
    assert [query for query in NOT_EMERGENCIES if found[query]["emergency"][place]] == []
    assert found["老人倒在地上叫他没反应"]["emergency"][place]


@pytest.mark.parametrize("place", PLACES)
def test_an_emergency_heard_by_its_sound_or_said_of_another_is_one(found, place):
    assert [query for query in HEARD_EMERGENCIES + THREATS + THINGS_LIKE if not found[query]["emergency"][place]] == []


# A common word that sounds like a course word is what was said (回复 is not 恢复, the
# 保单恢复 of a card about offering options); made up for this test, in no set.
COMMON_WORDS = [("客户问多久回复", "principle-allow-time"), ("几天给客户回复", "principle-allow-time")]


@pytest.mark.parametrize("place", PLACES)
def test_a_common_word_is_not_heard_as_a_course_word_it_sounds_like(found, place):
    assert [(query, found[query][place][:1]) for query, target in COMMON_WORDS
            if found[query][place][:1] != [target]] == []


def test_the_common_words_that_sound_like_the_course_come_from_jiebas_dictionary():
    from macros.integration.search_index import sound_table
    from macros.integration.search_terms import common_soundalikes

    common = common_soundalikes({"恢复", "拿刀", "打人"}, sound_table())
    assert {"回复", "拿到", "大人"} <= set(common)
    assert "恢复" not in common and "灰腹" not in common  # the words themselves; not a common word
    assert all(set(word) & {"恢", "复", "拿", "刀", "打", "人"} for word in common)


@pytest.mark.parametrize("place", PLACES)
def test_a_homophone_inside_a_phrase_is_heard_as_the_phrase(found, place):
    for heard, meant in HOMOPHONES:
        assert found[heard][place][:TOP] == found[meant][place][:TOP], heard
    assert found["客户当场破口大骂"][place][0] == "type-rage"


# A staff phrase of the vocabulary said with words between (小事…闹…大) or one word changed
# (啰里八嗦 for 啰里啰嗦) counts as the phrase. Made up for this test, in no set.
GAPPED_PHRASES = [("一点小事被我们闹得这么大", "taboos#taboo-escalation"),
                  ("这课学完了到底有啥用", "summary#takeaways"),
                  ("客户嫌我说话太啰里八嗦", "taboos#taboo-impatience"),
                  # and where no word of the query is a known one (问 他 些 什么: 问些什么)
                  ("客户叽里呱啦 我该问他些什么", "step-3-gather-information")]
# An emergency's phrase of three characters or more said with a few characters between
# (捂着…胸口, 钱…交出来, 被…打了); the same characters far apart are not one.
GAPPED_EMERGENCIES = ["一直捂着自己胸口", "把钱都交出来", "大爷被人打了",
                      "那个人在摸旁边老太太的包"]  # 摸…的包: a theft seen
# A phrase is not found by its common characters alone: 客户来投诉 is not 代客户投诉, whose 代
# is what it says (a card about an agent came first).
NOT_GAPPED = [("客户来投诉时心里盼着什么", "origins#what-customers-want")]
SCATTERED = ["钱的事交给我们 出来再说", "我被客户打电话投诉了",
             "客户把手伸进自己的包里找笔"]  # one's own bag is no theft (伸进自己的包 is a figure)
# A claim names what it is for (a stroke last year, a fire at home): no emergency, unless it is
# happening now or something else is; made up for this test, in no set.
CLAIMS = ["客户父亲前年脑梗去世，身故理赔一直没到账", "去年食物中毒上吐下泻住院 理赔还没到",
          "客户上个月被狗咬了打疫苗 意外险能报吗",
          "客户家里失火了，来问家财险理赔怎么报",
          "客户说邻居家失火烧到他家",  # what happened elsewhere
          "客户母亲去年食物中毒住院，医疗险报销被拒",  # nor what the claim's word holds (毒 of 中毒)
          "客户丈夫前年自杀，寿险理赔被拒"]
CLAIMS_AND_EMERGENCIES = ["客户来办理赔，突然心梗倒下了", "理赔被拒，客户掏出一把水果刀", "那人手里攥着一把到",
                          # a threat or an intent is said now (要自杀), a claim for one is not
                          "理赔被拒，客户说要自杀", "保单理赔没下来，他扬言要跳楼"]
# A sign on the body is an emergency (嘴唇…紫了); what a mood does to a face is not (气得脸色发白),
# though 气得嘴唇发紫 still is; made up for this test, in no set.
SIGNS = ["客户嘴唇有点紫了", "老人手心冰凉", "大爷突然半边动不了", "客户气得嘴唇发紫"]
MOODS = ["客户气得脸色发白", "客户吓得脸都白了"]
# A protest lies on the floor and will not get up (不起来); one who cannot (起不来) is an emergency,
# and so is one who suddenly (突然) convulses; made up for this test, in no set.
PROTESTS = ["大妈躺在柜台前地上不起来，说不给退保就不走"]
PROTESTS_AND_EMERGENCIES = ["老人躺在地上起不来了", "客户躺在地上不起来，突然抽搐"]
# What a mood is said to do is a figure (急得想跳楼, 气出心脏病); a common word is what was said
# (火化 is not 火花); made up for this test, in no set.
SAID_OF_A_MOOD = ["客户说急得都想跳楼了", "我快被这客户气出心脏病了", "家属拿着火化证明来办身故理赔",
                  "每天被客户骂得想死", "客户说等得快气晕了", "客户骂我们简直是抢钱"]
# Pinyin typed for words is read as the words it sounds like; made up for this test, in no set.
PINYIN = [("ke hu ku le", "客户哭了"), ("kehukule", "客户哭了"),  # without spaces, the fewest syllables
          ("bgwds", "不关我的事")]  # initials of the one course word they start
PINYIN_EMERGENCIES = ["ke hu tiao lou", "youren qiangjie", "同事在做cpr",  # an emergency's Latin word as typed
                      # a syllable typed against a character, read with it (qiang劫, 打jia)
                      "门口有人qiang劫", "大厅里有人打jia"]
# A staff phrase of another group found inside a phrase the query said is not said: 在职业务员 is
# not 离职业务员 (whose card came first); made up for this test, in no set.
INSIDE_A_SAID_PHRASE = [("在职业务员陪客户来投诉", "type-active-agent")]
# A run is cut into as few known words as cover it: 解释 错不在我, not the longest word first
# (解释错 不在 我, which found 缺少专业知识 first); made up for this test, in no set.
FEWEST_WORDS = [("柜员忙着解释错不在我", "taboos#taboo-excuse")]
# A card is found by its number, as the deck names it and as staff say it (类型四 had found
# 类型一 first: 四 alone says nothing). Made up for this test, in no set.
NUMBERED = [("类型四", "type-active-agent"), ("第三步要做什么", "step-3-gather-information"),
            ("第二条原则是啥", "principle-gain-trust"), ("第五类客户", "type-former-agent")]
# A sentence of common words only (no rare character) still gets the closest, said to be a
# guess: it had left both places empty. Made up for this test, in no set.
COMMON_ONLY = ["ok 那个怎么办呢", "hello 你好"]
# Regional speech is read as the common words it says (冇 is 没, 佢 is 他, 细路仔 is 小孩);
# made up for this test, in no set.
DIALECT = [("冇人理佢", "没人理他"), ("客户一直哭肿么办", "客户一直哭怎么办"), ("客户好嬲", "客户好生气"),
           ("俺瞅着客户急眼了", "我看着客户生气了"), ("伊拉覅排队", "他们不要排队"),
           # English words whole, of two words too
           ("客户一直crying", "客户一直哭"), ("这单要follow up吗", "这单要跟踪吗"),
           ("佢哋话要揾记者", "他们话要找记者"),
           ("客戶說有人偷錄", "客户说有人偷录"), ("暗訪", "暗访"),  # traditional characters are the simplified ones
           # and the English words staff mix in are the course's words (complain is 投诉)
           ("客户一直complain说我们service太差", "客户一直投诉说我们服务太差"),
           ("投诉到底是risk还是resource", "投诉到底是风险还是资源")]
DIALECT_EMERGENCIES = ["细路仔唔见咗", "客户的孩纸不见了", "打印机🔥了",
                       "有人拿着knife在大厅", "阿嬷坐着坐着昏去了", "有个customer fainted在门口",
                       "門口有人搶包", "两个人fight起来了",
                       "客户说要 kill himself", "大厅里有个老人 collapsed 了",
                       "细佬俾人锁咗喺车入面", "个袋俾人抢去矣"]  # 入面 is 里面, 矣 is 了
NOT_DIALECT = ["客户说这事begun没多久",  # an English word only whole (gun is not begun's)
               "客户说要为自己的权益fight到底"]  # fight is 打, not 打架


@pytest.mark.parametrize("place", PLACES)
def test_a_staff_phrase_said_with_words_between_counts_as_the_phrase(found, place):
    assert [(query, found[query][place][:1]) for query, target in GAPPED_PHRASES + NOT_GAPPED
            if found[query][place][:1] != [target]] == []


@pytest.mark.parametrize("place", PLACES)
def test_an_emergency_said_with_words_between_is_one(found, place):
    assert [query for query in GAPPED_EMERGENCIES if not found[query]["emergency"][place]] == []
    assert [query for query in SCATTERED if found[query]["emergency"][place]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_claim_for_an_illness_or_a_fire_is_no_emergency_unless_one_is_happening(found, place):
    assert [query for query in CLAIMS if found[query]["emergency"][place]] == []
    assert [query for query in CLAIMS_AND_EMERGENCIES if not found[query]["emergency"][place]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_sign_on_the_body_is_an_emergency_and_a_mood_on_a_face_is_not(found, place):
    assert [query for query in SIGNS if not found[query]["emergency"][place]] == []
    assert [query for query in MOODS if found[query]["emergency"][place]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_protest_on_the_floor_or_a_figure_of_a_mood_is_no_emergency(found, place):
    assert [query for query in PROTESTS + SAID_OF_A_MOOD if found[query]["emergency"][place]] == []
    assert [query for query in PROTESTS_AND_EMERGENCIES if not found[query]["emergency"][place]] == []


@pytest.mark.parametrize("place", PLACES)
def test_pinyin_is_read_as_the_words_it_sounds_like(found, place):
    for typed, meant in PINYIN:
        assert found[typed][place][:TOP] == found[meant][place][:TOP] != [], typed
    assert [query for query in PINYIN_EMERGENCIES if not found[query]["emergency"][place]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_phrase_inside_a_phrase_said_is_not_said(found, place):
    assert [(query, found[query][place][:1]) for query, target in INSIDE_A_SAID_PHRASE
            if found[query][place][:1] != [target]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_run_is_cut_into_the_fewest_known_words(found, place):
    assert [(query, found[query][place][:1]) for query, target in FEWEST_WORDS
            if found[query][place][:1] != [target]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_card_is_found_by_its_number(found, place):
    assert [(query, found[query][place][:1]) for query, target in NUMBERED if found[query][place][:1] != [target]] == []


@pytest.mark.parametrize("place", PLACES)
def test_a_sentence_of_common_words_gets_the_closest_as_a_guess(found, place):
    assert [query for query in COMMON_ONLY if not (found[query][place] and found[query]["guess"][place])] == []


@pytest.mark.parametrize("place", PLACES)
def test_regional_speech_finds_what_the_common_words_find(found, place):
    for spoken, common in DIALECT:
        assert found[spoken][place][:TOP] == found[common][place][:TOP] != [], spoken
    assert [query for query in DIALECT_EMERGENCIES if not found[query]["emergency"][place]] == []
    assert [query for query in NOT_DIALECT if found[query]["emergency"][place]] == []


def test_a_regional_word_in_traditional_characters_is_read_as_typed(site_dir):
    """係 is Cantonese for 是; 系, the character it is simplified to, is the 系 of 联系 and 关系,
    and is read as itself (联系 had been read as 联是, and 再联系客户 found no 跟踪服务)."""
    regional, said, common = query_words(site_dir, ["係唔係记者", "是不是记者", "处理完了要再联系客户吗"])
    assert regional == said
    assert "是" not in [word for word, _ in common] and any("联系" in word for word, _ in common)


@pytest.mark.parametrize("place", PLACES)
def test_the_filler_of_a_spoken_sentence_does_not_steer_the_ranking(found, place):
    for sentence, words in [("客户说要去找媒体曝光怎么办", "去 找媒体 曝光"), ("我该怎么跟一直哭的客户说", "哭")]:
        assert found[sentence][place][:TOP] == found[words][place][:TOP], sentence


def test_both_places_rank_the_same_documents(found):
    """话术速查 and site search rank one set of documents: the same cards and sections come first."""
    same = [q.query for q in load_queries() if found[q.query]["quick"][:1] == found[q.query]["search"][:1]]
    assert len(same) / len(load_queries()) >= 0.95


@pytest.mark.parametrize("place", PLACES)
def test_a_staff_word_alone_finds_its_card_or_section(found, source, place):
    """A word staff used for a card or section (vocabulary.staff_words), said alone, brings it
    into the first three: the words are in its ranking document, though its text does not say them."""
    words = staff_words(source)
    assert len(words) >= 100
    missed = [(word, answer, found[word][place][:TOP]) for word, answer in words
              if not hit(found[word], place, [answer])]
    assert not missed


@pytest.mark.parametrize("place", PLACES)
def test_a_staff_word_reached_through_its_group_weighs_as_text(found, source, place):
    """电视台的人 is a staff word of 明访 and a word of 记者's group: 记者偷拍 still puts 暗访 (偷拍)
    first, since a staff word counts as a keyword only when it is said."""
    assert ("电视台的人", "risk-open-media-visit") in staff_words(source)
    assert found["记者偷拍"][place][0] == "risk-undercover-media"
