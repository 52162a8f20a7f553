"""The result's view of the framework estimates: pack texts once per language, numbers per firm.

What an estimate says that does not depend on the answers (the framework's name, labels, group
and item names, notes) is made once per (pack, language); an item's output record is shared by
every respondent with the same points and answer (output models are immutable).
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..i18n import translator
from ..models import text_for
from ..models.crosswalk import Crosswalk
from ..models.result import (
    FrameworkEstimate,
    GateOut,
    ItemPointsOut,
    RungCountOut,
    ScenarioStepOut,
)
from ..pack.loading import Pack
from ..wording.messages import Namer
from .construct import make
from .crosswalk import Estimate
from .matching import Recommendation
from .plan_facts import compile_catalogue


class _View(NamedTuple):
    """One crosswalk's words in one language."""

    name: str
    labels: Mapping[int, str]
    below: str
    group_names: Mapping[str, str]
    items: Mapping[str, tuple[str, str | None]]  # item id -> name, note
    note: str
    unverified: tuple[str, ...]


def _view(pack: Pack, cw: Crosswalk, lang: str) -> _View:
    q = pack.questionnaire

    def t(text: Any) -> str:
        return text_for(text, lang, q.default_language)

    return _View(
        name=t(cw.name),
        labels={g.level: t(g.label) for g in cw.gates},
        below=t(cw.below_label),
        group_names={g.id: t(g.name) for g in cw.groups},
        items={item.id: (t(item.name), t(item.note) if item.note else None) for item in cw.items},
        note=t(cw.estimate_note),
        unverified=tuple(t(u) for u in cw.unverified),
    )


class _PackViews(NamedTuple):
    views: dict[tuple[str, str], _View]  # (crosswalk id, language) -> its words
    works_on: Mapping[str, frozenset[str]]  # scenario question -> solutions for it
    items: dict[tuple[Any, ...], ItemPointsOut]  # shared item records


_VIEWS: dict[int, tuple[Pack, _PackViews]] = {}


def _pack_views(pack: Pack) -> _PackViews:
    hit = _VIEWS.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    q = pack.questionnaire
    solutions = compile_catalogue(q, pack.catalogue).by_id
    works_on: dict[str, frozenset[str]] = {}
    for cw in q.crosswalks:
        for sc in cw.scenarios:
            question = q.question(sc.question)
            category = question.category if question is not None else None
            works_on[sc.question] = frozenset(
                sid
                for sid, sol in solutions.items()
                if sc.question in sol.scenarios
                or (category and category in sol.addresses.categories)
            )
    found = _PackViews({}, works_on, {})
    if len(_VIEWS) > 16:
        _VIEWS.clear()
    _VIEWS[id(pack)] = (pack, found)
    return found


def _solutions_for(
    pack: Pack, views: _PackViews, question: str, recs: tuple[Recommendation, ...]
) -> list[str]:
    """Solutions in the plan that work on a scenario: named for it, or for its category."""
    works = views.works_on.get(question)
    if works is None:  # a step for a question no scenario names: worked out here
        q = pack.questionnaire.question(question)
        category = q.category if q is not None else None
        by_id = compile_catalogue(pack.questionnaire, pack.catalogue).by_id
        works = frozenset(
            sid
            for sid, sol in by_id.items()
            if question in sol.scenarios or (category and category in sol.addresses.categories)
        )
    return [rec.solution for rec in recs if rec.solution in works][:3]


_RUNGS: dict[tuple[int, int, int], RungCountOut] = {}


def _rung(rung: int, scenarios: int, mandatory: int) -> RungCountOut:
    """A rung's count, shared by every respondent with the same counts."""
    key = (rung, scenarios, mandatory)
    out = _RUNGS.get(key)
    if out is None:
        if len(_RUNGS) > 10_000:
            _RUNGS.clear()
        out = _RUNGS[key] = make(RungCountOut, rung=rung, scenarios=scenarios, mandatory=mandatory)
    return out


def _label(view: _View, e: Estimate, lang: str) -> str:
    """The level in words: a range when open questions could raise it, and no level at all
    when nothing the estimate reads is answered (a floor of 0 is not "below level 1")."""
    level = view.labels.get(e.level, view.below)
    if not e.open_questions:
        return level
    _ = translator(lang)
    if e.nothing_answered:
        return _("not enough answers to estimate")
    if e.level_if_answered > e.level:
        upper = view.labels.get(e.level_if_answered, view.below)
        return _("{level} (up to {upper})", level=level, upper=upper)
    return level


def _answer_key(answer: Any) -> Any:
    """A key telling answers apart exactly (True is not 1), or None when there is none."""
    if answer is None or answer.__class__ in (str, int, float, bool):
        return (answer.__class__, answer)
    if answer.__class__ in (list, tuple) and all(v.__class__ is str for v in answer):
        return (list, tuple(answer))
    return None


def estimate_out(
    pack: Pack, e: Estimate, recs: tuple[Recommendation, ...], namer: Namer
) -> FrameworkEstimate:
    """The result's view of one framework estimate, in the result's language."""
    cw = e.crosswalk
    views = _pack_views(pack)
    view = views.views.get((cw.id, namer.lang))
    if view is None:
        view = views.views[(cw.id, namer.lang)] = _view(pack, cw, namer.lang)
    held = e.held_back_by
    shared = views.items
    if len(shared) > 4_096:  # multi-choice answers rarely repeat: bounded small (issue 15)
        shared.clear()
    items: list[ItemPointsOut] = []
    for ip in e.items:
        item = ip.item
        answer_key = _answer_key(ip.answer)
        key = (cw.id, namer.lang, item.id, ip.points, answer_key)
        out = shared.get(key) if answer_key is not None else None
        if out is None:
            name, note = view.items[item.id]
            out = make(
                ItemPointsOut,
                id=item.id,
                name=name,
                group=item.group,
                points=ip.points,
                max_points=item.max_points,
                answer=list(ip.answer) if isinstance(ip.answer, tuple) else ip.answer,
                note=note,
            )
            if answer_key is not None:
                shared[key] = out
        items.append(out)
    return make(
        FrameworkEstimate,
        framework=cw.id,
        name=view.name,
        level=e.level,
        level_label=_label(view, e, namer.lang),
        level_if_answered=e.level_if_answered,
        open_questions=list(e.open_questions),
        points=e.points,
        max_points=e.max_points,
        points_by_group=dict(e.points_by_group),
        group_names=dict(view.group_names),
        points_by_item=items,
        scenarios_at_rung=[_rung(r.rung, r.scenarios, r.mandatory) for r in e.rungs],
        held_back_by=None
        if held is None
        else make(
            GateOut,
            level=held.gate.level,
            label=text_for(held.gate.label, namer.lang, pack.questionnaire.default_language),
            min_points=held.gate.min_points,
            min_scenarios=held.gate.min_scenarios,
            at_rung=held.gate.at_rung,
            min_mandatory=held.gate.min_mandatory,
            points_short=held.points_short,
            scenarios_short=held.scenarios_short,
            mandatory_short=held.mandatory_short,
        ),
        to_next=[
            make(
                ScenarioStepOut,
                question=step.question,
                name=namer.question(step.question),
                mandatory=step.mandatory,
                rung=step.rung,
                to_rung=step.to_rung,
                solutions=_solutions_for(pack, views, step.question, recs),
            )
            for step in e.to_next
        ],
        note=view.note,
        unverified=list(view.unverified),
    )
