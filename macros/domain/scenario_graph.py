"""Checks that a role-play scenario is a playable graph.

Every reply leads to a node that exists, every node can be reached from the
start, and from every node some path still leads to an ending, so a loop
always has a way out. Each scenario can end well (化解, or 转交上级 where the
deck asks to report upwards) and has at least two replies that go wrong.

A wrong turn need not be the end: each scenario has at least one wrong reply
after which the customer reacts and the learner can still reach a good ending
(大忌六: 可以一次解决的，反而造成客户升级投诉). A reply's verdict agrees with the
ending it leads to, so an ending's explanation never praises a misstep nor
blames a good reply.
"""

from collections.abc import Iterator

from ..contracts import GOOD_ENDINGS
from .errors import Problem
from .schema import Node, Reply, Scenario, TrainingSource

WRONG_TURNS_NEEDED = 2


def find_graph_problems(source: TrainingSource) -> Iterator[Problem]:
    for index, scenario in enumerate(source.scenarios):
        yield from _graph_problems(index, scenario)


def _graph_problems(index: int, scenario: Scenario) -> Iterator[Problem]:
    where = ("scenarios", index)
    positions = {}
    for position, node in enumerate(scenario.nodes):
        if node.id in positions:
            yield Problem((*where, "nodes", position, "id"), f"node id '{node.id}' is used twice")
        positions.setdefault(node.id, position)
    if scenario.start not in positions:
        yield Problem((*where, "start"), f"the start node '{scenario.start}' does not exist")
        return

    edges = {node.id: [reply.next for reply in node.replies] for node in scenario.nodes}
    for position, node in enumerate(scenario.nodes):
        for number, reply in enumerate(node.replies):
            if reply.next not in positions:
                yield Problem((*where, "nodes", position, "replies", number, "next"),
                              f"node '{node.id}': reply {number + 1} leads to '{reply.next}', which does not exist")

    reachable = _reachable({scenario.start}, edges)
    endings = {node.id for node in scenario.nodes if node.ending}
    can_end = _reachable(endings, _reversed(edges))
    for position, node in enumerate(scenario.nodes):
        if node.id not in reachable:
            yield Problem((*where, "nodes", position, "id"), f"node '{node.id}' cannot be reached from the start")
        elif node.id not in can_end:
            yield Problem((*where, "nodes", position, "id"),
                          f"from node '{node.id}' no path leads to an ending (a loop without a way out)")

    if not any(node.ending in GOOD_ENDINGS and node.id in reachable for node in scenario.nodes):
        yield Problem((*where, "nodes"), f"no path leads to a good ending ({' or '.join(GOOD_ENDINGS)})")
    wrong_turns = sum(reply.verdict == "bad" for node in scenario.nodes for reply in node.replies)
    if wrong_turns < WRONG_TURNS_NEEDED:
        yield Problem((*where, "nodes"),
                      f"needs at least {WRONG_TURNS_NEEDED} replies that go wrong, found {wrong_turns}")

    nodes = {node.id: node for node in scenario.nodes}
    for position, node in enumerate(scenario.nodes):
        for number, reply in enumerate(node.replies):
            target = nodes.get(reply.next)
            if target is None or target.ending is None:
                continue
            if (target.ending in GOOD_ENDINGS) != (reply.verdict == "good"):
                kind = "good" if target.ending in GOOD_ENDINGS else "bad"
                yield Problem((*where, "nodes", position, "replies", number, "verdict"),
                              f"node '{node.id}': a {reply.verdict} reply leads straight to the {kind} ending "
                              f"'{target.id}' ({target.ending}); its explanation would not fit")

    good_endings = {node.id for node in scenario.nodes if node.ending in GOOD_ENDINGS}
    can_end_well = _reachable(good_endings, _reversed(edges))
    if not any(reply.verdict == "bad" and reply.next in nodes and not nodes[reply.next].ending
               and reply.next in can_end_well and reply.next in reachable
               for node in scenario.nodes for reply in node.replies):
        yield Problem((*where, "nodes"), "no wrong turn can be recovered from: at least one bad reply must lead "
                      f"to a node from which a good ending ({' or '.join(GOOD_ENDINGS)}) can still be reached")


def good_path(scenario: Scenario) -> tuple[list[Reply], Node]:
    """The replies a trainer hopes to hear, from the start, and the node where they lead."""
    nodes = {node.id: node for node in scenario.nodes}
    node, replies, seen = nodes[scenario.start], [], set()
    while not node.ending and node.id not in seen:
        seen.add(node.id)
        good = next((reply for reply in node.replies if reply.verdict == "good"), None)
        if good is None:
            break
        replies.append(good)
        node = nodes[good.next]
    return replies, node


def _reachable(starts: set[str], edges: dict[str, list[str]]) -> set[str]:
    seen, stack = set(starts), list(starts)
    while stack:
        for target in edges.get(stack.pop(), []):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _reversed(edges: dict[str, list[str]]) -> dict[str, list[str]]:
    backwards: dict[str, list[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            backwards.setdefault(target, []).append(source)
    return backwards
