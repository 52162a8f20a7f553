"""Answers -> Assessment: question scores, category scores, overall level, pain points.

Pure functions of (questionnaire, answers). The rules, as the README states them:
- an answered, applicable question scores 0-1: its points over the question's maximum
  (multiple choice: the ticked points, capped at ``max_score``; numbers: through bands);
- a category scores 0-100: the weighted mean of its answered questions. ``n/a`` leaves the
  denominator; ``unknown`` leaves it too and lowers confidence; a category with nothing
  answered is "not assessed" (None), never 0;
- overall: the category-weight mean of assessed categories; its level from the thresholds,
  then lowered by the pack's level rules (cumulative levels, mandatory items).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .conditions import names, parse_condition
from .models import NA, UNKNOWN, Questionnaire
from .models.questionnaire import (
    MultipleChoiceQuestion,
    NumberBand,
    NumberQuestion,
    PainScale,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .validation import is_scored, max_points, question_categories
from .visibility import condition_holds, visible_questions

Status = Literal["answered", "na", "unknown", "unanswered"]


@dataclass(frozen=True)
class Reason:
    """A reason in words-to-be: a message code and its values, rendered per language later."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @staticmethod
    def of(code: str, **params: Any) -> Reason:
        """A reason; list values become tuples so that reasons are hashable."""
        frozen = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
        return Reason(code, tuple(sorted(frozen.items())))

    def get(self, key: str) -> Any:
        return dict(self.params).get(key)


@dataclass(frozen=True)
class QuestionScore:
    id: str
    status: Status
    answer: Any
    fraction: float | None  # 0-1 when answered, else None
    weight: float
    categories: Mapping[str, float]


@dataclass(frozen=True)
class CategoryScore:
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


@dataclass(frozen=True)
class LevelCheck:
    """Whether a level is reached, and why (or why not)."""

    level: int
    reached: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Trigger:
    """What raised a pain point: an answer, or a category below its threshold."""

    question: str | None = None
    answer: Any = None
    category: str | None = None
    score: float | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class PainPointHit:
    id: str
    category: str | None
    severity: float
    triggers: tuple[Trigger, ...]


@dataclass(frozen=True)
class Assessment:
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
    hidden_answers: tuple[str, ...] = field(default=())

    def category(self, category_id: str) -> CategoryScore:
        return next(c for c in self.categories if c.id == category_id)


# --- questions ----------------------------------------------------------------------------


def band_for(q: NumberQuestion, value: float) -> NumberBand | None:
    """The band a number falls in (min inclusive, max exclusive; the last band's max inclusive)."""
    for i, band in enumerate(q.bands):
        lo_ok = band.min is None or value >= band.min
        last = i == len(q.bands) - 1
        hi_ok = band.max is None or value < band.max or (last and value == band.max)
        if lo_ok and hi_ok:
            return band
    return None


def points(q: Question, value: Any) -> float:
    """Points earned by a valid, applicable answer."""
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        return next((o.score or 0.0 for o in q.options if o.value == value), 0.0)
    if isinstance(q, MultipleChoiceQuestion):
        return sum(o.score or 0.0 for o in q.options if o.value in value)
    if isinstance(q, NumberQuestion):
        band = band_for(q, float(value))
        return band.score or 0.0 if band is not None else 0.0
    if isinstance(q, YesNoQuestion):
        return (q.score_yes if value else q.score_no) or 0.0
    return 0.0


def fraction(q: Question, value: Any) -> float:
    """The 0-1 score of a valid, applicable answer."""
    top = max_points(q)
    if top <= 0:
        return 0.0
    return max(0.0, min(1.0, points(q, value) / top))


def score_question(q: Question, answers: Mapping[str, Any]) -> QuestionScore:
    cats = question_categories(q)
    if q.id not in answers:
        return QuestionScore(q.id, "unanswered", None, None, q.weight, cats)
    value = answers[q.id]
    if value == NA:
        return QuestionScore(q.id, "na", value, None, q.weight, cats)
    if value == UNKNOWN:
        return QuestionScore(q.id, "unknown", value, None, q.weight, cats)
    return QuestionScore(q.id, "answered", value, fraction(q, value), q.weight, cats)


# --- levels -------------------------------------------------------------------------------


def level_for(q: Questionnaire, score: float | None) -> int | None:
    """The highest level whose minimum the score reaches."""
    if score is None:
        return None
    reached = [lv.number for lv in q.levels if score + 1e-9 >= lv.min_score]
    return max(reached) if reached else q.levels[0].number


def _level_checks(
    q: Questionnaire,
    overall: float | None,
    categories: tuple[CategoryScore, ...],
    answers: Mapping[str, Any],
) -> tuple[int | None, tuple[LevelCheck, ...]]:
    if overall is None:
        return None, tuple(
            LevelCheck(lv.number, False, (Reason.of("nothing_assessed"),)) for lv in q.levels
        )
    numbers = [lv.number for lv in q.levels]
    by_id = {question.id: question for question in q.questions()}
    checks: list[LevelCheck] = []
    final: int | None = None
    blocked = False
    for i, lv in enumerate(q.levels):
        reasons: list[Reason] = []
        ok = overall + 1e-9 >= lv.min_score
        reasons.append(
            Reason.of(
                "score_meets" if ok else "score_below",
                score=round(overall, 1),
                minimum=lv.min_score,
            )
        )
        if q.level_rules.cumulative and i > 0:
            below = numbers[i - 1]
            short = [c.id for c in categories if c.assessed and (c.level or 0) < below]
            if short:
                ok = False
                reasons.append(Reason.of("categories_below", level=below, categories=short))
            else:
                reasons.append(Reason.of("categories_meet", level=below))
        for req in q.level_rules.requirements:
            if req.level != lv.number:
                continue
            question = by_id.get(req.question)
            answer = answers.get(req.question)
            met = False
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
                order = [o.value for o in question.options]
                if answer in order and req.at_least in order:
                    met = order.index(answer) >= order.index(req.at_least)
            reasons.append(
                Reason.of(
                    "requirement_met" if met else "requirement_unmet",
                    question=req.question,
                    at_least=req.at_least,
                    answer=answer,
                )
            )
            ok = ok and met
        if blocked and ok:
            ok = False
            reasons.append(Reason.of("lower_level_missing", level=numbers[i - 1]))
        if ok:
            final = lv.number
        else:
            blocked = True
        checks.append(LevelCheck(lv.number, ok, tuple(reasons)))
    if final is None:
        final = numbers[0]
    return final, tuple(checks)


