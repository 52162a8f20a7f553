"""The per-respondent records of an assessment: question scores, reasons, category scores,
level checks, what raised a pain point, the assessment itself (``scoring`` makes them; other
modules import them from there)."""

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from ..models import Questionnaire


class QuestionScore(NamedTuple):
    """One shown question's answer and 0-1 score (a named tuple: built for every question
    of every respondent, so the cheapest immutable record)."""

    id: str
    status: Literal["answered", "na", "unknown", "unanswered"]
    answer: Any
    fraction: float | None  # 0-1 when answered, else None
    weight: float
    categories: Mapping[str, float]


class Reason(NamedTuple):
    """A reason in words-to-be: a message code and its values, rendered per language later.
    (This and the other per-respondent records are named tuples: the cheapest immutable
    records, built many times for every respondent.)"""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @staticmethod
    def of(code: str, **params: Any) -> "Reason":
        """A reason; list values become tuples so that reasons are hashable."""
        if not params:
            return Reason(code)
        return Reason(
            code,
            tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(params.items())),
        )

    def get(self, key: str) -> Any:
        return dict(self.params).get(key)


class CategoryScore(NamedTuple):
    """One category's score (a named tuple: built for every category of every respondent)."""

    id: str
    weight: float
    score: float | None  # None: not assessed
    level: int | None
    coverage: float  # answered weight / applicable weight
    confidence: float  # answered weight / (answered + unknown weight)
    questions: tuple[QuestionScore, ...]

    @property
    def assessed(self) -> bool:
        return self.score is not None


class LevelCheck(NamedTuple):
    """Whether a level is reached, and why (or why not)."""

    level: int
    reached: bool
    reasons: tuple[Reason, ...]


class Trigger(NamedTuple):
    """What raised a pain point: an answer, or a category below its threshold."""

    question: str | None = None
    answer: Any = None
    category: str | None = None
    score: float | None = None
    threshold: float | None = None


# a named tuple from all its values, made in C: new_tuple(Reason, (code, params))
new_tuple = tuple.__new__


class PainPointHit(NamedTuple):
    id: str
    category: str | None
    severity: float
    triggers: tuple[Trigger, ...]


class Assessment(NamedTuple):
    questionnaire: Questionnaire
    answers: Mapping[str, Any]
    questions: Mapping[str, QuestionScore]
    categories: tuple[CategoryScore, ...]
    overall_score: float | None
    threshold_level: int | None
    level: int | None
    level_checks: tuple[LevelCheck, ...]
    coverage: float
    confidence: float
    pain_points: tuple[PainPointHit, ...]
    hidden_answers: tuple[str, ...] = ()

    def category(self, category_id: str) -> CategoryScore:
        return next(c for c in self.categories if c.id == category_id)
