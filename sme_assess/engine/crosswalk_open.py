"""What the open answers leave undecided in a framework estimate (``crosswalk``).

An item or scenario is *open* when its question is shown and unanswered or answered "don't
know", or hidden only because a question its show-if reads is open (a question hidden by an
answer given is not open: the firm was not asked it, rightly). Open answers earn 0, so the
estimate is a floor; ``level_if_answered`` is the level the answers would reach were every
open one answered at its best, so the firm's level lies between the two; ``nothing_answered``
says that nothing the estimate reads is answered (no estimate, not "below level 1").
A rate item (machine counts) whose band or percentage question is answered is not open while
a count is: the counts, when given, decide it, and are taken to agree with the band the firm
chose, which is then the item's ceiling.
"""

from collections.abc import Callable, Mapping
from typing import Any

from ..adding import added
from ..models import Questionnaire
from ..models.crosswalk import Crosswalk, CrosswalkItem
from .condition_compile import plain_names, plain_source
from .crosswalk import (
    Estimate,
    at_least,
    estimate,
    gate_check,
    item_points,
    level_of,
    rate_of,
    shape_of,
)
from .records import QuestionScore


def _item_open(
    item: CrosswalkItem, answers: Mapping[str, Any], is_open: Callable[[str], bool]
) -> bool:
    """An item (not a scenario-coverage one) whose points wait on an open answer: its question,
    or for a rate with no percentage from its counts, an open count and no answered question."""
    if item.rate is not None:
        if rate_of(item, answers) is not None:
            return False
        if item.question is not None and not is_open(item.question):
            return False
        return is_open(item.rate.part) or is_open(item.rate.whole)
    return item.question is not None and is_open(item.question)


def _open_side(
    cw: Crosswalk,
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    is_open: Callable[[str], bool],
    e: Estimate,
) -> tuple[tuple[str, ...], int, bool]:
    """The open questions (in the crosswalk's order), the level were each answered at its
    best (0 when none is open: the caller keeps its level), and whether nothing the estimate
    reads is answered."""
    mandatory, gates, max_rung, _ = shape_of(cw)
    items = e.items
    opened: dict[str, None] = {}
    best_rungs = dict(e.scenario_rungs)
    closed = 0
    for sc in cw.scenarios:
        if is_open(sc.question):
            opened.setdefault(sc.question, None)
            best_rungs[sc.question] = max(sc.rungs.values(), default=0)
        else:
            closed += 1
    plain = [ip for ip in items if ip.item.scenario_coverage is None]
    open_items = [ip for ip in plain if _item_open(ip.item, answers, is_open)]
    for ip in open_items:
        item = ip.item
        for qid in (item.question, *((item.rate.part, item.rate.whole) if item.rate else ())):
            if qid is not None and is_open(qid):
                opened.setdefault(qid, None)
    if not opened:
        return (), 0, False
    closed += len(plain) - len(open_items)
    upper_points = added(
        item_points(ip.item, questionnaire, answers, best_rungs).points
        if ip.item.scenario_coverage is not None
        else ip.item.max_points
        if any(ip is o for o in open_items)
        else ip.points
        for ip in items
    )
    at, mand = at_least(best_rungs, mandatory, max_rung)
    checks = tuple(
        gate_check(g, round(upper_points, 2), at[g.at_rung], mand[g.at_rung]) for g in gates
    )
    return tuple(opened), level_of(checks)[0], closed == 0


_DEPENDS: dict[int, tuple[Questionnaire, Mapping[str, tuple[str, ...]]]] = {}


def _depends_on(q: Questionnaire) -> Mapping[str, tuple[str, ...]]:
    """Question -> the questions its show-if and its section's show-if read (once per pack)."""
    hit = _DEPENDS.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]

    def read(show_if: Any) -> tuple[str, ...]:
        if not show_if:
            return ()
        source = show_if if isinstance(show_if, str) else show_if.source
        return plain_names(plain_source(source))  # the pack cache's parsed conditions

    out: dict[str, tuple[str, ...]] = {}
    for section in q.sections:
        above = read(section.show_if)
        for question in section.questions:
            out[question.id] = tuple(dict.fromkeys([*above, *read(question.show_if)]))
    if len(_DEPENDS) > 16:
        _DEPENDS.clear()
    _DEPENDS[id(q)] = (q, out)
    return out


def open_answers(q: Questionnaire, shown: Mapping[str, QuestionScore]) -> Callable[[str], bool]:
    """Whether a question's answer is open: shown and unanswered or "don't know", or hidden
    only because a question its show-if reads is open (hidden by answers given: not open)."""
    depends = _depends_on(q)
    memo: dict[str, bool] = {}

    def is_open(qid: str) -> bool:
        hit = memo.get(qid)
        if hit is None:
            score = shown.get(qid)
            if score is not None:
                hit = score.status == "unanswered" or score.status == "unknown"
            else:
                memo[qid] = False  # a show-if reads only questions before it; guards anyway
                hit = any(is_open(r) for r in depends.get(qid, ()))
            memo[qid] = hit
        return hit

    return is_open


def estimates(
    questionnaire: Questionnaire, answers: Mapping[str, Any], shown: Mapping[str, QuestionScore]
) -> tuple[Estimate, ...]:
    """Every crosswalk of the pack, estimated from the answers shown (``answers``), with what
    the open ones leave undecided (``shown``: the assessment's question records)."""
    if not questionnaire.crosswalks:
        return ()
    is_open = open_answers(questionnaire, shown)
    out = []
    for cw in questionnaire.crosswalks:
        e = estimate(cw, questionnaire, answers)
        opened, upper, nothing = _open_side(cw, questionnaire, answers, is_open, e)
        if opened:
            e = e._replace(
                open_questions=opened,
                level_if_answered=max(upper, e.level),
                nothing_answered=nothing,
            )
        out.append(e)
    return tuple(out)
