"""The action plan of an evaluation, ready to show: the report's page 2 (``ActionPlanView``,
the ReportContext field ``action_plan``), the JSON result's ``action_plan`` and the terminal
panel of ``score`` and ``explain``. Pure; the numbers come from ``action_plan``."""

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from ..engine.action_plan import ActionPlan, FirmProfile, build_plan
from ..engine.evaluation import Evaluation
from ..engine.plan_money import Money, Totals
from ..i18n import Translator, translator
from ..models.result import (
    ActionPlanOut,
    FundingOut,
    MoneyOut,
    PlanActionOut,
    Result,
    TotalsOut,
)
from .plan_text import HORIZONS, LABELS, cost_line, headline, phase_money, totals_cells, totals_note

if TYPE_CHECKING:
    from ..engine.peers import Peers


def profile_for(ev: Evaluation) -> FirmProfile:
    """Region, sector and size: the profile questions' answers, else the respondent block."""
    region = None
    for question in ev.pack.questionnaire.questions():
        value = ev.answers.answers.get(question.id)
        if question.profile == "region" and isinstance(value, str):
            region = value if value not in ("n/a", "unknown") else None
    if region is None and isinstance(ev.answers.respondent.region, str):
        region = ev.answers.respondent.region or None
    return FirmProfile(region=region, sector=ev.profile.sector, size=ev.profile.size)


def assessment_date(ev: Evaluation, date: dt.date | None = None) -> dt.date:
    return date or ev.answers.respondent.date or dt.date.today()


def plan_of(
    ev: Evaluation, peers: "Peers | None" = None, date: dt.date | None = None
) -> ActionPlan:
    return build_plan(
        ev.result,
        ev.pack.catalogue,
        assessment_date(ev, date),
        profile_for(ev),
        peers,
        ev.pack.questionnaire.default_language,
    )


# --- the report's page 2 -------------------------------------------------------------------


class ActionRow(NamedTuple):
    number: int
    name: str
    first_step: str
    owner: str
    cost: str
    kpi: str
    start: str
    due: str
    benefit: str  # "" when the catalogue states none; with its basis


class TotalRow(NamedTuple):
    label: str
    items: int
    one_off: str
    monthly: str
    three_year: str
    note: str


class FundingRow(NamedTuple):
    name: str
    typical: str
    conditions: str
    source: str  # name, year, secondary/unverified said


class ActionPlanView(NamedTuple):
    """Page 2, every text in the report's language; ``labels`` are its headings. A named
    tuple like the rows it holds: a frozen dataclass cost ~0.5 ms of each `score` to create
    at import."""

    headline: str
    actions: list[ActionRow]
    totals: list[TotalRow]  # 90 days, 12 months, whole plan
    phase_money: dict[str, str]  # phase -> "This phase: ... one-off, ... a month, ... 3 years"
    funding: list[FundingRow]
    how_money: str
    labels: dict[str, str]


def _benefit(a: Any, _: Translator) -> str:
    if not a.benefit:
        return ""
    if a.large_firm_average:
        return _(
            "{benefit} (basis: {basis}; averages of large demonstration factories; a small "
            "firm may see less)",
            benefit=a.benefit,
            basis=a.benefit_basis,
        )
    return _("{benefit} (basis: {basis})", benefit=a.benefit, basis=a.benefit_basis)


def _source(f: Any, _: Translator) -> str:
    parts = [_("{source}, {year}", source=f.source, year=f.year)]
    if f.secondary:
        parts.append(_("figures quoted by a secondary source"))
    if not f.verified:
        parts.append(_("not verified: check with the local office before counting on it"))
    return _.pgettext("punctuation", "; ").join(parts)


