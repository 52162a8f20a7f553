"""Semantic checks of a catalogue: the pack it is for, duplicate ids, what each solution
names (pain points, categories, levels, prerequisites, cost tiers, sectors and sizes),
prerequisite cycles, pain points no solution addresses. What the plan reads (facts,
bundles, plan rules, pain-point scales) is checked by ``validation_plan_rules``.

Split from ``validation`` by rule family; pure, like it.
"""

from __future__ import annotations

from ..models.catalogue import Catalogue
from ..models.questionnaire import Questionnaire
from .question_facts import profile_values
from .reading import Pack
from .validation_actions import check_actions
from .validation_common import Out, did_you_mean, duplicates
from .validation_conditions import _cycles
from .validation_plan_rules import check_pain_scales, check_plan_fields
from .yamldoc import Loc, YamlDoc


def check_catalogue(pack: Pack, out: Out) -> None:
    """Every rule on the catalogue (and the pain-point scales it weighs the plan with)."""
    q, c = pack.questionnaire, pack.catalogue
    _check_catalogue(q, c, pack.cdoc, out)
    check_plan_fields(q, c, pack.cdoc, out)
    _check_unaddressed(q, c, pack.qdoc, out)
    check_actions(pack, out)
    check_pain_scales(q, pack.qdoc, out)


def _check_catalogue(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: Out) -> None:
    if c.questionnaire != q.id:
        out.add(
            doc,
            ("questionnaire",),
            "pack-mismatch",
            f"catalogue is for questionnaire '{c.questionnaire}', but this pack is '{q.id}'",
        )
    for i, value in duplicates(c.solutions, "id"):
        out.add(doc, ("solutions", i, "id"), "duplicate-id", f"duplicate solution '{value}'")
    for i, value in duplicates(c.cost_tiers, "id"):
        out.add(doc, ("cost_tiers", i, "id"), "duplicate-id", f"duplicate cost tier '{value}'")
    pains = {p.id for p in q.pain_points}
    categories = {cat.id for cat in q.categories}
    levels = {lv.number for lv in q.levels}
    tiers = {t.id for t in c.cost_tiers}
    solutions = {s.id for s in c.solutions}
    sectors = profile_values(q, "sector")
    sizes = profile_values(q, "size")
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
                    f"unknown pain point '{pid}'" + did_you_mean(pid, dict.fromkeys(pains)),
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
                    + did_you_mean(pre, dict.fromkeys(solutions)),
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


def _check_unaddressed(q: Questionnaire, c: Catalogue, doc: YamlDoc, out: Out) -> None:
    addressed = {pid for sol in c.solutions for pid in sol.addresses.pain_points}
    for pi, pain in enumerate(q.pain_points):
        if pain.id not in addressed:
            out.add(
                doc,
                ("pain_points", pi, "id"),
                "pain-point-unaddressed",
                f"no solution in the catalogue addresses pain point '{pain.id}'",
            )
