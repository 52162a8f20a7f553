"""Semantic checks of a pack beyond its schema: references, conditions, levels, translations.

``check_pack`` is pure: it reads the models and asks the documents only for positions.
Every rule id is registered in ``findings.RULES``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from . import conditions as cond
from .findings import Finding
from .loading import Pack
from .models.catalogue import Catalogue
from .models.common import RESERVED_VALUES, _check_text
from .models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from .yamldoc import Loc, YamlDoc

MAX_OPTION_SCORE = 100.0


@dataclass
class _Out:
    """Collects findings, turning a (document, path) into file:line:col."""

    findings: list[Finding]

    def add(self, doc: YamlDoc, loc: Loc, rule: str, message: str, *, at_key: bool = False) -> None:
        line, col = doc.locate(loc, at_key=at_key)
        self.findings.append(Finding(rule, message, doc.path, line, col))


# --- question facts used by several rules and by scoring ----------------------------------


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
        total = sum(s for s in scores if s > 0)
        return q.max_score if q.max_score is not None else total
    return max(scores, default=0.0)


def best_fraction(q: Question) -> float:
    """The highest 0-1 score any answer to ``q`` can reach."""
    top = max_points(q)
    if top <= 0:
        return 0.0
    if isinstance(q, MultipleChoiceQuestion):
        return min(1.0, sum(s for s in option_scores(q) if s > 0) / top)
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


# --- localised text -----------------------------------------------------------------------


def _is_text_annotation(annotation: Any, metadata: Sequence[Any]) -> bool:
    """A LocalizedText field, also when optional (the marker then sits inside the union)."""
    if any(getattr(m, "func", None) is _check_text for m in metadata):
        return True
    if get_origin(annotation) not in (Union, UnionType):
        return False
    return any(
        any(getattr(m, "func", None) is _check_text for m in getattr(arg, "__metadata__", ()))
        for arg in get_args(annotation)
    )


def iter_texts(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, Any]]:
    """Every localised text in a model, with its path in the document."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if value is None:
            continue
        if _is_text_annotation(info.annotation, info.metadata):
            yield (*loc, key), value
            continue
        if isinstance(value, BaseModel):
            yield from iter_texts(value, (*loc, key))
        elif isinstance(value, list):
            item_type = get_args(info.annotation)[0] if get_args(info.annotation) else None
            item_meta = getattr(item_type, "__metadata__", ())
            if (
                get_origin(info.annotation) is list
                and item_meta
                and _is_text_annotation(item_type, item_meta)
            ):
                for i, item in enumerate(value):
                    yield (*loc, key, i), item
                continue
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_texts(item, (*loc, key, i))


def _check_texts(model: BaseModel, doc: YamlDoc, languages: list[str], out: _Out) -> None:
    declared = set(languages)
    for loc, text in iter_texts(model):
        if isinstance(text, str):
            if len(declared) > 1 and any(ch.isalpha() for ch in text):
                out.add(
                    doc,
                    loc,
                    "untranslated-text",
                    f"plain text {_short(text)!r} is shown in every language; give it as "
                    f"{{{', '.join(f'{lang}: ...' for lang in languages)}}}",
                )
            continue
        missing = [lang for lang in languages if not text.get(lang, "").strip()]
        if missing:
            out.add(
                doc,
                loc,
                "missing-translation",
                f"text {_short(next(iter(text.values()), ''))!r} has no "
                f"{', '.join(missing)} version",
            )
        for lang in text:
            if lang not in declared:
                out.add(
                    doc,
                    (*loc, lang),
                    "unknown-language",
                    f"language '{lang}' is not in the pack's languages ({', '.join(languages)})",
                    at_key=True,
                )


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the rules ----------------------------------------------------------------------------


def _duplicates(items: Sequence[Any], attr: str) -> Iterator[tuple[int, Any]]:
    seen: set[Any] = set()
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield i, key
        seen.add(key)


