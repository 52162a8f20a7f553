"""Plan properties over random valid answers to the built-in pack: whatever a firm answers,
its plan never sells it what it has, and never puts a step before what it stands on."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sme_assess.engine.matching import left_out, profile_of, recommend
from sme_assess.engine.plan_facts import compile_catalogue, screen
from sme_assess.engine.scoring import assess
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS
from .plan_oracle import had

PHASES = ["now", "next", "later"]


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), skip=st.sampled_from([0.0, 0.1, 0.4]))
def test_plan_respects_the_firms_facts(seed: int, skip: float) -> None:
    p = pack()
    q, c = p.questionnaire, p.catalogue
    answers = random_answers(q, random.Random(seed), skip=skip)
    a = assess(q, answers)
    profile = profile_of(q, a.answers)
    recs = recommend(a, c, profile)
    scr = screen(q, c, a.answers)
    cc = compile_catalogue(q, c)
    by_id = {s.id: s for s in c.solutions}
    rank = {r.solution: r.rank for r in recs}
    phase = {r.solution: PHASES.index(r.phase) for r in recs}

    for rec in recs:
        sol = by_id[rec.solution]
        # never recommended: what the answers say is in place, or does not apply
        assert rec.solution not in scr.in_place
        assert rec.solution not in scr.not_applicable
        # every fact prerequisite holds, or what establishes it comes earlier in the plan
        for fact in sol.requires:
            if fact in scr.facts:
                continue
            earlier = [
                sid
                for sid in rank
                if fact in cc.establishes[sid]
                and rank[sid] < rec.rank
                and (phase[sid] < phase[rec.solution] or phase[sid] == 2)
            ]
            assert earlier, (rec.solution, fact)
        # every prerequisite solution is in place, not applicable, or earlier in the plan
        for pre in sol.prerequisites.solutions:
            covered = {b for b in rank if pre in by_id[b].includes}
            assert (
                pre in scr.in_place
                or pre in scr.not_applicable
                or (pre in rank and rank[pre] < rec.rank)
                or any(rank[b] < rec.rank for b in covered)
            ), (rec.solution, pre)
        # a bundle and its parts are never both in the plan
        assert not set(sol.includes) & set(rank), rec.solution

    # "now" holds at most the pack's number of items and of new systems
    now = [r.solution for r in recs if r.phase == "now"]
    assert len(now) <= c.plan_rules.now_max_items
    limit = c.plan_rules.now_max_new_systems
    assert limit is None or sum(by_id[s].new_system for s in now) <= limit
    # when nobody owns digital work, the pack's first step leads the plan
    raised = {h.id for h in a.pain_points}
    for pain, first in c.plan_rules.first_when_raised.items():
        if pain in raised and first in rank:
            assert rank[first] == 1
    # every solution is either planned or left out with a reason, never both
    out = {item.solution for item in left_out(a, c, profile)}
    assert not out & set(rank)
    assert out | set(rank) == set(by_id)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_compiled_catalogue_conditions_agree_with_the_evaluator(seed: int) -> None:
    from sme_assess.engine.condition_compile import compile_condition
    from sme_assess.engine.visibility import option_order
    from sme_assess.pack.conditions import evaluate, parse_condition

    q, c = pack().questionnaire, pack().catalogue
    order = option_order(q)
    answers = random_answers(q, random.Random(seed), skip=0.2, na=0.1, unknown=0.1)
    sources = [f.when for f in c.facts] + [
        x for s in c.solutions for x in (s.in_place_if, s.not_applicable_if) if x
    ]
    for source in sources:
        cond = parse_condition(source)
        assert compile_condition(cond, order)(answers) == evaluate(cond, answers, order), source


# a system the firm ticks as in daily use -> the catalogue solutions that are that system
SYSTEM_IS = {
    "erp": {"cloud_erp"},
    "mes": {"light_production_saas", "mes_lite"},
    "wms": {"wms_handheld"},
    "plm": {"plm_pdm"},
    "crm": {"cloud_crm"},
    "qms": {"digital_inspection"},
    "lims": {"digital_inspection"},
    "eam": {"cmms_tickets"},
    "oa": {"collab_office"},
    "inventory": {"inventory_app"},
    "work_order_app": {"scan_reporting"},
    "aps": {"aps_scheduling", "production_plan_board"},
    "srm": {"supplier_portal"},
    "scada": {"machine_monitoring_pilot"},
}


def _has(answers: dict[str, object]) -> tuple[set[str], set[str]]:
    """What the firm has and what does not apply to it, worked out here from the catalogue's
    conditions by the condition evaluator (not the engine's compiled screen): a solution whose
    ``in_place_if`` holds and the parts of a bundle in place; a bundle whose every part is had
    or does not apply (one at least had)."""
    from sme_assess.engine.visibility import option_order
    from sme_assess.pack.conditions import evaluate, parse_condition

    q, c = pack().questionnaire, pack().catalogue
    order = option_order(q)

    def holds(source: str | None) -> bool:
        return bool(source) and evaluate(parse_condition(source or ""), answers, order)

    na = {
        s.id
        for s in c.solutions
        if holds(s.not_applicable_if) or any(answers.get(x) == "n/a" for x in s.scenarios)
    }
    has = had(c.solutions, (s.id for s in c.solutions if holds(s.in_place_if)), na)
    return has, na


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    target=st.sampled_from([None, 2, 3, 4]),
    size=st.sampled_from([None, "micro", "small", "medium"]),
)
def test_no_plan_and_no_target_path_sells_a_firm_what_it_has(
    seed: int, target: int | None, size: str | None
) -> None:
    """Whatever a firm answers: nothing in its plan or on its path to a target level is in
    place by the catalogue's own conditions, is a system it ticked as in daily use, or is a
    bundle the firm lacks fewer parts of than the catalogue's bundle rule counts."""
    from sme_assess.engine.targeting import plan_to_level

    p = pack()
    q, c = p.questionnaire, p.catalogue
    rnd = random.Random(seed)
    answers = random_answers(q, rnd, skip=0.1)
    if size is not None:
        answers["company_size"] = size
    a = assess(q, answers)
    profile = profile_of(q, a.answers)
    has, na = _has(dict(a.answers))
    ticked = a.answers.get("systems_in_use") or []
    sold = {r.solution for r in recommend(a, c, profile)}
    if target is not None:
        sold |= set(plan_to_level(a, c, profile, target).solutions)
    by_id = {s.id: s for s in c.solutions}
    min_parts = c.plan_rules.bundle_min_parts
    for sid in sold:
        assert sid not in has and sid not in na, sid
        for system in ticked:
            assert sid not in SYSTEM_IS.get(system, ()), (system, sid)
        # a work-order app on a pilot line or idle is rolled out, not joined by another one
        if "work_order_app" in ticked and a.answers.get("mes_coverage") in ("idle", "pilot"):
            assert sid not in ("mes_lite", "light_production_saas"), sid
        parts = by_id[sid].includes
        if parts:
            lacking = [x for x in parts if x not in has and x not in na]
            assert len(lacking) >= min_parts, (sid, lacking)
