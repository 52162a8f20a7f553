"""The action plan's money, dates, headline and funding, against totals worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sme_assess.engine.action_plan import (
    FirmProfile,
    add_months,
    build_plan,
    cost_of,
    matching_funding,
)
from sme_assess.engine.peers import PeerGroup, Peers
from sme_assess.engine.plan_money import Money
from sme_assess.models import Catalogue
from sme_assess.models.result import Result
from sme_assess.wording.plan_text import cost_line, money

TIERS = [
    {"id": "sub_lt2k", "label": "under 2k a month", "max_cny": 2000, "monthly": True},
    {"id": "t_lt50k", "label": "under 50k", "max_cny": 50000},
    {"id": "sub_2k_10k", "label": "2k-10k a month", "max_cny": 10000, "monthly": True},
    {"id": "t_50k_300k", "label": "50k-300k", "max_cny": 300000},
    {"id": "t_gt300k", "label": "over 300k"},
]


def _sol(sid: str, tier: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "name": {"en": sid.title(), "zh": sid},
        "summary": "s",
        "addresses": {"categories": {"data": 2}},
        "lifts": {"from": 0, "to": 1},
        "cost_tier": tier,
        "effort": "low",
        "time_to_value_months": 2,
        "action": {
            "first_step": {"en": f"start {sid}", "zh": f"开始{sid}"},
            "owner": "boss",
            "kpi": {
                "name": {"en": "On-time delivery", "zh": "准时交货率"},
                "target": {"en": "+10 points", "zh": "提高10个百分点"},
                "months": 1,
            },
        },
        **extra,
    }


CATALOGUE = Catalogue.model_validate(
    {
        "schema_version": 1,
        "questionnaire": "t",
        "version": "1.0.0",
        "cost_tiers": TIERS,
        "roles": [{"id": "boss", "name": {"en": "Owner", "zh": "老板"}}],
        "funding": [
            {
                "id": "east",
                "name": "East voucher",
                "kind": "voucher",
                "typical": "50 %",
                "conditions": "c",
                "source": {"name": "Notice", "year": 2025},
                "regions": ["east_china"],
            },
            {
                "id": "anywhere_for_erp",
                "name": "ERP grant",
                "kind": "grant",
                "typical": "10 %",
                "conditions": "c",
                "source": {"name": "Notice", "year": 2024, "secondary": True},
                "solutions": ["erp"],
            },
            {
                "id": "only_for_vision",
                "name": "Vision grant",
                "kind": "grant",
                "typical": "10 %",
                "conditions": "c",
                "source": {"name": "Notice", "year": 2024},
                "solutions": ["vision"],
            },
        ],
        "solutions": [
            _sol("lead", "t_lt50k", one_off_cny=0),  # staff time only
            _sol("erp", "sub_2k_10k", one_off_cny=40000, monthly_cny=4000),  # typical figures
            _sol("board", "sub_lt2k"),  # monthly tier: 0-2,000 a month
            _sol("network", "t_50k_300k"),  # one-off tier: 50,000-300,000
            _sol("crm", "sub_2k_10k"),  # monthly 2,000-10,000
            _sol("workshop", "t_gt300k"),  # open-ended: over 300,000
            _sol("vision", "t_50k_300k"),  # not in the plan
        ],
    }
)

PLAN = [
    ("lead", "now"),
    ("erp", "now"),
    ("board", "now"),
    ("network", "next"),
    ("crm", "next"),
    ("workshop", "later"),
]


def _result(lang: str = "en", estimate: bool = True) -> Result:
    recs = [
        {
            "solution": sid,
            "name": sid.title() if lang == "en" else sid,
            "phase": phase,
            "rank": i,
            "priority": 1.0,
            "cost_tier": "x",
            "cost": "x",
            "effort": "low",
            "time_to_value_months": 2,
            "prerequisites": [],
            "pulled_in": False,
            "reasons": [],
        }
        for i, (sid, phase) in enumerate(PLAN, start=1)
    ]
    estimates = [
        {
            "framework": "miit_2024",
            "name": "MIIT 2024" if lang == "en" else "工信部2024",
            "level": 1,
            "level_label": "Level 1" if lang == "en" else "一级",
            "points": 30,
            "max_points": 100,
            "points_by_group": {},
            "group_names": {},
            "points_by_item": [],
            "scenarios_at_rung": [],
            "held_back_by": {
                "level": 2,
                "label": "Level 2" if lang == "en" else "二级",
                "min_points": 40,
                "min_scenarios": 6,
                "at_rung": 2,
                "min_mandatory": 3,
                "points_short": 10,
                "scenarios_short": 0,
                "mandatory_short": 0,
            },
            "to_next": [],
            "note": "estimate",
            "unverified": [],
        }
    ]
    return Result.model_validate(
        {
            "questionnaire": "t",
            "questionnaire_version": "1.0.0",
            "language": lang,
            "respondent": {},
            "overall": {
                "score": 32.4,
                "level": 1,
                "level_name": "Getting started" if lang == "en" else "起步",
                "threshold_level": 1,
                "coverage": 1,
                "confidence": 1,
            },
            "categories": [],
            "levels": [],
            "pain_points": [],
            "recommendations": recs,
            "estimates": estimates if estimate else [],
        }
    )


DAY = dt.date(2026, 1, 31)


def test_totals_per_horizon_match_the_hand_computed_sums() -> None:
    plan = build_plan(_result(), CATALOGUE, DAY)
    # 90 days = now: lead 0 + erp 40,000 + board 0 one-off; 4,000 + 0..2,000 a month
    assert plan.days_90.one_off == Money(40000, 40000)
    assert plan.days_90.monthly == Money(4000, 6000)
    # 3 years: 40,000 + 36 x 4,000 = 184,000 .. 40,000 + 36 x 6,000 = 256,000
    assert plan.days_90.three_year == Money(184000, 256000)
    assert (plan.days_90.items, plan.days_90.from_tiers, plan.days_90.open_ended) == (3, 1, 0)
    # 12 months adds network 50,000..300,000 once and crm 2,000..10,000 a month
    assert plan.months_12.one_off == Money(90000, 340000)
    assert plan.months_12.monthly == Money(6000, 16000)
    assert plan.months_12.three_year == Money(90000 + 36 * 6000, 340000 + 36 * 16000)
    # the whole plan adds the open-ended workshop: no upper bound any more
    assert plan.total.one_off == Money(390000, None)
    assert plan.total.three_year == Money(390000 + 36 * 6000, None)
    assert (plan.total.items, plan.total.from_tiers, plan.total.open_ended) == (6, 4, 1)
    assert plan.by_phase["next"].one_off == Money(50000, 300000)
    assert plan.by_phase["later"].one_off == Money(300000, None)


def test_cost_split_comes_from_figures_else_from_the_tier_kind() -> None:
    by_id = {s.id: s for s in CATALOGUE.solutions}
    lead = cost_of(CATALOGUE, by_id["lead"])
    assert lead.staff_time_only
    board = cost_of(CATALOGUE, by_id["board"])
    assert board.one_off == Money(0, 0) and board.monthly == Money(0, 2000) and board.from_tier
    crm = cost_of(CATALOGUE, by_id["crm"])  # the next cheaper monthly tier tops at 2,000
    assert crm.monthly == Money(2000, 10000)
    network = cost_of(CATALOGUE, by_id["network"])  # the next cheaper one-off tier: 50,000
    assert network.one_off == Money(50000, 300000) and network.monthly == Money(0, 0)


def test_first_three_actions_carry_step_owner_kpi_and_dates() -> None:
    plan = build_plan(_result(), CATALOGUE, DAY)
    assert [a.solution for a in plan.actions] == ["lead", "erp", "board"]
    first = plan.actions[0]
    assert (first.first_step, first.owner) == ("start lead", "Owner")
    assert first.kpi == "On-time delivery: +10 points"
    assert first.start == dt.date(2026, 2, 14)  # "now": within two weeks
    assert first.kpi_due == dt.date(2026, 3, 14)
    assert cost_line(first.cost, "en") == "staff time only, nothing to buy"
    assert cost_line(plan.actions[1].cost, "en") == (
        "one-off ¥40,000, ¥4,000 a month, ¥184,000 over 3 years"
    )
    assert cost_line(plan.actions[1].cost, "zh") == "一次性约4万元，每月约4000元，3年合计约18.4万元"


def test_next_phase_starts_three_months_on_clamped_to_the_month_end() -> None:
    assert add_months(DAY, 3) == dt.date(2026, 4, 30)
    assert add_months(dt.date(2026, 11, 30), 14) == dt.date(2028, 1, 30)


@pytest.mark.parametrize(
    ("m", "lang", "monthly", "text"),
    [
        (Money(24000, 24000), "en", False, "¥24,000"),
        (Money(24000, 24000), "zh", False, "约2.4万元"),
        (Money(0, 50000), "en", False, "up to ¥50,000"),
        (Money(0, 50000), "zh", False, "5万元以内"),
        (Money(300000, None), "en", False, "over ¥300,000"),
        (Money(300000, None), "zh", False, "30万元以上"),
        (Money(50000, 300000), "zh", False, "5万–30万元"),
        (Money(8300, 26000), "zh", True, "每月8300元–2.6万元"),
        (Money(2000, 2000), "zh", True, "每月约2000元"),
        (Money(2000, 2000), "en", True, "¥2,000 a month"),
    ],
)
def test_amounts_are_written_one_way_per_language(
    m: Money, lang: str, monthly: bool, text: str
) -> None:
    assert money(m, lang, monthly=monthly) == text


def test_headline_claims_no_peers_without_a_cohort() -> None:
    for lang in ("en", "zh"):
        text = build_plan(_result(lang), CATALOGUE, DAY).headline
        assert "%" not in text and "firms" not in text and "企业中" not in text
    en = build_plan(_result(), CATALOGUE, DAY).headline
    # the tool's own stage, said as such: never read as the framework's (official) level
    assert en.startswith(
        "On this tool's own scale the firm is at stage 1 (Getting started, 32/100)."
    )
    assert "MIIT 2024: Level 1 (not official). Level 2 needs: 10 more points." in en
    assert en.endswith("The most important move: Lead.")


def test_headline_gives_the_percentile_when_a_batch_gives_peers() -> None:
    peers = Peers(
        source="batch of 2026-11-30, 412 firms",
        percentile=62.4,
        groups=(PeerGroup("all", "this batch", 412, 48.0),),
    )
    en = build_plan(_result(), CATALOGUE, DAY, peers=peers).headline
    assert "It scores above 62 % of the 412 firms in this batch." in en
    zh_peers = Peers("本批", 62.4, (PeerGroup("all", "本批", 412, 48.0),))
    zh = build_plan(_result("zh"), CATALOGUE, DAY, peers=zh_peers).headline
    assert "在本批的412家企业中，得分高于62%的企业。" in zh
    assert "最要紧的一步：lead。" in zh
    # a cohort without a percentile for this firm: still no claim
    unknown = Peers("batch", None, (PeerGroup("all", "this batch", 3, None),))
    assert "firms" not in build_plan(_result(), CATALOGUE, DAY, peers=unknown).headline


def test_headline_without_an_estimate_or_actions() -> None:
    result = _result(estimate=False).model_copy(update={"recommendations": []})
    plan = build_plan(result, CATALOGUE, DAY)
    assert "MIIT" not in plan.headline
    assert plan.headline.endswith("The plan has nothing to do now.")
    assert plan.actions == () and plan.total.items == 0 and plan.total.three_year == Money(0, 0)


def test_funding_matches_region_and_the_plan() -> None:
    ids = lambda found: [f.id for f in found]  # noqa: E731
    plan_ids = {sid for sid, _ in PLAN}
    east = matching_funding(CATALOGUE.funding, FirmProfile(region="east_china"), plan_ids)
    assert ids(east) == ["east", "anywhere_for_erp"]  # own region first; vision not planned
    west = matching_funding(CATALOGUE.funding, FirmProfile(region="southwest"), plan_ids)
    assert ids(west) == ["anywhere_for_erp"]
    # an unknown region is not ruled out, but the report says where each hint applies
    unknown = matching_funding(CATALOGUE.funding, FirmProfile(), plan_ids)
    assert ids(unknown) == ["east", "anywhere_for_erp"]
    plan = build_plan(_result(), CATALOGUE, DAY, FirmProfile(region="southwest"))
    assert [(f.id, f.secondary, f.verified) for f in plan.funding] == [
        ("anywhere_for_erp", True, False)
    ]
