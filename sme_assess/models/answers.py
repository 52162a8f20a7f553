"""The answers file format: who answered, for which pack, and what."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .common import LanguageTag, StrictModel
from .questionnaire import PackId

AnswerValue = bool | int | float | str | list[str]


class Respondent(BaseModel):
    """Who answered. Known fields are typed; any other field is kept as given."""

    model_config = ConfigDict(extra="allow", frozen=True)

    company: str | None = None
    sector: str | None = None
    size: str | None = None
    region: str | None = None
    contact: str | None = None
    date: dt.date | None = None


class Answers(StrictModel):
    """An answers file, as written by ``sme-assess run`` or by hand."""

    questionnaire: PackId
    questionnaire_version: str | None = None
    language: LanguageTag | None = None
    respondent: Respondent = Respondent()
    answers: dict[str, AnswerValue] = Field(
        default={},
        description=(
            "Question id -> answer: an option value, a list of option values, a number, "
            'true/false or text; "n/a" and "unknown" where the question allows them. '
            "A missing key means unanswered."
        ),
    )
