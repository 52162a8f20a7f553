"""A questionnaire compiled once for scoring many respondents: each question's 0-1 score as a
lookup table, show-if and pain-point conditions as Python functions, each category's
(question, weight share) list. Packs are immutable, so the compiled form is cached per
questionnaire object; ``scoring.assess`` reads it instead of walking the models per answer.
"""

from bisect import bisect_right
from collections.abc import Callable, Mapping
from itertools import accumulate
from typing import Any, NamedTuple

from ..adding import added
from ..models import NA, UNKNOWN, Questionnaire
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberBand,
    NumberQuestion,
    PainPoint,
    PainScale,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from ..pack.conditions import Compiled, Order
from ..pack.question_facts import is_scored, max_points, question_categories
from .condition_codegen import Truths, truths
from .condition_compile import compile_source, plain_names, plain_source
from .records import QuestionScore as QuestionScore  # a record, re-exported
from .score_codegen import QuestionPass

Fraction = Callable[[Any], float]

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
        return added(o.score or 0.0 for o in q.options if o.value in value)
    if isinstance(q, NumberQuestion):
        band = band_for(q, float(value))
        return band.score or 0.0 if band is not None else 0.0
    if isinstance(q, YesNoQuestion):
        return (q.score_yes if value else q.score_no) or 0.0
    return 0.0


_VALUES: dict[int, tuple[Question, tuple[list[str], frozenset[str]]]] = {}


def option_values(
    q: SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion,
) -> tuple[list[str], frozenset[str]]:
    """A choice question's option values, in order and as a set (cached per question)."""
    cached = _VALUES.get(id(q))
    if cached is not None and cached[0] is q:
        return cached[1]
    values = [o.value for o in q.options]
    if len(_VALUES) > 8192:
        _VALUES.clear()
    _VALUES[id(q)] = (q, (values, frozenset(values)))
    return values, frozenset(values)


def _clamp(pts: float, top: float) -> float:
    return max(0.0, min(1.0, pts / top))


def fraction_function(q: Question) -> Fraction:
    """The question's 0-1 score of a valid answer, as a function: the same numbers as
    ``points(q, value) / max_points(q)`` clamped to 0-1, with the per-option division done
    once here instead of for every respondent."""
    top = max_points(q)
    if top <= 0:
        return lambda _value: 0.0
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        table: dict[Any, float] = {}
        for o in q.options:
            table.setdefault(o.value, _clamp(o.score or 0.0, top))
        zero = _clamp(0.0, top)
        return lambda value: (
            table.get(value, zero) if isinstance(value, str) else _clamp(points(q, value), top)
        )
    if isinstance(q, MultipleChoiceQuestion):
        # options worth nothing add nothing: left out of the sum (same total, same order)
        scores = tuple((o.value, o.score) for o in q.options if o.score)

        def ticked(value: Any) -> float:
            got = added(s for v, s in scores if v in value) / top
            return 0.0 if got < 0.0 else 1.0 if got > 1.0 else got

        return ticked
    if isinstance(q, YesNoQuestion):
        yes, no = _clamp(q.score_yes or 0.0, top), _clamp(q.score_no or 0.0, top)
        return lambda value: yes if value else no
    return lambda value: _clamp(points(q, value), top)


class QuestionPlan(NamedTuple):
    question: Question
    id: str
    weight: float
    categories: Mapping[str, float]  # category -> share of the weight
    scored: bool
    shares: tuple[tuple[str, float], ...]  # scored: (category, weight x share), else ()
    show_if: Compiled | None
    fraction: Fraction
    # scored, in categories the questionnaire declares: (category position, weight x share)
    slots: tuple[tuple[int, float], ...]
    # the records every respondent shares: not answered, "n/a", "don't know", and each
    # option's (or yes/no's) answered record, looked up by an answer of type ``key_type``
    unanswered: QuestionScore
    na: QuestionScore
    unknown: QuestionScore
    answered: Mapping[Any, QuestionScore]
    key_type: type | None


class SectionPlan(NamedTuple):
    show_if: Compiled | None
    questions: tuple[QuestionPlan, ...]


class PainPlan(NamedTuple):
    pain: PainPoint
    when: Compiled | None
    names: tuple[str, ...]  # the questions the condition reads, in order
    # the pain point's fields scoring reads for every firm, as plain values (a model's
    # attributes go through its ``__getattr__`` hook)
    id: str
    category: str | None
    below: float | None
    scale_by: PainScale | None
    weight: float


