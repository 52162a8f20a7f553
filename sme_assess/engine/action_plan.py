"""The one-page action plan: the first three actions, money per phase and in total, funding.

Pure: from a ``Result``, the pack's catalogue, the firm's profile (region, sector, size), the
assessment date and, from a batch, its ``Peers``. The words (headline, amounts) come from
``plan_text``; this module computes.

How the money is computed (the README's "Page 2" section says it for owners):
- a solution with typical figures (``one_off_cny``, ``monthly_cny``) costs exactly those, a
  missing one counting as 0 (as the 3-year cost of the JSON result does);
- else its cost tier gives a range: from the top of the next cheaper tier of the same kind
  (one-off or monthly) up to its own top, the other kind costing 0; a tier without a top is
  open-ended ("over ¥300k");
- both figures 0: nothing to buy, staff time only (the action's ``staff_time`` says how much);
- 3-year cost = one-off + 36 x monthly; totals add the ranges; 90 days = the "now" phase,
  12 months = "now" and "next", in total = every recommendation (bundles replace their parts,
  so nothing is counted twice).
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..models import Catalogue, text_for
from ..models.catalogue import CostTier, Funding, Solution
from ..models.result import RecommendationOut, Result
from .plan_money import ZERO, Cost, Money, Totals

if TYPE_CHECKING:
    from .peers import Peers

PHASE_ORDER = ("now", "next", "later")
# When a phase's work starts, in months after the assessment (a "now" item: within two weeks).
PHASE_START_MONTHS = {"now": 0, "next": 3, "later": 12}
NOW_START_DAYS = 14
FIRST_ACTIONS = 3


class PlannedAction(NamedTuple):
    solution: str
    name: str
    phase: str
    rank: int
    first_step: str  # "" when the catalogue gives none
    owner: str  # the role's name; "" when the catalogue gives none
    kpi: str  # "on-time delivery: +10 points"; "" when none
    kpi_due: dt.date | None
    start: dt.date
    cost: Cost
    staff_time: str
    benefit: str
    benefit_basis: str
    large_firm_average: bool


class FundingHint(NamedTuple):
    id: str
    name: str
    kind: str
    typical: str
    conditions: str
    source: str
    year: int
    url: str
    secondary: bool
    verified: bool
    everywhere: bool  # not tied to the firm's region


class ActionPlan(NamedTuple):
    headline: str
    date: dt.date
    actions: tuple[PlannedAction, ...]
    by_phase: dict[str, Totals]
    days_90: Totals
    months_12: Totals
    total: Totals
    funding: tuple[FundingHint, ...]
    currency: str
    missing_actions: tuple[str, ...]  # recommended solutions the catalogue gives no action


class FirmProfile(NamedTuple):
    """What funding is matched on: values of the pack's profile questions."""

    region: str | None = None
    sector: str | None = None
    size: str | None = None


def add_months(day: dt.date, months: float) -> dt.date:
    """``day`` plus whole months (a fraction rounds to days), clamped to the month's end."""
    whole = int(months)
    extra_days = round((months - whole) * 30)
    month_index = day.month - 1 + whole
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last)) + dt.timedelta(days=extra_days)


def _tier_range(tiers: Sequence[CostTier], tier: CostTier) -> Money:
    """From the top of the next cheaper tier of the same kind to this tier's top."""
    index = list(tiers).index(tier)
    below = [
        t.max_cny for t in tiers[:index] if t.monthly == tier.monthly and t.max_cny is not None
    ]
    low = max(below, default=0.0)
    return Money(low, tier.max_cny)


def cost_of(c: Catalogue, sol: Solution) -> Cost:
    """One-off and monthly cost: typical figures when given, else the tier's range."""
    if sol.one_off_cny is not None or sol.monthly_cny is not None:
        return Cost(Money.exact(sol.one_off_cny or 0.0), Money.exact(sol.monthly_cny or 0.0), False)
    tier = next((t for t in c.cost_tiers if t.id == sol.cost_tier), None)
    if tier is None:  # validate refuses this; cost nothing rather than guess
        return Cost(Money(0.0, None), Money(0.0, None), True)
    span = _tier_range(c.cost_tiers, tier)
    if tier.monthly:
        return Cost(ZERO, span, True)
    return Cost(span, ZERO, True)


