"""Answers -> Assessment: question scores, category scores, overall level, pain points.

Pure functions of (questionnaire, answers). The rules, as the README states them:
- an answered, applicable question scores 0-1: its points over the question's maximum
  (multiple choice: the ticked points, capped at ``max_score``; numbers: through bands);
- a category scores 0-100: the weighted mean of its answered questions. ``n/a`` leaves the
  denominator; ``unknown`` leaves it too and lowers confidence; a category with nothing
  answered is "not assessed" (None), never 0;
- overall: the category-weight mean of assessed categories; its level from the thresholds,
  then lowered by the pack's level rules (cumulative levels, mandatory items: one question
  at or above an option, or at least N of a set of questions at or above one).
"""

from collections.abc import Mapping
from itertools import filterfalse
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from ..models import NA, UNKNOWN, Questionnaire
from ..models.questionnaire import (
    PainScale,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from ..pack.question_facts import max_points, question_categories
from .compiled import CompiledQuestionnaire, compile_questionnaire, points
from .compiled import QuestionScore as QuestionScore  # re-exported: scores are read here
from .records import Assessment as Assessment  # the records, re-exported
from .records import CategoryScore as CategoryScore
from .records import LevelCheck as LevelCheck
from .records import PainPointHit as PainPointHit
from .records import Reason as Reason
from .records import Trigger as Trigger
from .records import new_tuple as new_tuple
from .requirement_count import count_at_least
from .rounding import round_to

Status = Literal["answered", "na", "unknown", "unanswered"]


# --- questions ----------------------------------------------------------------------------


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
    return compile_questionnaire(q).level_for(score)


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
    by_id = compile_questionnaire(q).by_id
    checks: list[LevelCheck] = []
    final: int | None = None
    blocked = False
    shown_score = round_to(overall, 1)
    cumulative, requirements = q.level_rules.cumulative, q.level_rules.requirements
    # reasons and checks built with their fields in order (params in Reason.of's sorted
    # order), made in C: several per level for every respondent
    for i, lv in enumerate(q.levels):
        reasons: list[Reason] = []
        ok = overall + 1e-9 >= lv.min_score
        reasons.append(
            new_tuple(
                Reason,
                (
                    "score_meets" if ok else "score_below",
                    (("minimum", lv.min_score), ("score", shown_score)),
                ),
            )
        )
        if cumulative and i > 0:
            below = numbers[i - 1]
            short = [c.id for c in categories if c.score is not None and (c.level or 0) < below]
            if short:
                ok = False
                params = (("categories", tuple(short)), ("level", below))
                reasons.append(new_tuple(Reason, ("categories_below", params)))
            else:
                reasons.append(new_tuple(Reason, ("categories_meet", (("level", below),))))
        for ri, req in enumerate(requirements):
            if req.level != lv.number:
                continue
            if req.questions is not None:
                counted = count_at_least(q, req, answers)
                reasons.append(counted.reason(ri, req))
                ok = ok and counted.met
                continue
            qid = req.question or ""
            question = by_id.get(qid)
            answer = answers.get(qid)
            met = False
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
                order = [o.value for o in question.options]
                if answer in order and req.at_least in order:
                    met = order.index(answer) >= order.index(req.at_least)
            reasons.append(
                new_tuple(
                    Reason,
                    (
                        "requirement_met" if met else "requirement_unmet",
                        (
                            ("answer", tuple(answer) if isinstance(answer, list) else answer),
                            ("at_least", req.at_least),
                            ("question", req.question),
                        ),
                    ),
                )
            )
            ok = ok and met
        if blocked and ok:
            ok = False
            reasons.append(new_tuple(Reason, ("lower_level_missing", (("level", numbers[i - 1]),))))
        if ok:
            final = lv.number
        else:
            blocked = True
        checks.append(new_tuple(LevelCheck, (lv.number, ok, tuple(reasons))))
    if final is None:
        final = numbers[0]
    return final, tuple(checks)


# --- the whole assessment -----------------------------------------------------------------


def _ratio(part: float, whole: float, empty: float) -> float:
    return part / whole if whole > 0 else empty


class CategoryScores(NamedTuple):
    """What the answers score, before level rules and pain points (``score_categories``)."""

    answers: Mapping[str, Any]  # the answers of the questions shown
    hidden: tuple[str, ...]  # answered but not shown, so not counted
    questions: Mapping[str, QuestionScore]
    categories: tuple[CategoryScore, ...]
    overall: float | None
    coverage: float
    confidence: float


def score_categories(q: Questionnaire, answers: Mapping[str, Any]) -> CategoryScores:
    """Each question's 0-1 score, each category's weighted mean, the overall score."""
    cq = compile_questionnaire(q)
    # one pass in order (conditions only look back: see ``visibility.visible_questions``),
    # each category adding up its questions in question order, as it is shown; the records
    # of unanswered, n/a, unknown and option answers are the compiled, shared ones
    question_pass = cq.question_pass
    assert question_pass is not None
    seen, scores, items, answered_w, weighted, unknown_w, applicable_w = question_pass(answers)
    if len(seen) == len(answers):  # every answer is to a question shown
        hidden: tuple[str, ...] = ()
        live = dict(answers)
    else:  # answered but not shown, so not counted
        hidden = tuple(sorted(filterfalse(scores.__contains__, answers)))
        shown = list(filter(scores.__contains__, answers))  # in C, in the answers' order
        live = dict(zip(shown, map(answers.__getitem__, shown), strict=True))
    categories: list[CategoryScore] = []
    add = categories.append
    level_of = cq.level_for
    total_answered = total_applicable = total_unknown = 0.0
    weight_sum = score_sum = 0.0
    for cid, weight, got, total, asked, unknown, held in zip(
        cq.category_ids,
        cq.category_weights,
        answered_w,
        weighted,
        applicable_w,
        unknown_w,
        items,
        strict=True,
    ):
        score = 100.0 * total / got if got > 0 else None
        # CategoryScore(id, weight, score, level, coverage, confidence, questions), in C
        add(
            new_tuple(
                CategoryScore,
                (
                    cid,
                    weight,
                    score,
                    level_of(score),
                    got / asked if asked > 0 else 0.0,  # coverage
                    got / (got + unknown) if got + unknown > 0 else 0.0,  # confidence
                    tuple(held),
                ),
            )
        )
        total_answered += got
        total_applicable += asked
        total_unknown += unknown
        if score is not None:
            weight_sum += weight
            score_sum += weight * score
    overall = score_sum / weight_sum if weight_sum else None
    return new_tuple(
        CategoryScores,
        (
            live,
            hidden,
            scores,
            tuple(categories),
            overall,
            _ratio(total_answered, total_applicable, 0.0),  # coverage
            _ratio(total_answered, total_answered + total_unknown, 0.0),  # confidence
        ),
    )


def assess(q: Questionnaire, answers: Mapping[str, Any]) -> Assessment:
    """Score valid answers (see ``answers_check``) against the questionnaire."""
    scored = score_categories(q, answers)
    live, cat_tuple = scored.answers, scored.categories
    level, checks = _level_checks(q, scored.overall, cat_tuple, live)
    # Assessment(questionnaire, answers, questions, categories, overall_score,
    # threshold_level, level, level_checks, coverage, confidence, pain_points, hidden_answers)
    return new_tuple(
        Assessment,
        (
            q,
            live,
            scored.questions,
            cat_tuple,
            scored.overall,
            level_for(q, scored.overall),
            level,
            checks,
            scored.coverage,
            scored.confidence,
            raise_pain_points(q, live, cat_tuple),
            scored.hidden,
        ),
    )


_HIT_ID, _SEVERITY = itemgetter(0), itemgetter(2)  # a PainPointHit's id and severity


def raise_pain_points(
    q: Questionnaire, answers: Mapping[str, Any], categories: tuple[CategoryScore, ...]
) -> tuple[PainPointHit, ...]:
    """Pain points raised by rules and by low category scores, most severe first.

    Severity = gap x weight x factor, where the gap is how far the pain point's category is
    from 100 (0-1), or 1 when the category is not assessed, and the factor comes from the
    pain point's ``scale_by`` (a fact about the firm, else its sector), else 1.
    """
    cq = compile_questionnaire(q)
    by_cat = {c.id: c for c in categories}
    hits: list[PainPointHit] = []
    for plan, ruled in zip(cq.pains, cq.pain_truths(answers), strict=True):
        _pain, _when, names, pid, category, below, scale_by, weight = plan
        triggers: list[Trigger] = []
        if ruled:
            for name in names:
                if name in answers:  # Trigger(question=name, answer=...), without keywords
                    triggers.append(new_tuple(Trigger, (name, answers[name], None, None, None)))
        cat = by_cat.get(category) if category else None
        score = None if cat is None else cat.score
        if below is not None and cat is not None and score is not None and score < below:
            # Trigger(category=..., score=..., threshold=...)
            triggers.append(new_tuple(Trigger, (None, None, cat.id, round_to(score, 1), below)))
        if not triggers and not ruled:
            continue
        gap = 1.0 if score is None else (100.0 - score) / 100.0
        scale = 1.0 if scale_by is None else _scale(cq, scale_by, answers)
        severity = round_to(max(gap, 0.05) * weight * scale, 3)
        hits.append(new_tuple(PainPointHit, (pid, category, severity, tuple(triggers))))
    # most severe first, then by id: two stable sorts in C, no key function run per hit
    hits.sort(key=_HIT_ID)
    hits.sort(key=_SEVERITY, reverse=True)
    return tuple(hits)


def _scale(cq: CompiledQuestionnaire, scale: PainScale | None, answers: Mapping[str, Any]) -> float:
    """The factor a fact about the firm puts on a pain point: its answer, else its sector."""
    if scale is None:
        return 1.0
    value = answers.get(scale.question)
    if isinstance(value, str) and value in scale.factors:
        return scale.factors[value]
    if scale.by_sector and cq.sector_question is not None:
        sector = answers.get(cq.sector_question)
        if isinstance(sector, str) and sector in scale.by_sector:
            return scale.by_sector[sector]
    return scale.default