class CompiledQuestionnaire(NamedTuple):
    order: Order
    sections: tuple[SectionPlan, ...]
    by_id: Mapping[str, Question]
    category_ids: tuple[str, ...]
    category_weights: tuple[float, ...]
    category_items: Mapping[str, tuple[tuple[str, float], ...]]  # category -> (question, w)
    pains: tuple[PainPlan, ...]
    pain_truths: Truths  # each pain point's rule as one generated function (no rule: false)
    sector_question: str | None
    levels: tuple[tuple[float, int], ...]  # (minimum score, level number), in pack order
    profile_questions: tuple[Question, ...]  # questions with a ``profile`` role, in order
    required: tuple[str, ...] = ()  # the ids of the required questions
    # the questions' pass of ``scoring.score_categories`` (``score_codegen``)
    question_pass: QuestionPass | None = None
    # the levels' minimum scores in rising order, and the highest level number among the
    # levels up to each (``level_for``: a search in C, ~14 times a firm)
    level_mins: tuple[float, ...] = ()
    level_best: tuple[int, ...] = ()

    def level_for(self, score: float | None) -> int | None:
        """The highest level whose minimum the score reaches (``scoring.level_for``), else
        the pack's first level (a score below every minimum, or nan)."""
        if score is None:
            return None
        reached = bisect_right(self.level_mins, score + 1e-9)  # minimums <= score + 1e-9
        if reached and score == score:  # (nan reaches none: every comparison is false)
            return self.level_best[reached - 1]
        return self.levels[0][1]


def _compile(source: str | None, order: Order) -> Compiled | None:
    return compile_source(source, order) if source else None


def _question_plan(
    question: Question, order: Order, category_index: Mapping[str, int]
) -> QuestionPlan:
    qid, weight = question.id, question.weight
    categories = question_categories(question)
    scored = is_scored(question)
    shares = tuple((k, weight * v) for k, v in categories.items()) if scored else ()
    fraction = fraction_function(question)
    answered: dict[Any, QuestionScore] = {}
    key_type: type | None = None
    if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
        key_type = str
        for o in question.options:
            answered.setdefault(
                o.value,
                QuestionScore(qid, "answered", o.value, fraction(o.value), weight, categories),
            )
    elif isinstance(question, YesNoQuestion):
        key_type = bool
        for flag in (True, False):
            answered[flag] = QuestionScore(
                qid, "answered", flag, fraction(flag), weight, categories
            )
    return QuestionPlan(
        question,
        qid,
        weight,
        categories,
        scored,
        shares,
        _compile(question.show_if, order),
        fraction,
        tuple((category_index[k], w) for k, w in shares if k in category_index),
        QuestionScore(qid, "unanswered", None, None, weight, categories),
        QuestionScore(qid, "na", NA, None, weight, categories),
        QuestionScore(qid, "unknown", UNKNOWN, None, weight, categories),
        answered,
        key_type,
    )


_CACHE: dict[int, tuple[Questionnaire, CompiledQuestionnaire]] = {}


def compile_questionnaire(q: Questionnaire) -> CompiledQuestionnaire:
    """The questionnaire compiled for scoring (cached; questionnaires are immutable)."""
    hit = _CACHE.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]
    order = option_order(q)
    category_index = {c.id: i for i, c in enumerate(q.categories)}
    sections = tuple(
        SectionPlan(
            _compile(section.show_if, order),
            tuple(_question_plan(x, order, category_index) for x in section.questions),
        )
        for section in q.sections
    )
    items: dict[str, list[tuple[str, float]]] = {c.id: [] for c in q.categories}
    for section in sections:
        for plan in section.questions:
            if plan.scored:
                for cat_id, share in plan.categories.items():
                    items.setdefault(cat_id, []).append((plan.id, plan.weight * share))
    by_id = {question.id: question for question in q.questions()}
    compiled = CompiledQuestionnaire(
        order=order,
        sections=sections,
        by_id=by_id,
        category_ids=tuple(c.id for c in q.categories),
        category_weights=tuple(c.weight for c in q.categories),
        category_items={k: tuple(v) for k, v in items.items()},
        pains=tuple(
            PainPlan(
                pain,
                _compile(pain.when, order),
                plain_names(plain_source(pain.when)) if pain.when else (),
                pain.id,
                pain.category,
                pain.below,
                pain.scale_by,
                pain.weight,
            )
            for pain in q.pain_points
        ),
        pain_truths=truths(
            [(plain_source(pain.when) if pain.when else None, ()) for pain in q.pain_points], order
        ),
        sector_question=next((x.id for x in q.questions() if x.profile == "sector"), None),
        levels=tuple((lv.min_score, lv.number) for lv in q.levels),
        level_mins=tuple(sorted(lv.min_score for lv in q.levels)),
        level_best=tuple(
            accumulate((lv.number for lv in sorted(q.levels, key=lambda lv: lv.min_score)), max)
        ),
        profile_questions=tuple(x for x in q.questions() if x.profile is not None),
        required=tuple(x.id for x in q.questions() if x.required),
        question_pass=QuestionPass(),
    )
    assert compiled.question_pass is not None
    compiled.question_pass.bind(compiled)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(q)] = (q, compiled)
    return compiled
