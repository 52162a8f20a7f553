"""The plan as a report shows it, in one language: the roadmap's items per phase (numbered
1, 2, 3 ... without gaps), how many each edition leaves out, the full edition's annex
(numbered on) and the evidence checklist of the items shown. Pure; no markup here."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..engine.evaluation import Evaluation
from ..engine.matching import CAUTIONS, PHASES
from ..i18n import N_, Translator
from ..models import text_for
from ..terminal.views import cost_text
from ..wording.messages import WHOLE, render


@dataclass(frozen=True)
class SolutionView:
    rank: int  # its number in the plan as shown: 1, 2, 3 ... without gaps across phases
    name: str
    summary: str
    cost: str
    effort: str
    months: str
    prerequisites: list[str]
    reasons: list[str]
    priority: int = 0  # its rank in the full list (the JSON result), which has them all
    phase: str = ""  # the phase's short name: "Now", "Next", "Later"
    # "you may have this already" (shown by the brief edition too, beside the first reason)
    caution: str = ""


@dataclass(frozen=True)
class PlanView:
    """What an edition shows of the plan."""

    roadmap: dict[str, list[SolutionView]]  # per phase, the items detailed
    more: dict[str, int]  # per phase: how many are not detailed
    annex: list[SolutionView]  # full edition: the plan's other items, numbered on
    evidence: list[tuple[str, list[str]]]  # per item shown: what to prepare on site


# How many solutions per phase each edition details (the full edition lists the rest in an
# annex, numbered on): enough to plan a year, few enough that an owner reads them. The brief
# edition shows "now" and "next" only.
PHASE_LIMITS = {
    "full": {"now": 6, "next": 8, "later": 6},
    "brief": {"now": 3, "next": 3, "later": 0},
}

# How hard a solution is, and the phases' short names (the annex's column).
EFFORTS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}
PHASE_NAMES = {"now": N_("Now"), "next": N_("Next"), "later": N_("Later")}


def months_text(months: float, _: Translator) -> str:
    """ "1 month", "3 months", "0.5 months" (a fraction takes the plural form)."""
    count = int(months) if months == int(months) else 2
    shown = f"{months:g}"
    return _.ngettext("{m} month", "{m} months", count, m=shown)


def _solution_view(ev: Evaluation, index: int, _: Translator) -> SolutionView:
    rec = ev.result.recommendations[index]
    sol = next(x for x in ev.pack.catalogue.solutions if x.id == rec.solution)
    lang = ev.namer.lang
    q = ev.pack.questionnaire
    # the reasons as the result has them, but quoting each question whole (the result and
    # the screen quote its first words: "raised by your answers to “Over the last three
    # years, how much…”" read as a question cut off)
    found = next((x for x in ev.recommendations if x.solution == rec.solution), None)
    whole = [render(x, ev.namer, WHOLE) for x in found.reasons] if found else []
    if len(whole) != len(rec.reasons):
        whole = [r.text for r in rec.reasons]
    later = list(zip(rec.reasons, whole, strict=True))[1:]
    return SolutionView(
        rank=rec.rank,
        priority=rec.rank,
        name=rec.name,
        summary=text_for(sol.summary, lang, q.default_language),
        cost=cost_text(rec.cost, rec.cost_3y, lang),
        effort=_.text(EFFORTS[rec.effort]),
        months=months_text(rec.time_to_value_months, _),
        prerequisites=[ev.namer.solution(p) for p in rec.prerequisites],
        reasons=whole[:4],
        phase=_.text(PHASE_NAMES[rec.phase]),
        caution=next((w for r, w in later if r.code in CAUTIONS), ""),
    )


def _numbered(roadmap: dict[str, list[SolutionView]]) -> dict[str, list[SolutionView]]:
    """The shown plan numbered 1, 2, 3 ... across phases: items left out of a phase (they are
    counted in ``more``) leave no gap in the numbers."""
    out: dict[str, list[SolutionView]] = {}
    number = 0
    for phase, items in roadmap.items():
        out[phase] = []
        for item in items:
            number += 1
            out[phase].append(replace(item, rank=number))
    return out


def plan_view(ev: Evaluation, edition: str, _: Translator) -> PlanView:
    """The plan's items as ``edition`` shows them, in the language of ``_`` (the pack's texts
    in the result's)."""
    r = ev.result
    q = ev.pack.questionnaire
    indexes = {rec.solution: i for i, rec in enumerate(r.recommendations)}
    roadmap: dict[str, list[SolutionView]] = {
        phase: [
            _solution_view(ev, indexes[rec.solution], _)
            for rec in r.recommendations
            if rec.phase == phase
        ]
        for phase in PHASES
    }
    limits = PHASE_LIMITS[edition]
    shown_roadmap = _numbered({phase: items[: limits[phase]] for phase, items in roadmap.items()})
    more = {phase: len(items) - len(shown_roadmap[phase]) for phase, items in roadmap.items()}
    shown_ids = {sol.priority for items in shown_roadmap.values() for sol in items}
    annex: list[SolutionView] = []
    if edition == "full":  # the rest of the plan, numbered on from the last item shown
        number = sum(len(items) for items in shown_roadmap.values())
        for phase, items in roadmap.items():
            for rest in items[limits[phase] :]:
                number += 1
                annex.append(replace(rest, rank=number))
    evidence: list[tuple[str, list[str]]] = []
    for rec in r.recommendations:
        if rec.rank not in shown_ids:
            continue
        sol = next(x for x in ev.pack.catalogue.solutions if x.id == rec.solution)
        if sol.evidence:
            evidence.append(
                (rec.name, [text_for(e, r.language, q.default_language) for e in sol.evidence])
            )
    return PlanView(roadmap=shown_roadmap, more=more, annex=annex, evidence=evidence)