def _check_identity(q: Questionnaire, doc: YamlDoc, out: _Out) -> None:
    if q.default_language not in q.languages:
        out.add(
            doc,
            ("default_language",),
            "unknown-reference",
            f"default_language '{q.default_language}' is not one of languages "
            f"({', '.join(q.languages)})",
        )
    for kind, items, attr in (
        ("language", [type("L", (), {"id": lang})() for lang in q.languages], "id"),
        ("source", q.sources, "id"),
        ("category", q.categories, "id"),
        ("section", q.sections, "id"),
        ("pain point", q.pain_points, "id"),
        ("benchmark", q.benchmarks, "id"),
        ("level number", q.levels, "number"),
    ):
        key = {
            "language": "languages",
            "source": "sources",
            "category": "categories",
            "section": "sections",
            "pain point": "pain_points",
            "benchmark": "benchmarks",
            "level number": "levels",
        }[kind]
        for i, value in _duplicates(items, attr):
            sub: Loc = (key, i) if kind == "language" else (key, i, attr)
            out.add(doc, sub, "duplicate-id", f"duplicate {kind} '{value}'")
    seen_q: dict[str, tuple[int, int]] = {}
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            if question.id in seen_q:
                out.add(
                    doc,
                    ("sections", si, "questions", qi, "id"),
                    "duplicate-id",
                    f"duplicate question id '{question.id}'",
                )
            seen_q.setdefault(question.id, (si, qi))
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
                base = ("sections", si, "questions", qi, "options")
                for oi, value in _duplicates(question.options, "value"):
                    out.add(
                        doc,
                        (*base, oi, "value"),
                        "duplicate-id",
                        f"duplicate option value '{value}' in question '{question.id}'",
                    )
                for oi, option in enumerate(question.options):
                    if option.value in RESERVED_VALUES:
                        out.add(
                            doc,
                            (*base, oi, "value"),
                            "reserved-value",
                            f"option value '{option.value}' is reserved for "
                            "'not applicable' and 'don't know'; use allow_na / allow_unknown",
                        )


