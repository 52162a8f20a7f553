"""The ``--mapping`` YAML file: what a column is, and what a cell means, when it cannot be
guessed. A column may name a question, one option of a question (``question/option``, for
exports with one column per option), a respondent field, or ``ignore``."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import Field

from ..models import NA, UNKNOWN, Questionnaire
from ..models.common import StrictModel
from ..models.questionnaire import (
    ChoiceQuestion,
    NumberQuestion,
    Question,
)
from .text import texts_of
from .vocabulary import IGNORE, RESPONDENT_FIELDS

CHOICE = ChoiceQuestion  # isinstance() takes the union


class MappingFile(StrictModel):
    """A ``--mapping`` YAML file: column -> target, and per question: cell text -> answer."""

    columns: dict[str, str] = Field(
        default={},
        description=(
            "Column header -> a question id, one option of a question ('question/option', "
            "for one column per option), a respondent field (company, sector, size, region, "
            "contact, date, or respondent.<name>) or 'ignore'."
        ),
    )
    values: dict[str, dict[str, bool | int | float | str]] = Field(
        default={},
        description=(
            "Question id (or sector/size) -> cell text -> answer: an option value, "
            "true/false, a number, 'n/a' or 'unknown'."
        ),
    )
    scales: dict[str, Literal["fraction", "percent"]] = Field(
        default={},
        description=(
            "Question id of a question answered in % (its unit is %) -> how the tables write "
            "its numbers without a % sign: 'fraction' (0.3 is 30 %) or 'percent' (0.3 is "
            "0.3 %). Needed when a column holds only numbers from 0 to 1."
        ),
    )


def option_target(q: Questionnaire, target: str) -> tuple[str, str] | None:
    """('question', 'option') when ``target`` is 'question/option' of a choice question."""
    if "/" not in target:
        return None
    qid, _, option = target.partition("/")
    question = next((x for x in q.questions() if x.id == qid), None)
    if isinstance(question, CHOICE) and option in {o.value for o in question.options}:
        return qid, option
    return None


Loc = tuple[str, ...]


def mapping_problems(q: Questionnaire, mapping: MappingFile) -> list[str]:
    """What is wrong with a mapping file for this pack (unknown ids, values not options)."""
    return [problem for _loc, problem in placed_mapping_problems(q, mapping)]


def placed_mapping_problems(q: Questionnaire, mapping: MappingFile) -> list[tuple[Loc, str]]:
    """Each problem of :func:`mapping_problems` with the keys that lead to it in the file
    (``("columns", header)``), to say it at its line:col."""
    by_id = {x.id: x for x in q.questions()}
    problems: list[tuple[Loc, str]] = []
    for header, target in mapping.columns.items():
        if target == IGNORE or target in by_id or target in RESPONDENT_FIELDS:
            continue
        if target.startswith("respondent.") and len(target) > len("respondent."):
            continue
        if option_target(q, target) is not None:
            continue
        problems.append(
            (
                ("columns", header),
                f"columns: '{header}' -> '{target}': not a question id, 'question/option', a "
                f"respondent field ({', '.join(RESPONDENT_FIELDS)}, respondent.<name>) or "
                "'ignore'",
            )
        )
    for qid, table in mapping.values.items():
        question = by_id.get(qid) or profile_question(q, qid)
        if question is None:
            problems.append((("values", qid), f"values: '{qid}' is not a question id"))
            continue
        if isinstance(question, CHOICE):
            allowed = {o.value for o in question.options} | {NA, UNKNOWN}
            for cell, value in table.items():
                if not isinstance(value, str) or value not in allowed:
                    problems.append(
                        (
                            ("values", qid, cell),
                            f"values: {qid}: '{cell}' -> {value!r} is not an option of "
                            f"'{qid}' ({', '.join(o.value for o in question.options)})",
                        )
                    )
    for qid in mapping.scales:
        question = by_id.get(qid)
        unit = question.unit if isinstance(question, NumberQuestion) else None
        texts = [t for _, t in texts_of(unit, q.languages)]
        if not any(unicodedata.normalize("NFKC", t).strip() == "%" for t in texts):
            problems.append(
                (
                    ("scales", qid),
                    f"scales: '{qid}' is not a question answered in % (a number question "
                    "whose unit is %)",
                )
            )
    return problems


def profile_question(q: Questionnaire, profile: str) -> Question | None:
    """The question that gives the company's sector, size, region... (None if none)."""
    return next((x for x in q.questions() if x.profile == profile), None)
