"""The solution catalogue file format (``catalogue.yaml``): measures sized for SMEs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Id, LocalizedText, OptionValue, SemVer, StrictModel
from .questionnaire import PackId

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


class Solution(StrictModel):
    id: Id
    name: LocalizedText
    summary: LocalizedText
    addresses: Addresses
    lifts: Lift
    prerequisites: Prerequisites = Prerequisites()
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


class Catalogue(StrictModel):
    """A pack's solution catalogue."""

    schema_version: Literal[1]
    questionnaire: PackId
    version: SemVer
    currency: str = "CNY"
    cost_tiers: list[CostTier] = Field(min_length=1)
    solutions: list[Solution] = Field(min_length=1)
