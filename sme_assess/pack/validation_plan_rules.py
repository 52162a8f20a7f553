"""Semantic checks of what the plan reads in a catalogue: fact conditions, notes, scenarios,
bundles and their cycles, what a solution requires and no solution establishes, plan rules
(the first year's budget among them), pain-point scales.

Split from ``validation_plan`` (the catalogue's references and prerequisite cycles) by rule
family; pure, like it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..models.catalogue import Catalogue
from ..models.questionnaire import (
    NumberQuestion,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)
from . import conditions as cond
from .question_facts import name_info, profile_values
from .validation_common import Out, did_you_mean
from .validation_conditions import _cycles, parse_and_name_check
from .yamldoc import Loc, YamlDoc


def _check_condition(
    doc: YamlDoc,
    loc: Loc,
    source: str,
    info: Mapping[str, cond.NameInfo],
    out: Out,
) -> None:
    """A catalogue condition: parseable, names question ids, types match."""
    parsed = parse_and_name_check(doc, loc, source, info, out)
    if parsed is None:
        return
    for problem in cond.check(parsed, info):
        out.add(doc, loc, problem.rule, problem.message)


def check_plan_fields(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: Out) -> None:
    """Facts, in place / not applicable conditions, scenarios, bundles and plan rules."""
    info: dict[str, cond.NameInfo] = {}
    for asked in q.questions():
        info.setdefault(asked.id, name_info(asked))
    questions = {x.id: x for x in q.questions()}
    solutions = {s.id for s in c.solutions}
    facts = {f.id for f in c.facts}
    for i, value in _duplicates_by_id([f.id for f in c.facts]):
        out.add(doc, ("facts", i, "id"), "duplicate-id", f"duplicate fact '{value}'")
    for fi, fact in enumerate(c.facts):
        _check_condition(doc, ("facts", fi, "when"), fact.when, info, out)
    for i, value in _duplicates_by_id([n.id for n in c.notes]):
        out.add(doc, ("notes", i, "id"), "duplicate-id", f"duplicate note '{value}'")
    for ni, note in enumerate(c.notes):
        _check_condition(doc, ("notes", ni, "when"), note.when, info, out)
        for si, sid in enumerate(note.solutions):
            if sid not in solutions:
                out.add(
                    doc,
                    ("notes", ni, "solutions", si),
                    "unknown-reference",
                    f"note '{note.id}' names solution '{sid}', which the catalogue lacks",
                )
    established: set[str] = set()
    bundles: dict[str, set[str]] = {}
    for si, sol in enumerate(c.solutions):
        loc: Loc = ("solutions", si)
        for key in ("in_place_if", "not_applicable_if", "indicated_if"):
            source = getattr(sol, key)
            if source:
                _check_condition(doc, (*loc, key), source, info, out)
        for qi, qid in enumerate(sol.scenarios):
            question = questions.get(qid)
            if question is None:
                out.add(
                    doc,
                    (*loc, "scenarios", qi),
                    "unknown-reference",
                    f"unknown question '{qid}'" + did_you_mean(qid, questions),
                )
            elif not question.allow_na:
                out.add(
                    doc,
                    (*loc, "scenarios", qi),
                    "condition-never-true",
                    f"question '{qid}' does not allow 'not applicable', so this never applies",
                )
        for key in ("requires", "establishes", "needs_history"):
            for fi, fid in enumerate(getattr(sol, key)):
                if fid not in facts:
                    out.add(
                        doc,
                        (*loc, key, fi),
                        "unknown-reference",
                        f"unknown fact '{fid}'" + did_you_mean(fid, dict.fromkeys(facts)),
                    )
        established.update(sol.establishes)
        for pi, part in enumerate(sol.includes):
            if part in sol.includes[:pi]:
                out.add(doc, (*loc, "includes", pi), "duplicate-id", f"'{part}' is included twice")
            elif part not in solutions:
                out.add(
                    doc,
                    (*loc, "includes", pi),
                    "unknown-reference",
                    f"unknown solution '{part}'" + did_you_mean(part, dict.fromkeys(solutions)),
                )
            else:
                bundles.setdefault(sol.id, set()).add(part)
    for cycle in _cycles(bundles):
        si = next(i for i, s in enumerate(c.solutions) if s.id == cycle[0])
        out.add(
            doc,
            ("solutions", si, "includes"),
            "bundle-cycle",
            "a bundle includes itself: " + " -> ".join([*cycle, cycle[0]]),
        )
    # a bundle establishes what its parts establish
    for bundle, parts in bundles.items():
        for part in parts:
            established.update(next(s.establishes for s in c.solutions if s.id == part))
        del bundle
    for si, sol in enumerate(c.solutions):
        for fi, fid in enumerate(sol.requires):
            if fid in facts and fid not in established:
                out.add(
                    doc,
                    ("solutions", si, "requires", fi),
                    "fact-never-established",
                    f"no solution establishes fact '{fid}': '{sol.id}' is recommended only "
                    "to firms whose answers already show it",
                )
    pains = {p.id for p in q.pain_points}
    for pid, sid in c.plan_rules.first_when_raised.items():
        loc = ("plan_rules", "first_when_raised", pid)
        if pid not in pains:
            out.add(doc, loc, "unknown-reference", f"unknown pain point '{pid}'", at_key=True)
        if sid not in solutions:
            out.add(doc, loc, "unknown-reference", f"unknown solution '{sid}'")
    # a size the questionnaire does not give would cap no firm, without a word
    sizes = profile_values(q, "size")
    for size in c.plan_rules.next_max_new_systems:
        loc = ("plan_rules", "next_max_new_systems", size)
        if sizes is None:
            no_size = "the questionnaire has no profile question for 'size'"
            out.add(doc, loc, "unknown-reference", no_size, at_key=True)
        elif size not in sizes:
            out.add(
                doc,
                loc,
                "unknown-reference",
                f"'{size}' is not a size value of the questionnaire"
                + did_you_mean(size, dict.fromkeys(sorted(sizes))),
                at_key=True,
            )
    _check_budget(q, c, doc, out)


def _check_budget(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: Out) -> None:
    """The first year's budget reads a number question (the revenue figure) and a single
    choice (the band); every band it names is an option of that question."""
    rule = c.plan_rules.first_year_budget
    if rule is None:
        return
    questions = {x.id: x for x in q.questions()}
    base: Loc = ("plan_rules", "first_year_budget")
    for key in ("revenue_figure", "headcount_figure"):
        qid = getattr(rule, key)
        if qid is not None and not isinstance(questions.get(qid), NumberQuestion):
            out.add(doc, (*base, key), "unknown-reference", _not_a(qid, "number", questions))
    band = questions.get(rule.revenue_band) if rule.revenue_band is not None else None
    if rule.revenue_band is not None and not isinstance(band, SingleChoiceQuestion):
        message = _not_a(rule.revenue_band, "single-choice", questions)
        out.add(doc, (*base, "revenue_band"), "unknown-reference", message)
        return
    if rule.band_revenue_cny and band is None:
        out.add(
            doc,
            (*base, "band_revenue_cny"),
            "unknown-reference",
            "band_revenue_cny names bands, but revenue_band names no question",
            at_key=True,
        )
        return
    if isinstance(band, SingleChoiceQuestion):
        options = {o.value: None for o in band.options}
        for value in rule.band_revenue_cny:
            if value not in options:
                out.add(
                    doc,
                    (*base, "band_revenue_cny", value),
                    "unknown-reference",
                    f"'{value}' is not an option of '{band.id}'" + did_you_mean(value, options),
                    at_key=True,
                )


def _not_a(qid: str, kind: str, questions: Mapping[str, object]) -> str:
    """What is wrong with a question the budget reads: none of that id, or of another type."""
    if qid not in questions:
        return f"'{qid}' is not a question id" + did_you_mean(qid, questions)
    return f"'{qid}' is not a {kind} question; the first year's budget reads it"


def _duplicates_by_id(values: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found: list[tuple[int, str]] = []
    for i, value in enumerate(values):
        if value in seen:
            found.append((i, value))
        seen.add(value)
    return found


def check_pain_scales(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    """A pain point's ``scale_by``: a known choice question, its options, sector values."""
    questions = {x.id: x for x in q.questions()}
    sectors = profile_values(q, "sector")
    for pi, pain in enumerate(q.pain_points):
        scale = pain.scale_by
        if scale is None:
            continue
        loc: Loc = ("pain_points", pi, "scale_by")
        question = questions.get(scale.question)
        if question is None:
            out.add(
                doc,
                (*loc, "question"),
                "unknown-reference",
                f"unknown question '{scale.question}'" + did_you_mean(scale.question, questions),
            )
        elif not isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            out.add(
                doc,
                (*loc, "question"),
                "condition-type-mismatch",
                f"'{scale.question}' is not a single-choice question; factors need options",
            )
        else:
            options = {o.value for o in question.options}
            for value in scale.factors:
                if value not in options:
                    out.add(
                        doc,
                        (*loc, "factors", value),
                        "unknown-reference",
                        f"'{value}' is not an option of '{scale.question}'",
                        at_key=True,
                    )
        for value in scale.by_sector:
            if sectors is None or value not in sectors:
                out.add(
                    doc,
                    (*loc, "by_sector", value),
                    "unknown-reference",
                    f"'{value}' is not a sector value of the questionnaire",
                    at_key=True,
                )
