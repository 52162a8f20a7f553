"""The solution catalogue file format (``catalogue.yaml``): measures sized for SMEs."""

from typing import Annotated, Literal

from pydantic import Field

from .common import Id, LocalizedText, OptionValue, SemVer, StrictModel
from .questionnaire import Condition, PackId

Strength = Annotated[
    int, Field(ge=1, le=3, description="1 helps a little, 2 helps clearly, 3 is the main remedy.")
]
Effort = Literal["low", "medium", "high"]


class CostTier(StrictModel):
    """A price band, cheapest first in the catalogue's list."""

    id: Id
    label: LocalizedText
    max_cny: float | None = Field(
        default=None, description="Upper bound of the band in CNY (one-off), if any."
    )
    monthly: bool = Field(default=False, description="A subscription price per month.")


class Addresses(StrictModel):
    pain_points: dict[Id, Strength] = {}
    categories: dict[Id, Strength] = {}


class Lift(StrictModel):
    """The maturity levels (of the categories it addresses) the solution lifts from and to."""

    from_level: int = Field(alias="from", ge=0)
    to_level: int = Field(alias="to", ge=0)


class Prerequisites(StrictModel):
    solutions: list[Id] = []
    min_levels: dict[Id, int] = Field(
        default={}, description="Category id -> level the firm must already reach."
    )


class Fact(StrictModel):
    """Something that must be true in the firm before some solutions make sense, read from
    the answers (e.g. "machines send live data"). Solutions ``require`` and ``establish`` it."""

    id: Id
    name: LocalizedText = Field(description="The fact as a plain statement about the firm.")
    when: Condition = Field(description="Holds when this condition over the answers is true.")


class PlanNote(StrictModel):
    """A caution added to recommendations when a condition over the answers holds, e.g.
    "in a GMP plant every computerised system must be validated before use"."""

    id: Id
    when: Condition
    text: LocalizedText
    new_systems_only: bool = Field(
        default=True, description="Only on recommendations marked new_system."
    )
    solutions: list[Id] = Field(
        default=[],
        description=(
            "Only on recommendations of these solutions (e.g. a caution that a measure was "
            "offered by sector alone); empty means every solution."
        ),
    )


class FirstYearBudget(StrictModel):
    """What the first year of a plan may cost, as a share of the firm's revenue (the figure
    when the firm gave it, else a revenue assumed for its revenue band) and, when the firm gave
    its headcount, at most so much a head: the smaller of the two."""

    share_of_revenue: float = Field(
        gt=0, le=1, description="The first year (one-off + 12 x monthly) costs at most this."
    )
    revenue_figure: Id | None = Field(
        default=None, description="A number question: last year's revenue as a figure."
    )
    figure_unit_cny: float = Field(
        default=1, gt=0, description="What one unit of that figure is worth (10000: ¥10k)."
    )
    revenue_band: Id | None = Field(
        default=None, description="A single-choice question: last year's revenue band."
    )
    band_revenue_cny: dict[OptionValue, Annotated[float, Field(gt=0)]] = Field(
        default={},
        description=(
            "Revenue band (an option of revenue_band) -> the revenue assumed when no figure "
            "was given. A band not named, with no figure: no budget."
        ),
    )
    headcount_figure: Id | None = Field(
        default=None, description="A number question: the firm's headcount."
    )
    per_head_cny: float | None = Field(
        default=None, gt=0, description="With a headcount: at most this a head in the first year."
    )
    small_step_cny: float | None = Field(
        default=None,
        gt=0,
        description=(
            "A step of 'next' whose first year (one-off + 12 x monthly) costs at most this is "
            "fitted into the budget before the dearer ones (cheapest first): the budget puts "
            "off expensive steps, not the cheap essentials. Unset: no step goes first."
        ),
    )
    quick_win_share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "A quick win whose first year costs more than this share of the budget is not a "
            "quick win for this firm, unless it is a measure for its sector, one its answers "
            "point at or one for a priority its owner named: it waits in 'next', where the "
            "budget fits the small steps first (a ¥40k quick win took a third of a 12-person "
            "bakery's first year and put off its ¥6k security basics). Unset: no such check."
        ),
    )