# --- the whole assessment -----------------------------------------------------------------


def _ratio(part: float, whole: float, empty: float) -> float:
    return part / whole if whole > 0 else empty


def assess(q: Questionnaire, answers: Mapping[str, Any]) -> Assessment:
    """Score valid answers (see ``answers_check``) against the questionnaire."""
    shown = visible_questions(q, answers)
    shown_ids = {question.id for question in shown}
    hidden = tuple(sorted(k for k in answers if k not in shown_ids))
    live = {k: v for k, v in answers.items() if k in shown_ids}
    scores = {question.id: score_question(question, live) for question in shown}
    per_cat: dict[str, list[QuestionScore]] = {c.id: [] for c in q.categories}
    for question in shown:
        if is_scored(question):
            for cat_id in question_categories(question):
                per_cat.setdefault(cat_id, []).append(scores[question.id])
    categories: list[CategoryScore] = []
    total_answered = total_applicable = total_unknown = 0.0
    for cat in q.categories:
        items = per_cat.get(cat.id, [])
        answered_w = weighted = unknown_w = applicable_w = 0.0
        for item in items:
            w = item.weight * item.categories[cat.id]
            if item.status == "na":
                continue
            applicable_w += w
            if item.status == "answered" and item.fraction is not None:
                answered_w += w
                weighted += w * item.fraction
            elif item.status == "unknown":
                unknown_w += w
        score = 100.0 * weighted / answered_w if answered_w > 0 else None
        categories.append(
            CategoryScore(
                id=cat.id,
                weight=cat.weight,
                score=score,
                level=level_for(q, score),
                coverage=_ratio(answered_w, applicable_w, 0.0),
                confidence=_ratio(answered_w, answered_w + unknown_w, 0.0),
                questions=tuple(items),
            )
        )
        total_answered += answered_w
        total_applicable += applicable_w
        total_unknown += unknown_w
    assessed = [c for c in categories if c.score is not None]
    weight_sum = sum(c.weight for c in assessed)
    overall = (
        sum(c.weight * (c.score or 0.0) for c in assessed) / weight_sum if weight_sum else None
    )
    cat_tuple = tuple(categories)
    level, checks = _level_checks(q, overall, cat_tuple, live)
    return Assessment(
        questionnaire=q,
        answers=live,
        questions=scores,
        categories=cat_tuple,
        overall_score=overall,
        threshold_level=level_for(q, overall),
        level=level,
        level_checks=checks,
        coverage=_ratio(total_answered, total_applicable, 0.0),
        confidence=_ratio(total_answered, total_answered + total_unknown, 0.0),
        pain_points=raise_pain_points(q, live, cat_tuple),
        hidden_answers=hidden,
    )


def raise_pain_points(
    q: Questionnaire, answers: Mapping[str, Any], categories: tuple[CategoryScore, ...]
) -> tuple[PainPointHit, ...]:
    """Pain points raised by rules and by low category scores, most severe first.

    Severity = gap x weight x factor, where the gap is how far the pain point's category is
    from 100 (0-1), or 1 when the category is not assessed, and the factor comes from the
    pain point's ``scale_by`` (a fact about the firm, else its sector), else 1.
    """
    by_cat = {c.id: c for c in categories}
    hits: list[PainPointHit] = []
    for pain in q.pain_points:
        triggers: list[Trigger] = []
        ruled = bool(pain.when) and condition_holds(q, pain.when, answers)
        if ruled and pain.when:
            for name in names(parse_condition(pain.when)):
                if name in answers:
                    triggers.append(Trigger(question=name, answer=answers[name]))
        cat = by_cat.get(pain.category) if pain.category else None
        if (
            pain.below is not None
            and cat is not None
            and cat.score is not None
            and cat.score < pain.below
        ):
            triggers.append(
                Trigger(category=cat.id, score=round(cat.score, 1), threshold=pain.below)
            )
        if not triggers and not ruled:
            continue
        gap = 1.0 if cat is None or cat.score is None else (100.0 - cat.score) / 100.0
        severity = round(max(gap, 0.05) * pain.weight * _scale(q, pain.scale_by, answers), 3)
        hits.append(PainPointHit(pain.id, pain.category, severity, tuple(triggers)))
    hits.sort(key=lambda h: (-h.severity, h.id))
    return tuple(hits)


def _scale(q: Questionnaire, scale: PainScale | None, answers: Mapping[str, Any]) -> float:
    """The factor a fact about the firm puts on a pain point: its answer, else its sector."""
    if scale is None:
        return 1.0
    value = answers.get(scale.question)
    if isinstance(value, str) and value in scale.factors:
        return scale.factors[value]
    if scale.by_sector:
        sector = next((answers.get(x.id) for x in q.questions() if x.profile == "sector"), None)
        if isinstance(sector, str) and sector in scale.by_sector:
            return scale.by_sector[sector]
    return scale.default
