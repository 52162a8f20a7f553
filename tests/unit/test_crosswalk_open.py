"""A framework estimate with questions left open (unanswered, "don't know", or hidden only
because of such a one): a floor and the level the open answers could still reach, never a
confident "below level 1" from answers nobody gave."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sme_assess.engine.crosswalk import Estimate
from sme_assess.engine.crosswalk_open import estimates
from sme_assess.engine.scoring import assess

from .test_crosswalk import GUIDING, MANDATORY, MIIT, RICH, SCALE, Q, answers, scenarios


def miit(given_answers: dict[str, Any]) -> Estimate:
    shown = assess(Q, given_answers)
    return next(
        e for e in estimates(Q, shown.answers, shown.questions) if e.crosswalk.id == MIIT.id
    )


def test_nothing_answered_is_no_estimate_not_below_level_1() -> None:
    e = miit({})
    assert e.level == 0
    assert e.nothing_answered
    assert e.level_if_answered == 4
    assert "digital_spend" in e.open_questions and MANDATORY[0] in e.open_questions


def test_every_answer_given_leaves_nothing_open_and_the_level_stands() -> None:
    full = {**RICH, **scenarios("l2"), "digital_spend": "over_10", "digital_stage": "shared"}
    e = miit(full)
    open_items = [q for q in e.open_questions if q in full]
    assert open_items == []
    assert e.level_if_answered >= e.level


def test_unanswered_items_that_could_reach_the_gate_raise_the_ceiling() -> None:
    # six scenarios at rung 1, three of them mandatory: level 1's scenario counts are met, but
    # no scored item is answered, so its 20 points are missing
    at = {q: "l1" for q in [*MANDATORY[:3], *GUIDING[:3]]}
    e = miit(scenarios("l0", **at))
    assert e.level == 0
    assert not e.nothing_answered
    assert e.level_if_answered >= 1
    assert "network_build" in e.open_questions


def test_dont_know_is_open_like_no_answer() -> None:
    e = miit({**RICH, **scenarios("l1"), "network_build": "unknown"})
    assert "network_build" in e.open_questions
    e2 = miit({**RICH, **scenarios("l1")})
    assert "network_build" not in e2.open_questions


def test_a_question_hidden_by_an_answer_given_is_not_open_one_hidden_by_a_gap_is() -> None:
    # the outcome questions are asked only once digital work has started (digital_stage)
    hidden_by_answer = miit({**scenarios("l1"), "digital_stage": "none"})
    assert "out_yield" not in hidden_by_answer.open_questions
    hidden_by_gap = miit(scenarios("l1"))
    assert "out_yield" in hidden_by_gap.open_questions


@settings(max_examples=150, deadline=None)
@given(answers(), st.data())
def test_the_level_the_firm_reaches_lies_between_the_floor_and_the_ceiling(
    full: dict[str, Any], data: st.DataObject
) -> None:
    """Leave out any answers: the level all the answers give is never below the estimate
    from fewer answers nor above the level those fewer answers say is still reachable."""
    full = _agreeing(full)
    keys = sorted(full)
    dropped = data.draw(st.sets(st.sampled_from(keys)) if keys else st.just(set()))
    dont_know = data.draw(st.sets(st.sampled_from([s.question for s in MIIT.scenarios])))
    partial = {k: v for k, v in full.items() if k not in dropped}
    for q in dont_know - dropped:
        partial[q] = "unknown"
        full = {**full, q: data.draw(st.sampled_from(SCALE))}
    whole, part = miit(full), miit(partial)
    assert part.level <= whole.level <= part.level_if_answered
    if not part.open_questions:
        assert part.level_if_answered == part.level


def _agreeing(answers: dict[str, Any]) -> dict[str, Any]:
    """The firm's band or percentage for each rate item made to agree with its machine counts,
    as a firm's own answers do: the counts, when given, decide the item, and an open count
    beside an answered band is taken to agree with that band (the band is then the item's
    ceiling). Counts that contradict the band are a different firm, not a wider range."""
    out = dict(answers)
    for item in MIIT.items:
        if item.rate is None or item.question is None:
            continue
        part, whole = out.get(item.rate.part), out.get(item.rate.whole)
        if not isinstance(part, int) or not isinstance(whole, int) or whole <= 0:
            continue
        rate = 100 * part / whole
        points = next(
            b.points
            for b in item.bands
            if (b.min is None or rate > b.min) and (b.max is None or rate <= b.max)
        )
        if item.points:  # a band question: the option worth the counts' points
            out[item.question] = next(v for v, p in item.points.items() if p == points)
        else:  # a percentage question: the counts' rate, rounded up into its band
            out[item.question] = min(100, math.ceil(rate))
    return out
