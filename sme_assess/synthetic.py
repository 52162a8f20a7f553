"""Random but valid answers for a pack: for property tests and benchmarks, never for users."""

from __future__ import annotations

import random
from typing import Any

from .models import NA, UNKNOWN, Questionnaire
from .models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)


def random_answers(
    q: Questionnaire,
    rnd: random.Random,
    *,
    skip: float = 0.1,
    na: float = 0.05,
    unknown: float = 0.05,
) -> dict[str, Any]:
    """An answer for (almost) every question, each valid for its question.

    ``skip``, ``na`` and ``unknown`` are the chances of leaving a question unanswered,
    answering "n/a" and "don't know" (the last two only where the question allows them).
    """
    answers: dict[str, Any] = {}
    for question in q.questions():
        roll = rnd.random()
        if roll < skip and not question.required:
            continue
        if roll < skip + na and question.allow_na:
            answers[question.id] = NA
            continue
        if roll < skip + na + unknown and question.allow_unknown:
            answers[question.id] = UNKNOWN
            continue
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            answers[question.id] = rnd.choice(question.options).value
        elif isinstance(question, MultipleChoiceQuestion):
            plain = [o.value for o in question.options if not o.exclusive]
            most = min(len(plain), question.max_selected or len(plain))
            answers[question.id] = rnd.sample(plain, rnd.randint(0, most))
        elif isinstance(question, NumberQuestion):
            lo = question.min if question.min is not None else 0.0
            hi = question.max if question.max is not None else lo + 1000.0
            value = rnd.uniform(lo, hi)
            answers[question.id] = round(value) if question.integer else round(value, 2)
        elif isinstance(question, YesNoQuestion):
            answers[question.id] = rnd.random() < 0.5
        elif isinstance(question, TextQuestion):
            answers[question.id] = "free text"
    return answers
