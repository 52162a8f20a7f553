"""Checks of the level requirements (``level_rules.requirements``): the one-question form
(a choice question and one of its options) and the count form (at least ``min_count`` of
``questions``, choice questions of one type that all have the option ``at_least``)."""

from __future__ import annotations

from ..models.questionnaire import (
    LevelRequirement,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from .validation_common import Out, did_you_mean
from .yamldoc import Loc, YamlDoc


def check_requirements(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    levels = {lv.number for lv in q.levels}
    for ri, req in enumerate(q.level_rules.requirements):
        loc: Loc = ("level_rules", "requirements", ri)
        if req.level not in levels:
            out.add(doc, (*loc, "level"), "unknown-reference", f"unknown level {req.level}")
        if not _one_form(req, doc, loc, out):
            continue
        if req.questions is not None:
            _check_count(q, req, doc, loc, out)
            continue
        target = q.question(req.question or "")
        if target is None:
            out.add(
                doc,
                (*loc, "question"),
                "unknown-reference",
                f"unknown question '{req.question}'" + did_you_mean(req.question or "", _ids(q)),
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


def _ids(q: Questionnaire) -> dict[str, Question]:
    return {x.id: x for x in q.questions()}


def _one_form(req: LevelRequirement, doc: YamlDoc, loc: Loc, out: Out) -> bool:
    """Either ``question``, or ``questions`` with ``min_count``; never both, never neither."""
    if req.question is not None and req.questions is not None:
        out.add(
            doc,
            (*loc, "questions"),
            "level-requirement-form",
            "a requirement names either one 'question' or 'questions' with 'min_count', not both",
            at_key=True,
        )
        return False
    if req.question is None and req.questions is None:
        out.add(
            doc,
            loc,
            "level-requirement-form",
            "a requirement needs 'question', or 'questions' with 'min_count'",
        )
        return False
    if req.questions is not None and req.min_count is None:
        out.add(
            doc,
            (*loc, "questions"),
            "level-requirement-form",
            "'questions' needs 'min_count': how many of them must reach the option",
            at_key=True,
        )
        return False
    for key in ("min_count", "label"):
        if req.questions is None and getattr(req, key) is not None:
            out.add(
                doc,
                (*loc, key),
                "level-requirement-form",
                f"'{key}' belongs to the count form ('questions'), not to one 'question'",
                at_key=True,
            )
            return False
    return True


def _check_count(q: Questionnaire, req: LevelRequirement, doc: YamlDoc, loc: Loc, out: Out) -> None:
    """The count form: known choice questions of one type, each once and with the option;
    a count the set can reach."""
    known = _ids(q)
    seen: set[str] = set()
    kinds: dict[str, str] = {}
    lacking: list[str] = []
    for k, qid in enumerate(req.questions or ()):
        at = (*loc, "questions", k)
        if qid in seen:
            out.add(doc, at, "duplicate-id", f"question '{qid}' is listed twice")
            continue
        seen.add(qid)
        target = known.get(qid)
        if target is None:
            out.add(
                doc, at, "unknown-reference", f"unknown question '{qid}'" + did_you_mean(qid, known)
            )
            continue
        if not isinstance(target, SingleChoiceQuestion | ScaleQuestion):
            out.add(
                doc,
                at,
                "condition-type-mismatch",
                f"question '{qid}' is not a single choice or scale question",
            )
            continue
        if kinds and target.type not in kinds.values():
            first, kind = next(iter(kinds.items()))
            out.add(
                doc,
                at,
                "level-requirement-mixed",
                f"question '{qid}' is {target.type} but '{first}' is {kind}: one requirement "
                "counts questions of one type",
            )
        kinds.setdefault(qid, target.type)
        if req.at_least not in {o.value for o in target.options}:
            lacking.append(qid)
    if lacking:
        out.add(
            doc,
            (*loc, "at_least"),
            "unknown-reference",
            f"'{req.at_least}' is not an option of " + ", ".join(f"'{x}'" for x in lacking),
        )
    if req.min_count is not None and req.min_count > len(seen):
        out.add(
            doc,
            (*loc, "min_count"),
            "level-requirement-count",
            f"min_count {req.min_count} is more than the {len(seen)} questions listed",
        )
