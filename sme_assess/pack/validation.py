"""Semantic checks of a pack beyond its schema: the entry points, identity, references, texts.

``check_pack`` is pure: it reads the models and asks the documents only for positions.
Every rule id is registered in ``findings.RULES``. Rule families live beside it:
``validation_scores`` (scores, levels), ``validation_conditions`` (conditions),
``validation_plan``, ``validation_plan_rules`` and ``validation_actions`` (the catalogue,
facts, bundles, plan rules, pain-point scales, actions), ``validation_crosswalk``,
``validation_migrations``, ``validation_requirements`` (level requirements); what they
share is in ``validation_common``; the question facts they and scoring use in
``question_facts``. Nothing here imports a family's caller, so the rules form no cycle.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..models.common import RESERVED_VALUES, _check_text
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from .findings import Finding
from .question_facts import is_scored, max_points, question_categories
from .reading import Pack
from .validation_common import Out, duplicates, short
from .yamldoc import Loc, YamlDoc

# The engine (scoring, compiled, targeting) still imports these question facts from here;
# their home is ``question_facts``.
__all__ = [
    "check_pack",
    "check_questionnaire",
    "is_scored",
    "iter_texts",
    "max_points",
    "question_categories",
]

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


_TEXT, _TEXTS, _OTHER = 0, 1, 2  # a field holds a text, a list of texts, or anything else


@cache
def _text_fields(cls: type[BaseModel]) -> tuple[tuple[str, str, int], ...]:
    """Each field of a model class: its name, its key in the document, and what it holds
    (worked out once per class: the annotations are the same for every instance)."""
    plan = []
    for name, info in cls.model_fields.items():
        kind = _OTHER
        if _is_text_annotation(info.annotation, info.metadata):
            kind = _TEXT
        else:
            item_type = get_args(info.annotation)[0] if get_args(info.annotation) else None
            item_meta = getattr(item_type, "__metadata__", ())
            if (
                get_origin(info.annotation) is list
                and item_meta
                and _is_text_annotation(item_type, item_meta)
            ):
                kind = _TEXTS
        plan.append((name, info.alias or name, kind))
    return tuple(plan)


def iter_texts(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, Any]]:
    """Every localised text in a model, with its path in the document."""
    for name, key, kind in _text_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if kind == _TEXT:
            yield (*loc, key), value
            continue
        if isinstance(value, BaseModel):
            yield from iter_texts(value, (*loc, key))
        elif isinstance(value, list):
            if kind == _TEXTS:
                for i, item in enumerate(value):
                    yield (*loc, key, i), item
                continue
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_texts(item, (*loc, key, i))


def _check_texts(model: BaseModel, doc: YamlDoc, languages: list[str], out: Out) -> None:
    declared = set(languages)
    for loc, text in iter_texts(model):
        if isinstance(text, str):
            if len(declared) > 1 and any(ch.isalpha() for ch in text):
                out.add(
                    doc,
                    loc,
                    "untranslated-text",
                    f"plain text {short(text)!r} is shown in every language; give it as "
                    f"{{{', '.join(f'{lang}: ...' for lang in languages)}}}",
                )
            continue
        missing = [lang for lang in languages if not text.get(lang, "").strip()]
        if missing:
            out.add(
                doc,
                loc,
                "missing-translation",
                f"text {short(next(iter(text.values()), ''))!r} has no "
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


# --- the rules ----------------------------------------------------------------------------


def _check_identity(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
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
        for i, value in duplicates(items, attr):
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
                for oi, value in duplicates(question.options, "value"):
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


def _check_refs(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    sources = {s.id for s in q.sources}
    categories = {c.id for c in q.categories}
    levels = {lv.number for lv in q.levels}

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


def check_questionnaire(q: Questionnaire, doc: YamlDoc) -> list[Finding]:
    """Every semantic rule that needs only the questionnaire."""
    # The families are imported when a pack is validated, not when the engine imports the
    # question facts above at start-up.
    from .validation_conditions import check_conditions
    from .validation_crosswalk import check_crosswalks
    from .validation_migrations import check_migrations, check_published
    from .validation_requirements import check_requirements
    from .validation_scores import check_levels, check_scores

    out = Out([])
    _check_identity(q, doc, out)
    _check_texts(q, doc, q.languages, out)
    _check_refs(q, doc, out)
    check_scores(q, doc, out)
    check_levels(q, doc, out)
    check_requirements(q, doc, out)
    check_conditions(q, doc, out)
    check_crosswalks(q, doc, out)
    check_migrations(q, doc, out)
    check_published(q, doc, out)
    return out.findings


def check_pack(pack: Pack) -> list[Finding]:
    """Every semantic rule on a pack whose files passed the schema."""
    from .validation_plan import check_catalogue

    findings = check_questionnaire(pack.questionnaire, pack.qdoc)
    out = Out(findings)
    _check_texts(pack.catalogue, pack.cdoc, pack.questionnaire.languages, out)
    check_catalogue(pack, out)
    return sorted(out.findings, key=Finding.sort_key)