class PlanRules(StrictModel):
    """How the plan is shaped for an owner: pack data, not code."""

    now_max_items: int = Field(default=6, ge=1, description="At most this many items in 'now'.")
    now_max_new_systems: int | None = Field(
        default=None,
        ge=0,
        description="At most this many new systems (solutions with new_system) in 'now'.",
    )
    next_max_new_systems: dict[Id, Annotated[int, Field(ge=0)]] = Field(
        default={},
        description=(
            "Firm size (the profile's size option) -> at most this many new systems in "
            "'next'; the least valuable of the rest (measures written for the firm's sector "
            "kept first) and what waits for them go to 'later'. A size not named: no cap."
        ),
    )
    quick_win_max_tco_cny: float | None = Field(
        default=None,
        gt=0,
        description=(
            "A quick win costs at most this over three years (one-off + 36 x monthly); "
            "unset: one of the cheapest 40 % of the cost tiers."
        ),
    )
    first_when_raised: dict[Id, Id] = Field(
        default={},
        description=(
            "Pain point id -> solution id: when the pain point is raised, that solution is "
            "recommended and comes first."
        ),
    )
    first_year_budget: FirstYearBudget | None = Field(
        default=None,
        description=(
            "Steps in 'next' that would take the first year past this budget go to 'later' "
            "(measures for the firm's sector kept first, then the most valuable). Unset: none."
        ),
    )
    bundle_min_parts: int = Field(
        default=2,
        ge=1,
        description="A bundle replaces its parts when at least this many of them are called for.",
    )


class Role(StrictModel):
    """Who in the firm owns an action ("owner / general manager", "production manager")."""

    id: Id
    name: LocalizedText


class Kpi(StrictModel):
    """The measure an action moves, with a target, e.g. on-time delivery +10 points in 6
    months."""

    name: LocalizedText = Field(description="The measure, e.g. on-time delivery.")
    target: LocalizedText = Field(description="The change aimed for, e.g. +10 points.")
    months: float = Field(gt=0, le=60, description="Months after the start to reach it.")


class Benefit(StrictModel):
    """An expected benefit as a range, with what the range rests on."""

    range: LocalizedText = Field(description="E.g. scrap -10 to -30 %, 4-8 hours a week.")
    basis: LocalizedText = Field(description="Where the range comes from.")
    large_firm_average: bool = Field(
        default=False,
        description=(
            "The basis is an average of large firms (e.g. MIIT demonstration factories): an "
            "SME may see less; the report says so."
        ),
    )


class Action(StrictModel):
    """How a solution starts in a firm: the page-2 action plan reads it."""

    first_step: LocalizedText = Field(description="The first concrete step, this week.")
    owner: Id = Field(description="Id of one of the catalogue's roles.")
    kpi: Kpi
    benefit: Benefit | None = None
    staff_time: LocalizedText | None = Field(
        default=None,
        description="The staff time it takes (shown when there is nothing to buy).",
    )


class FundingSource(StrictModel):
    name: LocalizedText = Field(description="The document, e.g. 财建〔2023〕117号.")
    year: int = Field(ge=1990, le=2100)
    url: str | None = None
    secondary: bool = Field(
        default=False, description="Quoted from a secondary source, not the document itself."
    )


