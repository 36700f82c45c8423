"""情景演练 in Chromium: good and bad paths, feedback links, summary, restart, memory, keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import GOOD_PATH, page_errors, pick, scenario

pytestmark = pytest.mark.browser


def test_good_path_ends_in_resolution_with_the_path_and_restart(page, site_url):
    page.goto(site_url + "scenarios/")
    rage = scenario(page, "rage-banner")
    expect(rage.locator(".ckb-scenario__line--customer").first).to_contain_text("【愤怒】客户：你们今天不给我解决")
    for reply in GOOD_PATH:
        pick(rage, reply)
    expect(rage.locator(".ckb-scenario__ending-type")).to_have_text("结局：化解")
    expect(rage.locator(".ckb-scenario__path li")).to_have_text([f"✔ {reply}" for reply in GOOD_PATH])
    expect(rage.get_by_role("button", name="再来一次")).to_be_focused()

    rage.get_by_role("button", name="再来一次").click()
    expect(rage.locator(".ckb-scenario__transcript > li")).to_have_count(1)
    expect(rage.locator(".ckb-scenario__reply")).to_have_count(4)


def test_bad_path_ends_in_escalation_and_its_feedback_link_works(page, site_url):
    page.goto(site_url + "scenarios/")
    rage = scenario(page, "rage-banner")
    rage.get_by_role("button", name="这事不归我管，您找别人去。").click()
    feedback = rage.locator(".ckb-scenario__line--bad .ckb-scenario__feedback")
    expect(feedback).to_contain_text("✘ 不妥的回应：推给别人就是缺乏耐心")
    rage.get_by_role("button", name="继续").click()
    expect(rage.locator(".ckb-scenario__ending-type")).to_have_text("结局：升级投诉")
    expect(rage.locator(".ckb-scenario__path li")).to_have_text(["✘ 这事不归我管，您找别人去。"])

    feedback.get_by_role("link").click()
    expect(page).to_have_url(re.compile("taboos/#taboo-impatience$"))
    expect(page.locator("article h1")).to_contain_text("处理大忌")
    expect(page.locator("#taboo-impatience")).to_have_text(re.compile("^缺乏耐心，急于打发客户"))


def test_best_ending_is_remembered_and_shown_on_the_progress_page(page, site_url):
    page.goto(site_url + "scenarios/")
    crying = scenario(page, "crying-deceived")
    pick(crying, "您别哭了，哭也解决不了问题。")
    page.reload()
    expect(crying.locator(".ckb-scenario__best")).to_have_text("你在这个情景的最好结局：升级投诉")
    for reply in ["（递上纸巾，不打断，让客户把话说完。）", "我们真的非常同情您。如果是我，可能也会这样。",
                  "那业务员当时给您留下什么书面资料了吗？"]:
        pick(crying, reply)
    pick(crying, re.compile("^如果事情是这样，我们会帮助您的。这张纸条很重要"))
    pick(crying, re.compile("^您的担心我明白"))
    pick(crying, re.compile("^您反映的问题很重要"))
    page.reload()
    expect(crying.locator(".ckb-scenario__best")).to_have_text("你在这个情景的最好结局：转交上级")

    page.goto(site_url + "progress/")
    row = page.locator(".ckb-progress__row[data-memory='scenario.crying-deceived']")
    expect(row.locator(".ckb-progress__best")).to_have_text(re.compile("转交上级$"))
    expect(row.locator(".ckb-progress__last")).to_have_text(re.compile("转交上级$"))


def test_keyboard_alone_plays_a_scenario(page, site_url):
    page.goto(site_url + "scenarios/")
    media = scenario(page, "group-media-visit")
    replies = media.locator(".ckb-scenario__reply")
    texts = replies.all_inner_texts()
    camera = next(i for i, text in enumerate(texts) if "镜头" in text or "记者" in text or "采访" in text)
    replies.first.focus()
    for _ in range(camera):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(media.get_by_role("button", name="继续")).to_be_focused()
    page.keyboard.press("Enter")
    expect(media.locator(".ckb-scenario__line--you").first).to_be_visible()
    expect(media.locator(".ckb-scenario__reply, .ckb-scenario__again").first).to_be_focused()


def reply_order(browser, site_url, seed):
    context = browser.new_context()
    context.add_init_script(f"window.ckbSeed = {seed}")
    page = context.new_page()
    page.goto(site_url + "scenarios/")
    order = page.locator(".ckb-scenario__choices").evaluate_all(
        "lists => lists.map(list => [...list.children].map(button => button.textContent).join('|'))")
    context.close()
    return order


def test_replies_are_shuffled_per_visit_and_a_seed_fixes_them(browser, site_url, source):
    assert reply_order(browser, site_url, 1) == reply_order(browser, site_url, 1)
    orders = {tuple(reply_order(browser, site_url, seed)) for seed in (1, 2, 3)}
    assert len(orders) > 1
    firsts = [order.split("|")[0] for order in reply_order(browser, site_url, 5)]
    goods = [next(r.text for r in next(n for n in s.nodes if n.id == s.start).replies if r.verdict == "good")
             for s in source.scenarios]
    assert firsts != goods  # the good reply is not always the first button


def test_the_branch_tree_is_out_of_reach_while_playing_and_offered_after(page, site_url):
    page.goto(site_url + "scenarios/")
    media = scenario(page, "group-media-visit")
    tree = media.locator(".ckb-scenario__tree")
    expect(tree).to_be_hidden()
    while not media.locator(".ckb-scenario__again").count():
        media.locator(".ckb-scenario__reply, .ckb-scenario__next").first.click()
    expect(tree).to_be_visible()
    assert tree.evaluate("tree => tree.open") is False
    media.get_by_role("button", name="再来一次").click()
    expect(tree).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(tree).to_be_visible()


def test_a_damaged_scenario_record_is_dropped_alone(browser, site_url):
    """Each damaged record in turn, in one browser: the role-play plays, the other's best ending stays."""
    context = browser.new_context()
    page = context.new_page()
    errors = page_errors(page)
    page.goto(site_url + "scenarios/")
    for stored in ['"text"', "42", "[1]", "{broken", '{"version": 7, "best": "化解"}', '{"last": 3, "best": "胜利"}']:
        page.evaluate("""stored => {
            localStorage.setItem(__md_scope.pathname + '.ckb.scenario.rage-banner', stored)
            localStorage.setItem(__md_scope.pathname + '.ckb.scenario.former-agent',
                                 JSON.stringify({version: 1, last: '化解', best: '化解'}))
        }""", stored)
        page.reload()
        rage = scenario(page, "rage-banner")
        expect(rage.locator(".ckb-scenario__best"), stored).to_have_text("")
        rage.locator(".ckb-scenario__reply").first.click()
        expect(rage.locator(".ckb-scenario__line--you"), stored).to_have_count(1)
        expect(scenario(page, "former-agent").locator(".ckb-scenario__best"), stored).to_contain_text("化解")
    page.goto(site_url + "progress/")
    best = page.locator(".ckb-progress__row[data-memory='scenario.former-agent'] .ckb-progress__best")
    expect(best).to_have_text("✔ 化解")
    assert errors == []
    context.close()


