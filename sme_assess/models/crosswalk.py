"""The crosswalk format (``crosswalks:`` in questionnaire.yaml): how a pack's answers map onto
an external framework's points, scenario rungs and level gates (e.g. MIIT 2024).

Pack data only; ``sme_assess.engine.crosswalk`` computes the estimate from it.
"""

from pydantic import Field

from ..limits import MAX_WEIGHT
from .common import Id, LocalizedText, OptionValue, StrictModel


class CrosswalkBand(StrictModel):
    """A range of a number answer for the framework: ``min`` exclusive, ``max`` inclusive
    (the MIIT way: 10 % is in (0, 10], not in (10, 20]); either may be open."""

    min: float | None = None
    max: float | None = None
    points: float = Field(ge=0, le=MAX_WEIGHT)


class CoverageStep(StrictModel):
    """Points when at least ``min_count`` scenarios are at rung ``at_rung`` or above."""

    min_count: int = Field(ge=0)
    points: float = Field(ge=0, le=MAX_WEIGHT)


class ScenarioCoverage(StrictModel):
    """An item scored from the scenario answers: how many scenarios run in a system."""

    at_rung: int = Field(ge=1, le=10)
    steps: list[CoverageStep] = Field(min_length=1)


class CrosswalkRate(StrictModel):
    """A percentage computed from two number answers, ``100 × part ÷ whole`` (e.g. networked
    machines of all production machines), scored by the item's ``bands``."""

    part: Id = Field(description="The number question counted (e.g. networked machines).")
    whole: Id = Field(description="The number question it is a share of (e.g. all machines).")


class CrosswalkItem(StrictModel):
    """One scored item of the framework, fed by one question or by the scenario rungs."""

    id: Id
    name: LocalizedText
    group: Id = Field(description="The group (part) of the framework it belongs to.")
    max_points: float = Field(gt=0, le=MAX_WEIGHT, description="The framework's points for it.")
    question: Id | None = Field(
        default=None,
        description=(
            "The pack question it reads; with ``rate``, read when the rate cannot be computed."
        ),
    )
    rate: CrosswalkRate | None = Field(
        default=None,
        description=(
            "Compute a percentage from two counts and score it by ``bands``; when either count "
            "is missing, zero or inconsistent (part above whole), ``question`` is read instead."
        ),
    )
    points: dict[OptionValue, float] = Field(
        default={},
        description=(
            "Answer option (or 'yes'/'no', or a number band's value) -> framework points; "
            "multiple choice sums the ticked options, capped at max_points."
        ),
    )
    bands: list[CrosswalkBand] = Field(
        default=[], description="For number questions: the framework's own bands."
    )
    scenario_coverage: ScenarioCoverage | None = None
    note: LocalizedText | None = Field(
        default=None, description="Where the mapping departs from the framework."
    )


class CrosswalkGroup(StrictModel):
    id: Id
    name: LocalizedText
    points: float = Field(gt=0, le=MAX_WEIGHT, description="The framework's points for the group.")


class CrosswalkScenario(StrictModel):
    """A scenario question: its options mapped onto the framework's rungs (0 = not rated)."""

    question: Id
    mandatory: bool = Field(default=False, description="A mandatory (约束性) scenario.")
    rungs: dict[OptionValue, int] = Field(
        description="Answer option -> the framework's rung (0 = below rung 1)."
    )


class CrosswalkGate(StrictModel):
    """What a level needs: points, and scenarios at or above a rung (some mandatory)."""

    level: int = Field(ge=1, le=10)
    label: LocalizedText
    min_points: float = Field(ge=0)
    min_scenarios: int = Field(ge=0)
    at_rung: int = Field(ge=1, le=10)
    min_mandatory: int = Field(default=0, ge=0)


class Crosswalk(StrictModel):
    """An external framework the pack can estimate, e.g. MIIT 2024 levels."""

    id: Id
    name: LocalizedText
    source: Id = Field(description="The pack source (``sources``) it estimates.")
    below_label: LocalizedText = Field(description="The label below the first level.")
    estimate_note: LocalizedText = Field(
        description="Says that this is an estimate, e.g. 非官方，以现场评定为准."
    )
    groups: list[CrosswalkGroup] = Field(
        default=[], description="Scored parts; none for a band from scenario rungs alone."
    )
    items: list[CrosswalkItem] = []
    scenarios: list[CrosswalkScenario] = []
    gates: list[CrosswalkGate] = Field(min_length=1)
    unverified: list[LocalizedText] = Field(
        default=[], description="Facts of the framework that could not be verified."
    )