class Funding(StrictModel):
    """A subsidy, voucher, loan or free service a firm may apply for, by region and sector."""

    id: Id
    name: LocalizedText
    kind: Literal["voucher", "grant", "loan", "free_service", "tax"]
    typical: LocalizedText = Field(description="What it typically gives, e.g. <=50 % of cost.")
    conditions: LocalizedText = Field(description="Who qualifies and what is asked in return.")
    source: FundingSource
    verified: bool = Field(
        default=False, description="The figures were checked against the document itself."
    )
    regions: list[OptionValue] = Field(
        default=[], description="Values of the pack's region question; empty means everywhere."
    )
    sectors: list[OptionValue] = Field(default=[], description="Empty means every sector.")
    sizes: list[OptionValue] = Field(default=[], description="Empty means every size.")
    solutions: list[Id] = Field(
        default=[],
        description="Solutions it can pay for; shown when one is in the plan (empty: any).",
    )


class Solution(StrictModel):
    id: Id
    name: LocalizedText
    summary: LocalizedText
    addresses: Addresses
    lifts: Lift
    prerequisites: Prerequisites = Prerequisites.model_construct()
    cost_tier: Id
    effort: Effort
    time_to_value_months: float = Field(gt=0, le=60)
    sectors: list[OptionValue] = Field(
        default=[], description="Values of the pack's sector question; empty means every sector."
    )
    sizes: list[OptionValue] = Field(
        default=[], description="Values of the pack's size question; empty means every size."
    )
    evidence: list[LocalizedText] = Field(
        default=[], description="What the firm can show an evaluator once this is in place."
    )
    in_place_if: Condition | None = Field(
        default=None,
        description=(
            "The firm already has this when the condition over its answers holds: never "
            "recommended, and met for what depends on it."
        ),
    )
    not_applicable_if: Condition | None = Field(
        default=None, description="The solution does not apply when this condition holds."
    )
    indicated_if: Condition | None = Field(
        default=None,
        description=(
            "The firm's own answers point straight at this step when the condition holds (CNC "
            "machines ticked: DNC): it weighs as a measure for the firm's trade and the plan "
            "keeps it within its items before steps chosen by value alone."
        ),
    )
    indicated_in_any_sector: bool = Field(
        default=False,
        description=(
            "When indicated_if holds, the step is not left out for the firm's sector (the "
            "answer is the surer fact: moulds ticked by a syringe maker in medical devices); "
            "its size still counts."
        ),
    )
    scenarios: list[Id] = Field(
        default=[],
        description="Questions whose 'not applicable' answer makes this solution not apply.",
    )
    requires: list[Id] = Field(
        default=[],
        description="Facts that must hold first; else the plan schedules what establishes them.",
    )
    establishes: list[Id] = Field(
        default=[], description="Facts that hold once this solution is in place."
    )
    needs_history: list[Id] = Field(
        default=[],
        description=(
            "Facts this step works on months of records of (APS: actual progress from the "
            "shop floor): when the firm's answers do not show them already, and the plan sets "
            "them up, the step waits for the second year ('later') and says why."
        ),
    )
    includes: list[Id] = Field(
        default=[],
        description="A bundle: the solutions it covers; the plan holds the bundle or its parts.",
    )
    new_system: bool = Field(
        default=False, description="A new system people must learn (counted by the 'now' cap)."
    )
    one_off_cny: float | None = Field(
        default=None, ge=0, description="Typical one-off cost; with monthly_cny, the 3-year cost."
    )
    monthly_cny: float | None = Field(
        default=None, ge=0, description="Typical monthly cost (subscription, service)."
    )
    action: Action | None = Field(
        default=None,
        description="First step, owner role, KPI with a target, benefit: the action plan.",
    )


class Catalogue(StrictModel):
    """A pack's solution catalogue."""

    schema_version: Literal[1]
    questionnaire: PackId
    version: SemVer
    currency: str = "CNY"
    cost_tiers: list[CostTier] = Field(min_length=1)
    plan_rules: PlanRules = PlanRules.model_construct()
    facts: list[Fact] = []
    notes: list[PlanNote] = []
    roles: list[Role] = Field(default=[], description="Who owns actions (solutions' action).")
    funding: list[Funding] = Field(
        default=[], description="Subsidies, loans and free services, matched by region and sector."
    )
    solutions: list[Solution] = Field(min_length=1)