def _check_refs(q: Questionnaire, doc: YamlDoc, out: _Out) -> None:
    sources = {s.id for s in q.sources}
    categories = {c.id for c in q.categories}
    levels = {lv.number for lv in q.levels}
    questions = {question.id: question for question in q.questions()}

    def refs(loc: Loc, mapping: dict[str, list[str]]) -> None:
        for key in mapping:
            if key not in sources:
                out.add(
                    doc,
                    (*loc, "refs", key),
                    "unknown-reference",
                    f"refs names source '{key}', which is not in sources",
                    at_key=True,
                )

    for ci, category in enumerate(q.categories):
        refs(("categories", ci), category.refs)
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            loc: Loc = ("sections", si, "questions", qi)
            refs(loc, question.refs)
            if question.category and question.category not in categories:
                out.add(
                    doc,
                    (*loc, "category"),
                    "unknown-reference",
                    f"unknown category '{question.category}'",
                )
            for cat in question.categories or {}:
                if cat not in categories:
                    out.add(
                        doc,
                        (*loc, "categories", cat),
                        "unknown-reference",
                        f"unknown category '{cat}'",
                        at_key=True,
                    )
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            if question.profile != "priorities":
                continue
            loc = ("sections", si, "questions", qi)
            if not isinstance(question, MultipleChoiceQuestion):
                out.add(
                    doc,
                    (*loc, "type"),
                    "schema-value",
                    "a 'priorities' profile question must be multiple_choice",
                )
                continue
            for oi, option in enumerate(question.options):
                if option.value not in categories:
                    out.add(
                        doc,
                        (*loc, "options", oi, "value"),
                        "unknown-reference",
                        f"priority '{option.value}' is not a category id",
                    )
    for pi, pain in enumerate(q.pain_points):
        if pain.category and pain.category not in categories:
            out.add(
                doc,
                ("pain_points", pi, "category"),
                "unknown-reference",
                f"unknown category '{pain.category}'",
            )
        if pain.when is None and pain.below is None:
            out.add(
                doc,
                ("pain_points", pi),
                "pain-point-never-raised",
                f"pain point '{pain.id}' has neither a 'when' rule nor a 'below' threshold",
            )
        if pain.below is not None and pain.category is None:
            out.add(
                doc,
                ("pain_points", pi, "below"),
                "unknown-reference",
                f"pain point '{pain.id}' has 'below' but no category to compare",
            )
    for bi, bench in enumerate(q.benchmarks):
        if bench.source not in sources:
            out.add(
                doc,
                ("benchmarks", bi, "source"),
                "unknown-reference",
                f"unknown source '{bench.source}'",
            )
        for number in bench.shares:
            if number not in levels:
                out.add(
                    doc,
                    ("benchmarks", bi, "shares", number),
                    "unknown-reference",
                    f"level {number} is not one of the pack's levels",
                    at_key=True,
                )
        total = sum(bench.shares.values())
        if bench.shares and abs(total - 100) > 1.0:
            out.add(
                doc,
                ("benchmarks", bi, "shares"),
                "benchmark-shares",
                f"shares add up to {total:g}, not 100",
            )
    for ri, req in enumerate(q.level_rules.requirements):
        loc = ("level_rules", "requirements", ri)
        if req.level not in levels:
            out.add(doc, (*loc, "level"), "unknown-reference", f"unknown level {req.level}")
        target = questions.get(req.question)
        if target is None:
            out.add(
                doc, (*loc, "question"), "unknown-reference", f"unknown question '{req.question}'"
            )
        elif not isinstance(target, SingleChoiceQuestion | ScaleQuestion):
            out.add(
                doc,
                (*loc, "question"),
                "condition-type-mismatch",
                f"question '{req.question}' is not a single choice or scale question",
            )
        elif req.at_least not in {o.value for o in target.options}:
            out.add(
                doc,
                (*loc, "at_least"),
                "unknown-reference",
                f"'{req.at_least}' is not an option of '{req.question}'",
            )


def _check_scores(q: Questionnaire, doc: YamlDoc, out: _Out) -> None:
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


def _check_question_scores(question: Question, doc: YamlDoc, loc: Loc, out: _Out) -> None:
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


def _check_levels(q: Questionnaire, doc: YamlDoc, out: _Out) -> None:
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


def _check_conditions(q: Questionnaire, doc: YamlDoc, out: _Out) -> None:
    index: dict[str, tuple[int, int]] = {}
    info: dict[str, cond.NameInfo] = {}
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            index.setdefault(question.id, (si, qi))
            info.setdefault(question.id, name_info(question))
    graph: dict[str, set[str]] = {}

    def check(loc: Loc, source: str, owner: str, here: tuple[int, int] | None) -> None:
        try:
            parsed = cond.parse_condition(source)
        except cond.ConditionSyntaxError as exc:
            out.add(doc, loc, "condition-syntax", f"cannot parse {_short(source, 80)!r}: {exc}")
            return
        for name in cond.names(parsed):
            if name not in index:
                out.add(
                    doc,
                    loc,
                    "condition-unknown-name",
                    f"'{name}' is not a question id" + _did_you_mean(name, index),
                )
                continue
            graph.setdefault(owner, set()).add(name)
            if here is not None and index[name] >= here:
                what = "itself" if name == owner else f"'{name}', which comes later"
                out.add(
                    doc,
                    loc,
                    "condition-forward-reference",
                    f"the condition of '{owner}' refers to {what}; it may only use earlier answers",
                )
        for problem in cond.check(parsed, info):
            out.add(doc, loc, problem.rule, problem.message)

    for si, section in enumerate(q.sections):
        if section.show_if:
            check(("sections", si, "show_if"), section.show_if, f"section:{section.id}", (si, -1))
            for question in section.questions:
                graph.setdefault(question.id, set()).add(f"section:{section.id}")
        for qi, question in enumerate(section.questions):
            if question.show_if:
                check(
                    ("sections", si, "questions", qi, "show_if"),
                    question.show_if,
                    question.id,
                    (si, qi),
                )
    for pi, pain in enumerate(q.pain_points):
        if pain.when:
            check(("pain_points", pi, "when"), pain.when, f"pain:{pain.id}", None)
    conditioned = {f"section:{s.id}" for s in q.sections if s.show_if} | {
        x.id for x in q.questions() if x.show_if
    }
    for cycle in _cycles(graph):
        # point at a member that has a condition to fix (a question may be in the cycle only
        # through its section's condition)
        owner = next((node for node in cycle if node in conditioned), cycle[0])
        if owner.startswith("section:"):
            si = next(i for i, s in enumerate(q.sections) if f"section:{s.id}" == owner)
            loc: Loc = ("sections", si, "show_if")
        else:
            si, qi = index[owner]
            loc = ("sections", si, "questions", qi, "show_if")
        out.add(
            doc,
            loc,
            "condition-cycle",
            "conditions depend on each other in a cycle: " + " -> ".join([*cycle, cycle[0]]),
        )