def totals(costs: Iterable[Cost]) -> Totals:
    items = list(costs)
    one_off, monthly = ZERO, ZERO
    for cost in items:
        one_off += cost.one_off
        monthly += cost.monthly
    return Totals(
        items=len(items),
        one_off=one_off,
        monthly=monthly,
        from_tiers=sum(1 for x in items if x.from_tier),
        open_ended=sum(1 for x in items if x.three_year.high is None),
    )


def start_date(phase: str, when: dt.date) -> dt.date:
    if phase == "now":
        return when + dt.timedelta(days=NOW_START_DAYS)
    return add_months(when, PHASE_START_MONTHS.get(phase, 12))


def first_actions(recs: Sequence[RecommendationOut]) -> list[RecommendationOut]:
    """The plan's first three, in the order shown: by phase, then by rank."""
    order = {p: i for i, p in enumerate(PHASE_ORDER)}
    return sorted(recs, key=lambda r: (order.get(r.phase, 9), r.rank))[:FIRST_ACTIONS]


def matching_funding(
    funding: Sequence[Funding], profile: FirmProfile, solutions: set[str]
) -> list[Funding]:
    """Programmes whose region, sector and size fit the firm (an unknown value fits) and
    that can pay for something in the plan; the firm's own region first."""

    def fits(values: list[str], value: str | None) -> bool:
        return not values or value is None or value in values

    found = [
        f
        for f in funding
        if fits(f.regions, profile.region)
        and fits(f.sectors, profile.sector)
        and fits(f.sizes, profile.size)
        and (not f.solutions or bool(solutions & set(f.solutions)))
    ]
    return sorted(found, key=lambda f: (not f.regions, funding.index(f)))


def build_plan(
    result: Result,
    c: Catalogue,
    when: dt.date,
    profile: FirmProfile = FirmProfile(),
    peers: "Peers | None" = None,
    fallback_lang: str | None = None,
) -> ActionPlan:
    """The action plan of a result, in the result's language; ``peers`` (from a batch) adds
    the firm's percentile to the headline."""
    from ..wording.plan_text import headline

    lang = result.language
    by_id = {s.id: s for s in c.solutions}
    roles = {r.id: r for r in c.roles}

    def t(text: object) -> str:
        return text_for(text, lang, fallback_lang)  # type: ignore[arg-type]

    recs = [r for r in result.recommendations if r.solution in by_id]
    costs = {r.solution: cost_of(c, by_id[r.solution]) for r in recs}
    actions: list[PlannedAction] = []
    for rec in first_actions(recs):
        sol = by_id[rec.solution]
        start = start_date(rec.phase, when)
        act = sol.action
        role = roles.get(act.owner) if act is not None else None
        actions.append(
            PlannedAction(
                solution=sol.id,
                name=rec.name,
                phase=rec.phase,
                rank=rec.rank,
                first_step=t(act.first_step) if act else "",
                owner=t(role.name) if role else "",
                kpi=f"{t(act.kpi.name)}{'：' if lang.startswith('zh') else ': '}{t(act.kpi.target)}"
                if act
                else "",
                kpi_due=add_months(start, act.kpi.months) if act else None,
                start=start,
                cost=costs[sol.id],
                staff_time=t(act.staff_time) if act and act.staff_time else "",
                benefit=t(act.benefit.range) if act and act.benefit else "",
                benefit_basis=t(act.benefit.basis) if act and act.benefit else "",
                large_firm_average=bool(act and act.benefit and act.benefit.large_firm_average),
            )
        )
    by_phase = {p: totals(costs[r.solution] for r in recs if r.phase == p) for p in PHASE_ORDER}
    chosen = {r.solution for r in recs}
    hints = tuple(
        FundingHint(
            id=f.id,
            name=t(f.name),
            kind=f.kind,
            typical=t(f.typical),
            conditions=t(f.conditions),
            source=t(f.source.name),
            year=f.source.year,
            url=f.source.url or "",
            secondary=f.source.secondary,
            verified=f.verified,
            everywhere=not f.regions,
        )
        for f in matching_funding(c.funding, profile, chosen)
    )
    return ActionPlan(
        headline=headline(result, actions[0].name if actions else None, peers),
        date=when,
        actions=tuple(actions),
        by_phase=by_phase,
        days_90=by_phase["now"],
        months_12=totals(costs[r.solution] for r in recs if r.phase in ("now", "next")),
        total=totals(costs.values()),
        funding=hints,
        currency=c.currency,
        missing_actions=tuple(r.solution for r in recs if by_id[r.solution].action is None),
    )
