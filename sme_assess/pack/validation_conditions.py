"""Semantic checks of conditions (show-if, pain-point rules): parse, names, forward
references, cycles, types. Split from ``validation`` by rule family."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..models.questionnaire import Questionnaire
from . import conditions as cond
from .question_facts import name_info
from .validation_common import Out, did_you_mean, short
from .yamldoc import Loc, YamlDoc


def check_conditions(q: Questionnaire, doc: YamlDoc, out: Out) -> None:
    index: dict[str, tuple[int, int]] = {}
    info: dict[str, cond.NameInfo] = {}
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            index.setdefault(question.id, (si, qi))
            info.setdefault(question.id, name_info(question))
    graph: dict[str, set[str]] = {}

    def check(loc: Loc, source: str, owner: str, here: tuple[int, int] | None) -> None:
        parsed = parse_and_name_check(doc, loc, source, index, out)
        if parsed is None:
            return
        for name in cond.names(parsed):
            if name not in index:
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


def parse_and_name_check(
    doc: YamlDoc, loc: Loc, source: str, known: Mapping[str, Any], out: Out
) -> cond.Condition | None:
    """Parse a condition and report the names it uses that are not question ids; None when
    it cannot be parsed (reported)."""
    try:
        parsed = cond.parse_condition(source)
    except cond.ConditionSyntaxError as exc:
        out.add(doc, loc, "condition-syntax", f"cannot parse {short(source, 80)!r}: {exc}")
        return None
    for name in cond.names(parsed):
        if name not in known:
            out.add(
                doc,
                loc,
                "condition-unknown-name",
                f"'{name}' is not a question id" + did_you_mean(name, known),
            )
    return parsed


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
