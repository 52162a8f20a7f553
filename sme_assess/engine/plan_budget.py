"""The first year's budget: what a firm of its revenue can spend in the plan's first twelve
months (the catalogue's ``plan_rules.first_year_budget``), and which steps of "next" wait in
"later" so that the first year stays within it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..models import Catalogue
from ..models.catalogue import PlanRules
from .action_plan import cost_of
from .plan_facts import CompiledCatalogue, per_catalogue

FIRST_YEAR_MONTHS = 12


class Budget(NamedTuple):
    """The first year's budget, and what it was worked out from: ``basis`` "revenue" (the
    revenue figure), "band" (no figure: the revenue assumed for the band) or "headcount"
    (so much a head, when that is less)."""

    amount: float
    basis: str
    revenue: float
    share: float
    headcount: int = 0
    per_head: float = 0.0


def _figure(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None


def budget_of(rules: PlanRules, answers: Mapping[str, Any]) -> Budget | None:
    """The budget from the revenue figure when given, else from the band, capped by the
    headcount when given; None without a rule or without any of these answers."""
    rule = rules.first_year_budget
    if rule is None:
        return None
    share = rule.share_of_revenue
    found: Budget | None = None
    figure = _figure(answers.get(rule.revenue_figure)) if rule.revenue_figure else None
    if figure is not None:
        revenue = figure * rule.figure_unit_cny
        found = Budget(round(revenue * share), "revenue", revenue, share)
    else:
        band = answers.get(rule.revenue_band) if rule.revenue_band else None
        assumed = rule.band_revenue_cny.get(band) if isinstance(band, str) else None
        if assumed is not None:
            found = Budget(round(assumed * share), "band", float(assumed), share)
    heads = _figure(answers.get(rule.headcount_figure)) if rule.headcount_figure else None
    if heads is not None and rule.per_head_cny is not None:
        by_head = round(heads * rule.per_head_cny)
        if found is None or by_head < found.amount:
            revenue = found.revenue if found is not None else 0.0
            found = Budget(by_head, "headcount", revenue, share, int(heads), rule.per_head_cny)
    return found


_COSTS: dict[int, tuple[CompiledCatalogue, dict[str, float | None]]] = {}


def first_year_costs(c: Catalogue, cc: CompiledCatalogue) -> Mapping[str, float | None]:
    """Each solution's first-year cost at the top of its range (one-off + 12 x monthly);
    None: open-ended (once per compiled catalogue)."""

    def make(compiled: CompiledCatalogue) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for sol in c.solutions:
            cost = cost_of(c, sol)
            one_off, monthly = cost.one_off.high, cost.monthly.high
            out[sol.id] = (
                None
                if one_off is None or monthly is None
                else one_off + FIRST_YEAR_MONTHS * monthly
            )
        return out

    return per_catalogue(_COSTS, cc, make)


def fit_budget(
    index: dict[str, int],
    chosen: Mapping[str, float],
    deps: Mapping[str, set[str]],
    costs: Mapping[str, float | None],
    budget: float,
    trade: frozenset[str],
    kept: set[str] | None,
    small: float | None = None,
) -> set[str]:
    """What "now" costs is spent first; then the steps of "next" that the plan keeps: the
    small ones (a first year of at most ``small``: the cheap essentials, such as security
    basics at ¥500 a month), then those for the firm's sector, then the most valuable, while
    the budget holds. A step that would take the first year past it goes to "later"
    (``index`` 1 -> 2), and so does what in "next" waits for one that went. Returns the
    steps put off for the budget."""
    spent = sum(costs.get(sid) or 0.0 for sid, at in index.items() if at == 0)
    limit = -1.0 if small is None else small

    def dear(sid: str) -> bool:
        cost = costs.get(sid)
        return cost is None or cost > limit

    steps = sorted(
        (sid for sid, at in index.items() if at == 1 and (kept is None or sid in kept)),
        key=lambda s: (s not in trade, dear(s), -chosen[s], s),
    )
    over: set[str] = set()
    for sid in steps:
        if any(index.get(d) == 2 for d in deps[sid]):
            index[sid] = 2  # waits for what went: follows it, said by its own reasons
            continue
        cost = costs.get(sid)
        if cost is not None and spent + cost <= budget:
            spent += cost
            continue
        index[sid] = 2
        over.add(sid)
    follow_later(index, deps)
    return over


def follow_later(index: dict[str, int], deps: Mapping[str, set[str]]) -> None:
    """What is in "next" (1) but waits for a step put off to "later" (2) goes to "later" too,
    until nothing more moves."""
    moved = True
    while moved:
        moved = False
        for sid, at in index.items():
            if at == 1 and any(index.get(d) == 2 for d in deps[sid]):
                index[sid] = 2
                moved = True
