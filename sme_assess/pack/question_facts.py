"""Facts about a question that validation and scoring share: its scores, categories, kind."""

from __future__ import annotations

from ..adding import added
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from . import conditions as cond


def option_scores(q: Question) -> list[float]:
    """Every score a question declares (options, bands or yes/no)."""
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
        return [o.score for o in q.options if o.score is not None]
    if isinstance(q, NumberQuestion):
        return [b.score for b in q.bands if b.score is not None]
    if isinstance(q, YesNoQuestion):
        return [s for s in (q.score_yes, q.score_no) if s is not None]
    return []


def is_scored(q: Question) -> bool:
    """A question that feeds a category score."""
    return q.profile is None and bool(option_scores(q)) and bool(q.category or q.categories)


def question_categories(q: Question) -> dict[str, float]:
    """Category id -> share of this question's weight."""
    if q.categories:
        return dict(q.categories)
    if q.category:
        return {q.category: 1.0}
    return {}


_MAX_POINTS: dict[int, tuple[Question, float]] = {}


def max_points(q: Question) -> float:
    """The points a question's best answer earns (the denominator of its 0-1 score)."""
    cached = _MAX_POINTS.get(id(q))
    if cached is not None and cached[0] is q:
        return cached[1]
    if len(_MAX_POINTS) > 4096:
        _MAX_POINTS.clear()
    value = _max_points(q)
    _MAX_POINTS[id(q)] = (q, value)
    return value


def _max_points(q: Question) -> float:
    scores = option_scores(q)
    if isinstance(q, MultipleChoiceQuestion):
        total = added(s for s in scores if s > 0)
        return q.max_score if q.max_score is not None else total
    return max(scores, default=0.0)


def best_fraction(q: Question) -> float:
    """The highest 0-1 score any answer to ``q`` can reach."""
    top = max_points(q)
    if top <= 0:
        return 0.0
    if isinstance(q, MultipleChoiceQuestion):
        return min(1.0, added(s for s in option_scores(q) if s > 0) / top)
    return 1.0


def name_info(q: Question) -> cond.NameInfo:
    """How a question's answer looks inside a condition."""
    if isinstance(q, MultipleChoiceQuestion):
        return cond.NameInfo(cond.KIND_CHOICES, frozenset(o.value for o in q.options))
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        return cond.NameInfo(cond.KIND_CHOICE, frozenset(o.value for o in q.options))
    if isinstance(q, NumberQuestion):
        return cond.NameInfo(cond.KIND_NUMBER, minimum=q.min, maximum=q.max)
    if isinstance(q, YesNoQuestion):
        return cond.NameInfo(cond.KIND_BOOL)
    return cond.NameInfo(cond.KIND_TEXT)


def profile_values(q: Questionnaire, field: str) -> set[str] | None:
    """The values the profile question for ``field`` (sector, size...) can give, if any."""
    for question in q.questions():
        if question.profile == field:
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
                return {o.value for o in question.options}
            if isinstance(question, NumberQuestion):
                return {b.value for b in question.bands if b.value}
    return None
