"""The progress between two assessments of one firm (`sme-assess compare --format json`)."""

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScoreChange(_Out):
    before: float | None
    after: float | None
    change: float | None = Field(description="after - before; null when either is not assessed.")


class StageChange(_Out):
    before: int | None
    after: int | None
    before_name: str | None
    after_name: str | None
    moved_up: bool


class CategoryProgress(_Out):
    id: str
    name: str
    short_name: str
    score: ScoreChange
    stage: StageChange


class EstimateProgress(_Out):
    """An official-framework estimate (e.g. miit_2024) before and after."""

    framework: str
    name: str | None = Field(
        default=None, description="The framework's name in the result's language."
    )
    level_before: int | None
    level_after: int | None
    label_before: str | None
    label_after: str | None
    points_before: float | None
    points_after: float | None
    held_back_by: str | None = Field(description="The gate that holds the firm back now.")
    passed_level_2: bool = Field(description="Below level 2 before, level 2 or more after.")


class Item(_Out):
    id: str
    name: str


class PlanItem(_Out):
    id: str
    name: str
    part_of: str | None = Field(
        default=None, description="The recommended bundle this solution is a part of."
    )


class NextMove(_Out):
    solution: str
    name: str
    phase: str


class Progress(_Out):
    """What moved between an earlier (before) and a later (after) assessment of one firm."""

    questionnaire: str
    version_before: str | None = Field(description="Pack version the earlier answers name.")
    version_after: str | None = Field(description="Pack version the later answers name.")
    pack_version: str = Field(description="Pack version both were scored with.")
    language: str
    company_before: str | None
    company_after: str | None
    date_before: str | None
    date_after: str | None
    overall: ScoreChange
    stage: StageChange
    categories: list[CategoryProgress]
    estimates: list[EstimateProgress] = []
    pains_resolved: list[Item]
    pains_new: list[Item]
    pains_remaining: list[Item]
    now_in_place: list[PlanItem] = Field(
        description="Solutions recommended before (or parts of a bundle recommended before), "
        "not in place then, that the later answers declare in place."
    )
    next_moves: list[NextMove]
    notes: list[str] = Field(default=[], description="What to keep in mind reading the change.")
