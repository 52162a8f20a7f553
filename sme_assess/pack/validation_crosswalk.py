"""Checks of a pack's crosswalks (``crosswalks:``): questions, options, groups, points,
gates and monotonicity, each finding at its place in questionnaire.yaml."""

from __future__ import annotations

from ..models.crosswalk import Crosswalk, CrosswalkItem
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from .validation_common import Out
from .yamldoc import YamlDoc


def _values(q: Question) -> list[str] | None:
    """The answer values a crosswalk may map for this question (None: any number)."""
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion):
        return [o.value for o in q.options]
    if isinstance(q, YesNoQuestion):
        return ["yes", "no"]
    if isinstance(q, NumberQuestion):
        return [b.value for b in q.bands if b.value is not None]
    return []


def _pack_score(q: Question, value: str) -> float | None:
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        return next((o.score for o in q.options if o.value == value), None)
    if isinstance(q, YesNoQuestion):
        return q.score_yes if value == "yes" else q.score_no
    return None


def check_short_form(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    """The short form names questions or sections of the pack."""
    if q.short_form is None:
        return
    known = {x.id for x in q.questions()} | {s.id for s in q.sections}
    for i, qid in enumerate(q.short_form.questions):
        if qid not in known:
            out.add(
                doc,
                ("short_form", "questions", i),
                "unknown-reference",
                f"short_form names '{qid}', which is neither a question nor a section",
            )


def check_crosswalks(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    check_short_form(q, doc, out)
    sources = {s.id for s in q.sources}
    for i, cw in enumerate(q.crosswalks):
        base = ("crosswalks", i)
        if cw.source not in sources:
            out.add(
                doc,
                (*base, "source"),
                "crosswalk-unknown-source",
                f"crosswalk '{cw.id}' cites source '{cw.source}', which `sources` lacks",
            )
        _check_items(q, cw, doc, base, out)
        _check_scenarios(q, cw, doc, base, out)
        _check_gates(cw, doc, base, out)


def _check_items(
    q: Questionnaire, cw: Crosswalk, doc: YamlDoc, base: tuple[str, int], out: Out
) -> None:
    groups = {g.id: g for g in cw.groups}
    per_group: dict[str, float] = {}
    for j, item in enumerate(cw.items):
        loc = (*base, "items", j)
        reads = item.question is not None or item.rate is not None
        if reads + (item.scenario_coverage is not None) != 1:
            out.add(
                doc,
                loc,
                "crosswalk-item-input",
                f"item '{item.id}' needs exactly one of `question` (or `rate`) or "
                "`scenario_coverage`",
            )
        _check_rate(q, item, doc, loc, out)
        _check_bands(item, doc, loc, out)
        if item.group not in groups:
            out.add(
                doc,
                (*loc, "group"),
                "crosswalk-unknown-group",
                f"item '{item.id}' names group '{item.group}', which the crosswalk lacks",
            )
        else:
            per_group[item.group] = per_group.get(item.group, 0.0) + item.max_points
        for key, pts in item.points.items():
            if pts > item.max_points + 1e-9:
                out.add(
                    doc,
                    (*loc, "points", key),
                    "crosswalk-points-total",
                    f"item '{item.id}': option '{key}' earns {pts:g}, above its "
                    f"max_points {item.max_points:g}",
                )
        for k, step in enumerate(item.scenario_coverage.steps if item.scenario_coverage else []):
            if step.points > item.max_points + 1e-9:
                out.add(
                    doc,
                    (*loc, "scenario_coverage", "steps", k, "points"),
                    "crosswalk-points-total",
                    f"item '{item.id}': {step.points:g} points, above max_points "
                    f"{item.max_points:g}",
                )
        if item.question is None:
            continue
        question = q.question(item.question)
        if question is None:
            out.add(
                doc,
                (*loc, "question"),
                "crosswalk-unknown-question",
                f"item '{item.id}' reads question '{item.question}', which the pack lacks",
            )
            continue
        allowed = _values(question)
        for key in item.points:
            if allowed is not None and key not in allowed:
                out.add(
                    doc,
                    (*loc, "points", key),
                    "crosswalk-unknown-option",
                    f"item '{item.id}': '{key}' is not an answer of '{item.question}' "
                    f"({', '.join(allowed) or 'no options'})",
                )
        _check_monotone(question, item.points, doc, (*loc, "points"), item.id, out)
    for gid, total in per_group.items():
        if total > groups[gid].points + 1e-9:
            k = next(n for n, g in enumerate(cw.groups) if g.id == gid)
            out.add(
                doc,
                (*base, "groups", k, "points"),
                "crosswalk-points-total",
                f"the items of group '{gid}' can earn {total:g} points, above the group's "
                f"{groups[gid].points:g}",
            )


def _check_rate(
    q: Questionnaire, item: CrosswalkItem, doc: YamlDoc, loc: tuple[str | int, ...], out: Out
) -> None:
    """A rate reads two number questions and is scored by the item's own bands."""
    if item.rate is None:
        return
    for key in ("part", "whole"):
        qid = getattr(item.rate, key)
        question = q.question(qid)
        if not isinstance(question, NumberQuestion):
            what = "which the pack lacks" if question is None else "which is not a number question"
            out.add(
                doc,
                (*loc, "rate", key),
                "crosswalk-rate-input",
                f"item '{item.id}': the rate's {key} '{qid}' is a question {what}",
            )
    if item.rate.part == item.rate.whole:
        out.add(
            doc,
            (*loc, "rate"),
            "crosswalk-rate-input",
            f"item '{item.id}': the rate divides '{item.rate.part}' by itself",
        )
    if not item.bands:
        out.add(
            doc,
            (*loc, "rate"),
            "crosswalk-rate-input",
            f"item '{item.id}': a rate needs `bands` to score it",
        )


def _check_bands(item: CrosswalkItem, doc: YamlDoc, loc: tuple[str | int, ...], out: Out) -> None:
    """A higher number band never earns fewer points."""
    ordered = sorted(item.bands, key=lambda b: b.max if b.max is not None else float("inf"))
    points = [b.points for b in ordered]
    if points != sorted(points):
        shown = ", ".join(f"{p:g}" for p in points)
        out.add(
            doc,
            (*loc, "bands"),
            "crosswalk-not-monotone",
            f"item '{item.id}': a higher band earns fewer points ({shown})",
        )


def _check_monotone(
    question: Question,
    mapped: dict[str, float] | dict[str, int],
    doc: YamlDoc,
    loc: tuple[str | int, ...],
    what: str,
    out: Out,
) -> None:
    """A better answer (a higher pack score, or later on a scale) never earns less."""
    if isinstance(question, ScaleQuestion):
        order = [o.value for o in question.options]
        ranked = [(float(i), v) for i, v in enumerate(order)]
    else:
        ranked = [
            (score, v)
            for v in (_values(question) or [])
            if (score := _pack_score(question, v)) is not None
        ]
    for s1, v1 in ranked:
        for s2, v2 in ranked:
            if s1 < s2 and mapped.get(v1, 0) > mapped.get(v2, 0):
                out.add(
                    doc,
                    loc,
                    "crosswalk-not-monotone",
                    f"{what}: '{v2}' is a better answer of '{question.id}' than '{v1}' but "
                    f"maps to less ({mapped.get(v2, 0):g} < {mapped.get(v1, 0):g})",
                )
                return


def _check_scenarios(
    q: Questionnaire, cw: Crosswalk, doc: YamlDoc, base: tuple[str, int], out: Out
) -> None:
    for j, sc in enumerate(cw.scenarios):
        loc = (*base, "scenarios", j)
        question = q.question(sc.question)
        if question is None:
            out.add(
                doc,
                (*loc, "question"),
                "crosswalk-unknown-question",
                f"scenario '{sc.question}' is not a question of the pack",
            )
            continue
        allowed = _values(question) or []
        for key in sc.rungs:
            if key not in allowed:
                out.add(
                    doc,
                    (*loc, "rungs", key),
                    "crosswalk-unknown-option",
                    f"scenario '{sc.question}': '{key}' is not one of its answers "
                    f"({', '.join(allowed)})",
                )
        _check_monotone(question, sc.rungs, doc, (*loc, "rungs"), f"scenario '{sc.question}'", out)


def _check_gates(cw: Crosswalk, doc: YamlDoc, base: tuple[str, int], out: Out) -> None:
    n_all = len(cw.scenarios)
    n_mand = sum(1 for sc in cw.scenarios if sc.mandatory)
    top = sum(g.points for g in cw.groups)
    for k, gate in enumerate(cw.gates):
        loc = (*base, "gates", k)
        if k > 0:
            prev = cw.gates[k - 1]
            if gate.level <= prev.level or gate.min_points < prev.min_points:
                out.add(
                    doc,
                    loc,
                    "crosswalk-gate-order",
                    f"gate {gate.level} must come after gate {prev.level} with a level "
                    f"above it and at least its min_points",
                )
        if gate.min_mandatory > gate.min_scenarios:
            out.add(
                doc,
                (*loc, "min_mandatory"),
                "crosswalk-gate-order",
                f"gate {gate.level}: {gate.min_mandatory} mandatory scenarios of only "
                f"{gate.min_scenarios}",
            )
        if gate.min_scenarios > n_all or gate.min_mandatory > n_mand:
            out.add(
                doc,
                (*loc, "min_scenarios"),
                "crosswalk-gate-order",
                f"gate {gate.level} needs {gate.min_scenarios} scenarios "
                f"({gate.min_mandatory} mandatory) but the crosswalk has {n_all} ({n_mand})",
            )
        if gate.min_points > top + 1e-9:
            out.add(
                doc,
                (*loc, "min_points"),
                "crosswalk-gate-order",
                f"gate {gate.level} needs {gate.min_points:g} points of at most {top:g}",
            )
