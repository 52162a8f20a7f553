"""The score result (`sme-assess score --format json`, `results.jsonl`): a documented model."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReasonOut(_Out):
    code: str = Field(description="Stable reason code, e.g. addresses_pain, category_gap.")
    params: dict[str, Any] = {}
    text: str = Field(description="The reason in words, in the result's language.")


class OverallOut(_Out):
    score: float | None = Field(description="0-100; null when nothing was answered.")
    level: int | None
    level_name: str | None
    threshold_level: int | None = Field(
        description="The level the score alone reaches, before level rules."
    )
    coverage: float = Field(description="Answered weight / applicable weight, 0-1.")
    confidence: float = Field(description="Answered weight / (answered + don't know), 0-1.")


class CategoryOut(_Out):
    id: str
    name: str = Field(description="The category as the pain an owner recognises.")
    short_name: str = Field(description="A neutral name of the area, for charts and tables.")
    score: float | None = Field(description="0-100; null means not assessed.")
    level: int | None
    level_name: str | None
    coverage: float
    confidence: float
    weight: float


class LevelCheckOut(_Out):
    level: int
    name: str
    reached: bool
    reasons: list[ReasonOut]


class TriggerOut(_Out):
    question: str | None = None
    answer: Any = None
    category: str | None = None
    score: float | None = None
    threshold: float | None = None


class PainPointOut(_Out):
    id: str
    name: str
    category: str | None
    severity: float = Field(
        description=(
            "Gap of its category (0-1) x the pain point's weight x the factor of its "
            "scale_by fact (1 without)."
        )
    )
    raised_by: list[TriggerOut]


class RecommendationOut(_Out):
    solution: str
    name: str
    phase: Literal["now", "next", "later"]
    rank: int
    priority: float
    cost_tier: str
    cost: str
    cost_3y: float | None = Field(
        default=None,
        description=(
            "3-year cost of ownership (one-off + 36 x monthly) in the catalogue's currency; "
            "null when the catalogue does not say."
        ),
    )
    effort: Literal["low", "medium", "high"]
    time_to_value_months: float
    prerequisites: list[str] = Field(description="Chosen solutions this one must come after.")
    pulled_in: bool = Field(description="Chosen because another recommendation needs it.")
    reasons: list[ReasonOut]


class TargetOut(_Out):
    level: int
    reachable: bool
    already_reached: bool
    solutions: list[str]
    projected_score: float | None
    projected_level: int | None
    projected_categories: dict[str, float | None]
    assumption: str


class GateOut(_Out):
    level: int
    label: str
    min_points: float
    min_scenarios: int
    at_rung: int
    min_mandatory: int
    points_short: float = Field(description="Points missing for this gate (0 when met).")
    scenarios_short: int = Field(description="Scenarios missing at the gate's rung.")
    mandatory_short: int = Field(description="Mandatory scenarios missing at the gate's rung.")


class ItemPointsOut(_Out):
    id: str
    name: str
    group: str
    points: float
    max_points: float
    answer: Any = None
    note: str | None = Field(default=None, description="Where the mapping departs.")


class RungCountOut(_Out):
    rung: int
    scenarios: int = Field(description="Scenarios at this rung or above.")
    mandatory: int = Field(description="Of which mandatory (约束性).")


class ScenarioStepOut(_Out):
    question: str
    name: str
    mandatory: bool
    rung: int = Field(description="The scenario's rung now (0 = not rated).")
    to_rung: int
    solutions: list[str] = Field(description="Solutions in the plan for this scenario's area.")


class FrameworkEstimate(_Out):
    """An estimate of an external framework's level (e.g. MIIT 2024): never the official one."""

    framework: str = Field(description="Crosswalk id, e.g. miit_2024.")
    name: str
    level: int = Field(description="Estimated level; 0 = below level 1.")
    level_label: str = Field(
        description="The level in words; with open questions that could raise it, the range "
        "(e.g. 'Level 1 (up to Level 2)'), and 'not enough answers to estimate' when nothing it "
        "reads is answered."
    )
    level_if_answered: int | None = Field(
        default=None,
        description="The level were every open question answered at its best (the estimate is "
        "between level and this); equals level when none is open; null in older results.",
    )
    open_questions: list[str] = Field(
        default=[],
        description="Questions the estimate reads that are unanswered or answered \"don't "
        'know", or hidden only because of such a one: their points are counted as 0.',
    )
    points: float = Field(description="The framework's points from these answers.")
    max_points: float
    points_by_group: dict[str, float] = Field(description="Group id -> points.")
    group_names: dict[str, str] = Field(description="Group id -> its name.")
    points_by_item: list[ItemPointsOut]
    scenarios_at_rung: list[RungCountOut]
    held_back_by: GateOut | None = Field(
        description="The gate of the next level and what it misses; null at the top level."
    )
    to_next: list[ScenarioStepOut] = Field(
        description="The fewest scenario rungs to raise for the next gate's scenario counts."
    )
    note: str = Field(description="Says that this is an estimate, not the official rating.")
    unverified: list[str] = Field(description="Facts of the framework not verified.")