def _did_you_mean(name: str, known: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, from its smallest node."""
    cycles: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                key = frozenset(cycle)
                if key not in seen_sets:
                    seen_sets.add(key)
                    start = cycle.index(min(cycle))
                    cycles.append(cycle[start:] + cycle[:start])
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            visit(node)
    return cycles


def _profile_values(q: Questionnaire, field: str) -> set[str] | None:
    for question in q.questions():
        if question.profile == field:
            if isinstance(question, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
                return {o.value for o in question.options}
            if isinstance(question, NumberQuestion):
                return {b.value for b in question.bands if b.value}
    return None


def _check_catalogue(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: _Out) -> None:
    if c.questionnaire != q.id:
        out.add(
            doc,
            ("questionnaire",),
            "pack-mismatch",
            f"catalogue is for questionnaire '{c.questionnaire}', but this pack is '{q.id}'",
        )
    for i, value in _duplicates(c.solutions, "id"):
        out.add(doc, ("solutions", i, "id"), "duplicate-id", f"duplicate solution '{value}'")
    for i, value in _duplicates(c.cost_tiers, "id"):
        out.add(doc, ("cost_tiers", i, "id"), "duplicate-id", f"duplicate cost tier '{value}'")
    pains = {p.id for p in q.pain_points}
    categories = {cat.id for cat in q.categories}
    levels = {lv.number for lv in q.levels}
    tiers = {t.id for t in c.cost_tiers}
    solutions = {s.id for s in c.solutions}
    sectors = _profile_values(q, "sector")
    sizes = _profile_values(q, "size")
    graph: dict[str, set[str]] = {}
    for si, sol in enumerate(c.solutions):
        loc: Loc = ("solutions", si)
        if not sol.addresses.pain_points and not sol.addresses.categories:
            out.add(
                doc,
                (*loc, "addresses"),
                "solution-addresses-nothing",
                f"solution '{sol.id}' addresses no pain point and no category",
            )
        for pid in sol.addresses.pain_points:
            if pid not in pains:
                out.add(
                    doc,
                    (*loc, "addresses", "pain_points", pid),
                    "unknown-reference",
                    f"unknown pain point '{pid}'" + _did_you_mean(pid, dict.fromkeys(pains)),
                    at_key=True,
                )
        for cid in sol.addresses.categories:
            if cid not in categories:
                out.add(
                    doc,
                    (*loc, "addresses", "categories", cid),
                    "unknown-reference",
                    f"unknown category '{cid}'",
                    at_key=True,
                )
        for key, number in (("from", sol.lifts.from_level), ("to", sol.lifts.to_level)):
            if number not in levels:
                out.add(doc, (*loc, "lifts", key), "unknown-reference", f"unknown level {number}")
        if sol.lifts.to_level <= sol.lifts.from_level:
            out.add(
                doc,
                (*loc, "lifts", "to"),
                "lift-order",
                f"lifts to level {sol.lifts.to_level}, not above level {sol.lifts.from_level}",
            )
        for pi, pre in enumerate(sol.prerequisites.solutions):
            if pre not in solutions:
                out.add(
                    doc,
                    (*loc, "prerequisites", "solutions", pi),
                    "unknown-reference",
                    f"unknown prerequisite solution '{pre}'"
                    + _did_you_mean(pre, dict.fromkeys(solutions)),
                )
            else:
                graph.setdefault(sol.id, set()).add(pre)
        for cid, number in sol.prerequisites.min_levels.items():
            if cid not in categories:
                out.add(
                    doc,
                    (*loc, "prerequisites", "min_levels", cid),
                    "unknown-reference",
                    f"unknown category '{cid}'",
                    at_key=True,
                )
            if number not in levels:
                out.add(
                    doc,
                    (*loc, "prerequisites", "min_levels", cid),
                    "unknown-reference",
                    f"unknown level {number}",
                )
        if sol.cost_tier not in tiers:
            out.add(
                doc,
                (*loc, "cost_tier"),
                "unknown-reference",
                f"unknown cost tier '{sol.cost_tier}' (declared: {', '.join(sorted(tiers))})",
            )
        for key, allowed, values in (
            ("sectors", sectors, sol.sectors),
            ("sizes", sizes, sol.sizes),
        ):
            for vi, value in enumerate(values):
                if allowed is None:
                    out.add(
                        doc,
                        (*loc, key, vi),
                        "unknown-reference",
                        f"the questionnaire has no profile question for '{key[:-1]}'",
                    )
                    break
                if value not in allowed:
                    out.add(
                        doc,
                        (*loc, key, vi),
                        "unknown-reference",
                        f"'{value}' is not a {key[:-1]} value of the questionnaire "
                        f"({', '.join(sorted(allowed))})",
                    )
    for cycle in _cycles(graph):
        si = next(i for i, s in enumerate(c.solutions) if s.id == cycle[0])
        out.add(
            doc,
            ("solutions", si, "prerequisites", "solutions"),
            "prerequisite-cycle",
            "solutions require each other in a cycle: " + " -> ".join([*cycle, cycle[0]]),
        )


def _check_unaddressed(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: _Out) -> None:
    addressed = {pid for sol in c.solutions for pid in sol.addresses.pain_points}
    for pi, pain in enumerate(q.pain_points):
        if pain.id not in addressed:
            out.add(
                doc,
                ("pain_points", pi, "id"),
                "pain-point-unaddressed",
                f"no solution in the catalogue addresses pain point '{pain.id}'",
            )


def check_questionnaire(q: Questionnaire, doc: YamlDoc) -> list[Finding]:
    """Every semantic rule that needs only the questionnaire."""
    out = _Out([])
    _check_identity(q, doc, out)
    _check_texts(q, doc, q.languages, out)
    _check_refs(q, doc, out)
    _check_scores(q, doc, out)
    _check_levels(q, doc, out)
    _check_conditions(q, doc, out)
    return out.findings


def check_pack(pack: Pack) -> list[Finding]:
    """Every semantic rule on a pack whose files passed the schema."""
    findings = check_questionnaire(pack.questionnaire, pack.qdoc)
    out = _Out(findings)
    _check_texts(pack.catalogue, pack.cdoc, pack.questionnaire.languages, out)
    _check_catalogue(pack.questionnaire, pack.catalogue, pack.cdoc, out)
    _check_unaddressed(pack.questionnaire, pack.catalogue, pack.qdoc, out)
    return sorted(out.findings, key=Finding.sort_key)