def test_new_customer_lines_land_in_a_live_region(page, site_url):
    page.goto(site_url + "scenarios/")
    transcript = scenario(page, "former-agent").locator(".ckb-scenario__transcript")
    expect(transcript).to_have_attribute("aria-live", "polite")
    pick(scenario(page, "former-agent"), "（转向客户）您好，您的事情我们会请工作人员专门接待您本人，请您跟我到这边来。")
    expect(transcript.locator(".ckb-scenario__line--customer").last).to_contain_text("当着我的面说")


def test_a_wrong_turn_can_be_recovered_and_the_ending_says_so(page, site_url):
    page.goto(site_url + "scenarios/")
    rage = scenario(page, "rage-banner")
    pick(rage, "您别激动，有话好好说。")
    expect(rage.locator(".ckb-scenario__line--customer").last).to_contain_text("【愤怒】客户：你让我别激动？")
    recovery = "我是柜面主管，这件事情由我来负责。（接着不再劝，专心听客户把话说完，不时点头示意在听。）"
    rage.get_by_role("button", name=recovery).click()
    expect(rage.locator(".ckb-scenario__line--good .ckb-scenario__feedback").last).to_contain_text("补救")
    rage.get_by_role("button", name="继续").click()
    for reply in GOOD_PATH[2:]:
        pick(rage, reply)
    expect(rage.locator(".ckb-scenario__ending-type")).to_have_text("结局：化解")
    expect(rage.locator(".ckb-scenario__recovered")).to_contain_text("中途有一步不妥")
    expect(rage.locator(".ckb-scenario__path li")).to_have_text(
        ["✘ 您别激动，有话好好说。", f"✔ {recovery}", *(f"✔ {reply}" for reply in GOOD_PATH[2:])])

    rage.get_by_role("button", name="再来一次").click()
    for reply in GOOD_PATH:
        pick(rage, reply)
    expect(rage.locator(".ckb-scenario__recovered")).to_have_count(0)


def test_lines_name_their_speaker_and_narration_has_none(page, site_url):
    page.goto(site_url + "scenarios/")
    former = scenario(page, "former-agent")
    opening = former.locator(".ckb-scenario__line--customer").first
    expect(opening.locator(".ckb-scenario__speaker")).to_have_text("离职业务员：")
    expect(opening).to_have_text("【愤怒】离职业务员：我以前就是你们公司的，这个产品就是坑人，赶紧给我客户全退了！")
    pick(former, "（转向客户）您好，您的事情我们会请工作人员专门接待您本人，请您跟我到这边来。")
    expect(former.locator(".ckb-scenario__speaker").last).to_have_text("离职业务员：")
    pick(former, "您的意见我们记下了。客户本人的事，由工作人员接待客户本人，请您先在这边稍坐。")
    expect(former.locator(".ckb-scenario__speaker").last).to_have_text("客户：")

    media = scenario(page, "group-media-visit")
    pick(media, "请大家先到接待室坐一下，我马上请主管和办公室的同事过来接待。")
    expect(media.locator(".ckb-scenario__speaker").last).to_have_text("在电视台工作的客户：")
    pick(media, re.compile("^您好，欢迎您。请问您是哪家电视台的？"))
    narration = media.locator(".ckb-scenario__line--customer").last
    expect(narration).to_have_class(re.compile("ckb-scenario__narration"))
    expect(narration).to_have_text("【不满】（在接待室，三位客户你一言我一语，情绪仍然激动。）")
    expect(narration.locator(".ckb-scenario__speaker")).to_have_count(0)
