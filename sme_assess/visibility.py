"""Which questions a respondent is asked, given their answers (section and question show-if)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .conditions import Order, evaluate, parse_condition
from .models import Questionnaire
from .models.questionnaire import Question, ScaleQuestion, SingleChoiceQuestion

_ORDERS: dict[int, tuple[Questionnaire, Order]] = {}


def option_order(q: Questionnaire) -> Order:
    """Question id -> option value -> position, for ordered comparisons in conditions."""
    cached = _ORDERS.get(id(q))
    if cached is not None and cached[0] is q:
        return cached[1]
    order: Order = {
        question.id: {o.value: i for i, o in enumerate(question.options)}
        for question in q.questions()
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion)
    }
    if len(_ORDERS) > 32:
        _ORDERS.clear()
    _ORDERS[id(q)] = (q, order)
    return order


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
    for section in q.sections:
        if not condition_holds(q, section.show_if, seen):
            continue
        for question in section.questions:
            if condition_holds(q, question.show_if, seen):
                shown.append(question)
                if question.id in answers:
                    seen[question.id] = answers[question.id]
    return shown
