"""The answers file format: who answered, for which pack, and what."""

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..limits import MAX_TEXT_CHARS
from .common import LanguageTag, StrictModel
from .questionnaire import PackId

_TOO_LONG = f"text is longer than {MAX_TEXT_CHARS:,} characters"


def _bad_value(value: Any) -> str | None:
    """Why a value read from an answers file is refused: not finite, or text too long.
    Iterative: respondent fields may hold lists and mappings (nesting is bounded by the reader).
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return f"expected a finite number, got {item}"
        if isinstance(item, str) and len(item) > MAX_TEXT_CHARS:
            return _TOO_LONG
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _check_answer(value: Any) -> Any:
    why = _bad_value(value)
    if why:
        raise ValueError(why)
    return value


AnswerValue = Annotated[bool | int | float | str | list[str], BeforeValidator(_check_answer)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]
ExtraValue = Annotated[Any, BeforeValidator(_check_answer)]


class Respondent(BaseModel):
    """Who answered. Known fields are typed; any other field is kept as given."""

    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False, defer_build=True)
    __pydantic_extra__: dict[str, ExtraValue] = Field(init=False)

    company: Text | None = None
    sector: Text | None = None
    size: Text | None = None
    region: Text | None = None
    contact: Text | None = None
    date: dt.date | None = None


class Answers(StrictModel):
    """An answers file, as written by ``sme-assess run`` or by hand."""

    questionnaire: PackId
    questionnaire_version: Text | None = None
    language: LanguageTag | None = None
    short_form: bool | None = Field(
        default=None,
        description="True when answered with `run --short` (only the pack's short form).",
    )
    respondent: Respondent = Respondent()
    answers: dict[Text, AnswerValue] = Field(
        default={},
        description=(
            "Question id -> answer: an option value, a list of option values, a number, "
            'true/false or text; "n/a" and "unknown" where the question allows them. '
            "A missing key means unanswered."
        ),
    )