class VersionChangeOut(_Out):
    """Answers given for an earlier version of the pack, scored with this one."""

    answered_for: str = Field(description="The version the answers were given for.")
    scored_against: str = Field(description="The pack's version that scored them.")
    new_unanswered: list[str] = Field(
        description="Questions asked now and unanswered: new since that version (or left blank "
        "when the pack does not list what is new; see new_declared)."
    )
    new_declared: bool = Field(
        description="True when the pack lists the questions new since that version."
    )
    no_longer_fit: list[str] = Field(
        description="Answers that no longer fit (question or option removed or renamed), "
        "left out with --lenient: 'question: why'."
    )
    migrated: list[str] = Field(
        description="Migrations of the pack applied (renamed questions and options, answers "
        "that cannot be carried over, with why)."
    )
    options_not_asked: dict[str, list[str]] = Field(
        default={},
        description="Per multiple-choice question: options added since that version, which "
        "its answer could not tick. Whether they hold is unknown, not false: conditions on "
        "them read as on an unanswered question, and the plan says so beside the steps they "
        "decide.",
    )
    note: str = Field(description="All of it in one sentence, in the result's language.")


class ShortFormOut(_Out):
    """Answered with `run --short`: the pack's short form, not every question."""

    left_out: list[str] = Field(description="Questions the short form does not ask.")
    note: str = Field(description="What that means for the result, in its language.")


class MoneyOut(_Out):
    low: float
    high: float | None = Field(description="null: no upper bound (an open-ended price band).")


class PlanActionOut(_Out):
    solution: str
    name: str
    phase: Literal["now", "next", "later"]
    first_step: str
    owner: str = Field(description="The role who owns it.")
    kpi: str = Field(description="The measure it moves and its target.")
    start: str = Field(description="Start by (ISO date): assessment date + phase timing.")
    kpi_due: str | None = Field(description="Target date of the KPI (ISO date).")
    one_off: MoneyOut
    monthly: MoneyOut
    three_year: MoneyOut
    staff_time_only: bool = Field(description="Nothing to buy: staff time only.")
    cost: str = Field(description="The cost in words.")
    benefit: str | None = None
    benefit_basis: str | None = None
    large_firm_average: bool = False


class TotalsOut(_Out):
    items: int
    one_off: MoneyOut
    monthly: MoneyOut
    three_year: MoneyOut
    from_tiers: int = Field(description="Items priced by their cost band's range only.")
    open_ended: int = Field(description="Items whose cost band has no upper bound.")


class FundingOut(_Out):
    id: str
    name: str
    kind: str
    typical: str
    conditions: str
    source: str
    year: int
    url: str | None
    secondary: bool
    verified: bool


class ActionPlanOut(_Out):
    """Page 2 of the report: headline, first three actions, money, funding hints."""

    headline: str
    date: str = Field(description="The assessment date the dates count from (ISO).")
    currency: str
    actions: list[PlanActionOut]
    days_90: TotalsOut
    months_12: TotalsOut
    total: TotalsOut
    phases: dict[str, TotalsOut]
    funding: list[FundingOut]


class Result(_Out):
    """One respondent's assessment and plan."""

    questionnaire: str
    questionnaire_version: str
    catalogue_version: str | None = Field(
        default=None,
        description=(
            "The version of the pack's catalogue the plan was made from (results written "
            "before 2026-11-30 lack it)."
        ),
    )
    language: str
    respondent: dict[str, Any]
    overall: OverallOut
    categories: list[CategoryOut]
    levels: list[LevelCheckOut]
    pain_points: list[PainPointOut]
    recommendations: list[RecommendationOut]
    target: TargetOut | None = None
    estimates: list[FrameworkEstimate] = Field(
        default=[], description="Estimated levels of external frameworks (pack crosswalks)."
    )
    ignored: list[str] = Field(
        default=[],
        description=(
            "Answers left out by --lenient, with why; hidden answers; the notes on the answers' "
            "version (questionnaire_version: ...) and form (short_form: ...)."
        ),
    )
    version_change: VersionChangeOut | None = Field(
        default=None,
        description="Set when the answers were given for an earlier version of the pack.",
    )
    short_form: ShortFormOut | None = Field(
        default=None, description="Set when the answers come from the pack's short form."
    )
    action_plan: ActionPlanOut | None = Field(
        default=None,
        description="The action plan (score --format json, report --format json); null in batch.",
    )
