"""Which questions a respondent is asked, given their answers (section and question show-if)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..models import Questionnaire
from ..models.questionnaire import Question
from ..pack.conditions import evaluate, parse_condition
from .compiled import compile_questionnaire, option_order


def condition_holds(q: Questionnaire, source: str | None, answers: Mapping[str, Any]) -> bool:
    """True when there is no condition, or it holds for these answers."""
    if not source:
        return True
    return evaluate(parse_condition(source), answers, option_order(q))


def visible_questions(q: Questionnaire, answers: Mapping[str, Any]) -> list[Question]:
    """The questions shown, in order. Answers to hidden questions do not count.

    Conditions only look back, so one pass in order is exact: a question's condition is
    evaluated against the answers of the visible questions before it.
    """
    shown: list[Question] = []
    seen: dict[str, Any] = {}
    for section in compile_questionnaire(q).sections:
        if section.show_if is not None and not section.show_if(seen):
            continue
        for plan in section.questions:
            if plan.show_if is None or plan.show_if(seen):
                shown.append(plan.question)
                if plan.id in answers:
                    seen[plan.id] = answers[plan.id]
    return shown


__all__ = ["condition_holds", "option_order", "visible_questions"]
