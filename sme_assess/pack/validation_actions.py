"""Checks of what the action plan reads from a catalogue: each solution's ``action`` (owner
role, KPI target), the ``roles`` and the ``funding`` hints (regions, sectors, sizes,
solutions). Pure, like ``validation``; rule ids are registered in ``findings.RULES``."""

from __future__ import annotations

import re

from ..models import text_for
from .question_facts import profile_values
from .reading import Pack
from .validation_common import Out, did_you_mean, duplicates

_DIGIT = re.compile(r"\d")


def check_actions(pack: Pack, out: Out) -> None:
    q, c, doc = pack.questionnaire, pack.catalogue, pack.cdoc
    for i, value in duplicates(c.roles, "id"):
        out.add(doc, ("roles", i, "id"), "duplicate-id", f"duplicate role '{value}'")
    for i, value in duplicates(c.funding, "id"):
        out.add(doc, ("funding", i, "id"), "duplicate-id", f"duplicate funding '{value}'")
    roles = {r.id for r in c.roles}
    for si, sol in enumerate(c.solutions):
        act = sol.action
        if act is None:
            out.add(
                doc,
                ("solutions", si, "id"),
                "solution-without-action",
                f"solution '{sol.id}' has no action (first step, owner, KPI): the action "
                "plan says 'not stated' for it",
            )
            continue
        if act.owner not in roles:
            declared = ", ".join(sorted(roles)) or "none; add a roles: list"
            out.add(
                doc,
                ("solutions", si, "action", "owner"),
                "unknown-reference",
                f"unknown role '{act.owner}'{did_you_mean(act.owner, dict.fromkeys(roles))}"
                f" (declared: {declared})",
            )
        for lang in q.languages:
            target = text_for(act.kpi.target, lang, q.default_language)
            if not _DIGIT.search(target):
                out.add(
                    doc,
                    ("solutions", si, "action", "kpi", "target"),
                    "kpi-target-without-number",
                    f"the KPI target of '{sol.id}' has no number ({lang}: '{target}'): "
                    "nobody can tell whether it was met",
                )
                break
    solutions = {s.id for s in c.solutions}
    allowed = {key: profile_values(q, key[:-1]) for key in ("regions", "sectors", "sizes")}
    for fi, fund in enumerate(c.funding):
        for key, values in (
            ("regions", fund.regions),
            ("sectors", fund.sectors),
            ("sizes", fund.sizes),
        ):
            known = allowed[key]
            for vi, value in enumerate(values):
                if known is None:
                    out.add(
                        doc,
                        ("funding", fi, key, vi),
                        "unknown-reference",
                        f"the questionnaire has no profile question for '{key[:-1]}'",
                    )
                    break
                if value not in known:
                    out.add(
                        doc,
                        ("funding", fi, key, vi),
                        "unknown-reference",
                        f"'{value}' is not a {key[:-1]} value of the questionnaire "
                        f"({', '.join(sorted(known))})",
                    )
        for vi, sid in enumerate(fund.solutions):
            if sid not in solutions:
                out.add(
                    doc,
                    ("funding", fi, "solutions", vi),
                    "unknown-reference",
                    f"unknown solution '{sid}'" + did_you_mean(sid, dict.fromkeys(solutions)),
                )
