"""Semantic checks of scores and levels: option and band scores, scored questions and
their categories, level order and reachability. Split from ``validation`` by rule family."""

from __future__ import annotations

import itertools
import math

from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .question_facts import best_fraction, is_scored, option_scores, question_categories
from .validation_common import Out
from .yamldoc import Loc, YamlDoc

MAX_OPTION_SCORE = 100.0


def check_scores(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    fed: set[str] = set()
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            loc: Loc = ("sections", si, "questions", qi)
            scores = option_scores(question)
            has_cat = bool(question.category or question.categories)
            if question.category and question.categories:
                out.add(
                    doc,
                    (*loc, "categories"),
                    "schema-value",
                    "give either 'category' or 'categories', not both",
                    at_key=True,
                )
            if question.profile is not None:
                if has_cat or scores:
                    out.add(
                        doc,
                        (*loc, "profile"),
                        "profile-scored",
                        f"profile question '{question.id}' must not have a category or scores",
                    )
                continue
            if isinstance(question, TextQuestion) and has_cat:
                out.add(
                    doc,
                    (*loc, "category" if question.category else "categories"),
                    "category-without-scores",
                    f"text question '{question.id}' is never scored; remove its category",
                    at_key=True,
                )
                continue
            if scores and not has_cat:
                out.add(
                    doc,
                    loc,
                    "scored-without-category",
                    f"question '{question.id}' has scores but no category",
                )
            elif has_cat and not scores:
                out.add(
                    doc,
                    (*loc, "category" if question.category else "categories"),
                    "category-without-scores",
                    f"question '{question.id}' has a category but no scores",
                    at_key=True,
                )
            if has_cat and scores:
                fed.update(question_categories(question))
            _check_question_scores(question, doc, loc, out)
    for ci, category in enumerate(q.categories):
        if category.id not in fed:
            out.add(
                doc,
                ("categories", ci, "id"),
                "category-without-questions",
                f"no scored question feeds category '{category.id}'",
            )


def _check_question_scores(question: Question, doc: YamlDoc, loc: Loc, out: Out) -> None:
    def bad(sub: Loc, score: float, why: str) -> None:
        out.add(doc, (*loc, *sub), "option-score-range", f"score {score:g} {why}")

    if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
        cap = question.max_score if isinstance(question, MultipleChoiceQuestion) else None
        for oi, option in enumerate(question.options):
            s = option.score
            if s is None:
                continue
            if not math.isfinite(s) or s < 0 or s > MAX_OPTION_SCORE:
                bad(("options", oi, "score"), s, f"is outside 0..{MAX_OPTION_SCORE:g}")
            elif cap is not None and s > cap:
                bad(("options", oi, "score"), s, f"is above the question's max_score {cap:g}")
        scored = [o.score for o in question.options if o.score is not None]
        if scored and len(scored) != len(question.options):
            out.add(
                doc,
                (*loc, "options"),
                "option-score-range",
                f"question '{question.id}' scores some options but not all",
            )
        if scored and max(scored) <= 0:
            out.add(
                doc,
                (*loc, "options"),
                "option-score-range",
                f"question '{question.id}': no option scores above 0, so it cannot be scored",
            )
        if isinstance(question, ScaleQuestion) and scored:
            for oi in range(1, len(question.options)):
                prev, this = question.options[oi - 1].score, question.options[oi].score
                if prev is not None and this is not None and this < prev:
                    out.add(
                        doc,
                        (*loc, "options", oi, "score"),
                        "scale-order",
                        f"scale options go from lowest to highest; score {this:g} comes after "
                        f"{prev:g}",
                    )
    elif isinstance(question, NumberQuestion):
        if question.min is not None and question.max is not None and question.min >= question.max:
            out.add(
                doc,
                (*loc, "min"),
                "number-range",
                f"min {question.min:g} is not below max {question.max:g}",
            )
        intervals: list[tuple[float, float, int]] = []
        for bi, band in enumerate(question.bands):
            lo = band.min if band.min is not None else -math.inf
            hi = band.max if band.max is not None else math.inf
            if lo >= hi:
                out.add(doc, (*loc, "bands", bi), "number-range", "band min is not below its max")
            intervals.append((lo, hi, bi))
            if band.score is not None and not (0 <= band.score <= MAX_OPTION_SCORE):
                bad(("bands", bi, "score"), band.score, f"is outside 0..{MAX_OPTION_SCORE:g}")
        intervals.sort()
        for (_, hi1, _), (lo2, _, b2) in itertools.pairwise(intervals):
            if lo2 < hi1:
                out.add(doc, (*loc, "bands", b2), "number-range", "band overlaps another band")
    elif isinstance(question, YesNoQuestion):
        for key in ("score_yes", "score_no"):
            s = getattr(question, key)
            if s is not None and not (0 <= s <= MAX_OPTION_SCORE):
                bad((key,), s, f"is outside 0..{MAX_OPTION_SCORE:g}")
    scores = option_scores(question)
    if isinstance(question, NumberQuestion | YesNoQuestion) and scores and max(scores) <= 0:
        out.add(
            doc,
            loc,
            "option-score-range",
            f"question '{question.id}': no answer scores above 0, so it cannot be scored",
        )


def check_levels(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    if q.levels[0].min_score != 0:
        out.add(
            doc,
            ("levels", 0, "min_score"),
            "level-order",
            f"the first level must start at min_score 0, not {q.levels[0].min_score:g}",
        )
    for i in range(1, len(q.levels)):
        prev, this = q.levels[i - 1], q.levels[i]
        if this.min_score <= prev.min_score:
            out.add(
                doc,
                ("levels", i, "min_score"),
                "level-order",
                f"level {this.number} min_score {this.min_score:g} is not above level "
                f"{prev.number}'s {prev.min_score:g}",
            )
        if this.number <= prev.number:
            out.add(
                doc,
                ("levels", i, "number"),
                "level-order",
                f"level numbers must ascend; {this.number} follows {prev.number}",
            )
    best = best_overall(q)
    for i, level in enumerate(q.levels):
        if level.min_score > best + 1e-9:
            out.add(
                doc,
                ("levels", i, "min_score"),
                "level-unreachable",
                f"level {level.number} needs {level.min_score:g} but the best possible "
                f"overall score is {best:.1f}",
            )


def best_overall(q: Questionnaire) -> float:
    """The highest overall score (0-100) any set of answers can reach."""
    weights = {c.id: c.weight for c in q.categories}
    per_cat: dict[str, list[tuple[float, float]]] = {}
    for question in q.questions():
        if not is_scored(question):
            continue
        frac = best_fraction(question)
        for cat, share in question_categories(question).items():
            per_cat.setdefault(cat, []).append((question.weight * share, frac))
    total_w = 0.0
    total = 0.0
    for cat, items in per_cat.items():
        w = sum(weight for weight, _ in items)
        if cat not in weights or w <= 0:
            continue
        total += weights[cat] * 100 * sum(weight * f for weight, f in items) / w
        total_w += weights[cat]
    return total / total_w if total_w else 0.0