def page_view(plan: ActionPlan, lang: str, headline_text: str | None = None) -> ActionPlanView:
    _ = translator(lang)
    not_stated = _("not stated in the catalogue")

    def total(key: str, t: Totals) -> TotalRow:
        one_off, monthly, three = totals_cells(t, lang)
        label = _.text(HORIZONS[key])
        return TotalRow(label, t.items, one_off, monthly, three, totals_note(t, lang))

    return ActionPlanView(
        headline=plan.headline if headline_text is None else headline_text,
        actions=[
            ActionRow(
                number=i,
                name=a.name,
                first_step=a.first_step or not_stated,
                owner=a.owner or not_stated,
                cost=cost_line(a.cost, lang, a.staff_time),
                kpi=a.kpi or not_stated,
                start=a.start.isoformat(),
                due=a.kpi_due.isoformat() if a.kpi_due else "",
                benefit=_benefit(a, _),
            )
            for i, a in enumerate(plan.actions, start=1)
        ],
        totals=[
            total("days_90", plan.days_90),
            total("months_12", plan.months_12),
            total("total", plan.total),
        ],
        phase_money={p: phase_money(t, lang) for p, t in plan.by_phase.items() if t.items},
        funding=[FundingRow(f.name, f.typical, f.conditions, _source(f, _)) for f in plan.funding],
        how_money=_(
            "Typical figures from the catalogue; where it gives only a price band, the band's "
            "range. 3 years = one-off + 36 months. Quotes for your plant will differ: use these "
            "figures to plan a budget, not to sign a contract."
        ),
        labels={key: _.text(message) for key, message in LABELS.items()},
    )


def action_plan_view(
    ev: Evaluation,
    peers: "Peers | None" = None,
    date: dt.date | None = None,
    lang: str | None = None,
) -> ActionPlanView:
    """The ReportContext's ``action_plan``, its words in ``lang`` (default: the result's)."""
    plan = plan_of(ev, peers, date)
    if lang is None or lang == ev.result.language:
        return page_view(plan, ev.result.language)
    first = plan.actions[0].name if plan.actions else None
    return page_view(plan, lang, headline(ev.result, first, peers, lang))


# --- the JSON result -----------------------------------------------------------------------


def _money(m: Money) -> MoneyOut:
    return MoneyOut(low=m.low, high=m.high)


def _totals(t: Totals) -> TotalsOut:
    return TotalsOut(
        items=t.items,
        one_off=_money(t.one_off),
        monthly=_money(t.monthly),
        three_year=_money(t.three_year),
        from_tiers=t.from_tiers,
        open_ended=t.open_ended,
    )


def plan_out(plan: ActionPlan, lang: str) -> ActionPlanOut:
    return ActionPlanOut(
        headline=plan.headline,
        date=plan.date.isoformat(),
        currency=plan.currency,
        actions=[
            PlanActionOut(
                solution=a.solution,
                name=a.name,
                phase=a.phase,
                first_step=a.first_step,
                owner=a.owner,
                kpi=a.kpi,
                start=a.start.isoformat(),
                kpi_due=a.kpi_due.isoformat() if a.kpi_due else None,
                one_off=_money(a.cost.one_off),
                monthly=_money(a.cost.monthly),
                three_year=_money(a.cost.three_year),
                staff_time_only=a.cost.staff_time_only,
                cost=cost_line(a.cost, lang, a.staff_time),
                benefit=a.benefit or None,
                benefit_basis=a.benefit_basis or None,
                large_firm_average=a.large_firm_average,
            )
            for a in plan.actions
        ],
        days_90=_totals(plan.days_90),
        months_12=_totals(plan.months_12),
        total=_totals(plan.total),
        phases={p: _totals(t) for p, t in plan.by_phase.items()},
        funding=[
            FundingOut(
                id=f.id,
                name=f.name,
                kind=f.kind,
                typical=f.typical,
                conditions=f.conditions,
                source=f.source,
                year=f.year,
                url=f.url or None,
                secondary=f.secondary,
                verified=f.verified,
            )
            for f in plan.funding
        ],
    )


def result_with_plan(
    ev: Evaluation, peers: "Peers | None" = None, date: dt.date | None = None
) -> Result:
    """The evaluation's result with its ``action_plan`` filled (score/report --format json)."""
    plan = plan_out(plan_of(ev, peers, date), ev.result.language)
    return ev.result.model_copy(update={"action_plan": plan})
