"""The answers file format: who answered, for which pack, and what."""

import datetime as dt
import json
import math
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..limits import MAX_TEXT_CHARS
from .common import LANG_PATTERN, LanguageTag, StrictModel
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


def _check_answer_value(value: Any) -> Any:
    """An answer's own checks, in one line each, before pydantic's (which, for a value that
    fits none of the kinds, would list five "Input should be" lines)."""
    value = _check_answer(value)
    if value is None:
        raise ValueError("no answer: leave the question out when it is not answered")
    if isinstance(value, dict):
        raise ValueError(
            "expected an option value, a list of option values, a number, true/false or "
            "text; got a mapping"
        )
    if isinstance(value, list):
        odd = [item for item in value if not isinstance(item, str)]
        if odd:
            raise ValueError(f"a list holds option values (text); got {odd[0]!r} in it")
    return value


def _check_ids(value: Any) -> Any:
    """Question ids are text: a YAML key such as ``1:`` or ``true:`` is said, not turned into
    text (which would match no question anyway)."""
    if isinstance(value, dict):
        odd = [key for key in value if not isinstance(key, str)]
        if odd:
            shown = json.dumps(odd[0], default=str)  # as written: true, null, 1
            raise ValueError(f"question ids are text: {shown} is not one")
    return value


def _language(value: Any) -> Any:
    """A language tag as BCP 47 compares them (case does not matter, ``zh_CN`` is the POSIX
    spelling of ``zh-CN``), or one clear refusal."""
    if not isinstance(value, str):
        return value
    first, dash, rest = value.strip().replace("_", "-").partition("-")
    tag = first.lower() + dash + rest
    if not re.match(LANG_PATTERN, tag):
        raise ValueError(f"'{value}' is not a language tag such as en, zh or zh-CN")
    return tag


def _version(value: Any) -> Any:
    """A version is text: YAML reads ``1.0`` as a number (and ``1.10`` as 1.1), so say so."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f'{value!r} was read as a number: write the version in quotes, e.g. "1.0.0"'
        )
    return value


def _date(value: Any) -> Any:
    """A date is written YYYY-MM-DD: a number (an Excel serial such as 45321, a Unix
    timestamp, 20240203) is refused rather than read as seconds since 1970."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is a number, not a date: write it as YYYY-MM-DD")
    if isinstance(value, str) and re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        raise ValueError(f"'{value}' is a number, not a date: write it as YYYY-MM-DD")
    return value


AnswerValue = Annotated[bool | int | float | str | list[str], BeforeValidator(_check_answer_value)]
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
    date: Annotated[dt.date | None, BeforeValidator(_date)] = None


class Answers(StrictModel):
    """An answers file, as written by ``sme-assess run`` or by hand."""

    questionnaire: PackId
    questionnaire_version: Annotated[Text | None, BeforeValidator(_version)] = None
    language: Annotated[LanguageTag | None, BeforeValidator(_language)] = None
    short_form: bool | None = Field(
        default=None,
        description="True when answered with `run --short` (only the pack's short form).",
    )
    respondent: Respondent = Respondent()
    answers: Annotated[dict[Text, AnswerValue], BeforeValidator(_check_ids)] = Field(
        default={},
        description=(
            "Question id -> answer: an option value, a list of option values, a number, "
            'true/false or text; "n/a" and "unknown" where the question allows them. '
            "A missing key means unanswered."
        ),
    )
    options_not_asked: dict[Text, list[Text]] | None = Field(
        default=None,
        description=(
            "Per multiple-choice question id: options the respondent was never asked (a "
            "survey table with no column for them). Whether they hold is unknown, not false: "
            "conditions on them read as on an unanswered question; scores count them as not "
            "ticked."
        ),
    )
