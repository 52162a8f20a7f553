"""The Result of one evaluation, built from the engine's own records without validating them
again (``construct``): names, reason texts and each solution's fields come from tables made
once per pack and language, the reasons' models are shared across respondents.
"""

from typing import Any, NamedTuple

from ..models import Answers, text_for
from ..models.common import PartlyKnown
from ..models.result import (
    CategoryOut,
    LevelCheckOut,
    OverallOut,
    PainPointOut,
    ReasonOut,
    RecommendationOut,
    Result,
    ShortFormOut,
    TargetOut,
    TriggerOut,
    VersionChangeOut,
)
from ..pack.loading import Pack
from ..wording.messages import Namer, render
from .answers_check import AnswerProblem
from .bounded import Generations
from .construct import built, make
from .crosswalk import Estimate
from .estimate_out import estimate_out
from .matching import Recommendation
from .plan_facts import compile_catalogue
from .rounding import KEPT, kept, round_to
from .scoring import Assessment, CategoryScore, Reason, Trigger
from .targeting import TargetPlan


def _reason(reason: Reason, namer: Namer) -> ReasonOut:
    """A reason for the result. The same reasons recur across recommendations and
    respondents, so each is built once per language (ReasonOut is immutable) and kept while
    it recurs (``bounded``: flat workers, issue 15)."""
    outs = _reason_outs(namer)
    out = outs.get(reason)
    return out if out is not None else _made(reason, namer, outs)


def _made(reason: Reason, namer: Namer, outs: Generations[Reason, ReasonOut]) -> ReasonOut:
    """A reason not in ``outs``, made and kept there."""
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in reason.params}
    # built from our own values: no need to validate them again (hot path in batch)
    out = make(ReasonOut, code=reason.code, params=params, text=render(reason, namer))
    outs.put(reason, out)
    return out


# Keyed by value: 3 and 3.0 (or True and 1) would be one key, which is safe because every
# parameter of a reason has one type whatever the firm (the engine rounds floats, the pack's
# numbers are typed, an answer in a reason is an option's text); a test holds it.
_OUTS: dict[int, tuple[Namer, Generations[Reason, ReasonOut]]] = {}
REASONS_KEPT = 4_096  # per language and generation


def _reason_outs(namer: Namer) -> Generations[Reason, ReasonOut]:
    """The reasons already made for the result in the namer's language, by reason."""
    hit = _OUTS.get(id(namer))
    if hit is not None and hit[0] is namer:
        return hit[1]
    if len(_OUTS) > 16:
        _OUTS.clear()
    outs: Generations[Reason, ReasonOut] = Generations(REASONS_KEPT)
    _OUTS[id(namer)] = (namer, outs)
    return outs


class _ReasonsOut:
    """One result's reasons made into ReasonOut, shared by value across respondents
    (``_reason``). A lookup by value only: one firm's recommendations share some reason
    objects, but a table by identity in front costs more than the hashing it saves.

    Each reason is hashed once: all are looked up in the young generation in C (``map``, no
    frame per list), and only those not found there (made for no firm yet in this
    language, or not of late) are looked for again (``made``). A reason is a tuple of
    tuples, which Python hashes anew at every lookup (~1,700 machine instructions for a
    pain point's)."""

    __slots__ = ("find", "namer", "outs")

    def __init__(self, namer: Namer) -> None:
        self.namer = namer
        self.outs = _reason_outs(namer)
        self.find = self.outs.young.get  # the same dict for the memo's life: looked up in C

    def __call__(self, reasons: tuple[Reason, ...]) -> list[ReasonOut]:
        said: list[Any] = list(map(self.find, reasons))  # a ReasonOut, or None
        if all(said):  # a model is true (no __len__ or __bool__): only a miss is None
            return said
        return self.missed(reasons, said)

    def missed(self, reasons: tuple[Reason, ...], said: list[Any]) -> list[ReasonOut]:
        """``said`` (each reason's ReasonOut from the young generation, or None) with each
        reason it did not have looked for in the old one, else made."""
        for i, out in enumerate(said):
            if out is None:
                said[i] = self.made(reasons[i])
        return said

    def made(self, reason: Reason) -> ReasonOut:
        outs = self.outs
        found = outs.get(reason)
        return found if found is not None else _made(reason, self.namer, outs)


_SolFields = tuple[str, str, str, float | None, str, float]


class _Words(NamedTuple):
    """What a result says that is the same for every respondent, per pack and language:
    each solution's fields (name, cost tier, cost, 3-year cost, effort, time to value), each
    category's name and short name, each level's and pain point's name."""

    solutions: dict[str, _SolFields]
    categories: dict[str, tuple[str, str]]
    levels: dict[int, str]
    pains: dict[str, str]


_WORDS: dict[tuple[int, str], tuple[Pack, Namer, _Words]] = {}


def _float(value: Any) -> Any:
    """What validating a float field would make of a value (an int becomes a float)."""
    return float(value) if value.__class__ is int else value


def _words(pack: Pack, namer: Namer) -> _Words:
    """The pack's words in the namer's language (made once per pack and language)."""
    lang = namer.lang
    key = (id(pack), lang)
    hit = _WORDS.get(key)
    if hit is not None and hit[0] is pack and hit[1] is namer:
        return hit[2]
    from ..wording.plan_text import w

    q, c = pack.questionnaire, pack.catalogue
    tiers = {t.id: t for t in c.cost_tiers}
    tco = compile_catalogue(q, c).tco
    solutions: dict[str, _SolFields] = {
        sol.id: (
            namer.solution(sol.id),
            sol.cost_tier,
            # nothing to buy (a 3-year cost of 0): staff time, not the tier's "under ¥50k"
            w("staff_time", lang)
            if tco.get(sol.id) == 0
            else text_for(tiers[sol.cost_tier].label, lang, q.default_language)
            if sol.cost_tier in tiers
            else sol.cost_tier,
            _float(tco.get(sol.id)),
            sol.effort,
            _float(sol.time_to_value_months),
        )
        for sol in c.solutions
    }
    found = _Words(
        solutions,
        {cat.id: (namer.category(cat.id), namer.area(cat.id)) for cat in q.categories},
        {lv.number: namer.level(lv.number) for lv in q.levels},
        {pain.id: namer.pain(pain.id) for pain in q.pain_points},
    )
    if len(_WORDS) > 32:
        _WORDS.clear()
    _WORDS[key] = (pack, namer, found)
    return found


def _r1(value: float | None) -> float | None:
    return None if value is None else round_to(value, 1)


def build_result(
    pack: Pack,
    answers: Answers,
    a: Assessment,
    recs: tuple[Recommendation, ...],
    target: TargetPlan | None,
    ignored: tuple[AnswerProblem, ...],
    namer: Namer,
    found: tuple[Estimate, ...] = (),
    change: VersionChangeOut | None = None,
    short: ShortFormOut | None = None,
) -> Result:
    q = pack.questionnaire
    lang = namer.lang
    words = _words(pack, namer)
    reasons_of = _ReasonsOut(namer)
    respondent: dict[str, Any] = answers.respondent.model_dump(mode="json", exclude_none=True)
    # built from the engine's own values without validating them again (see construct.py;
    # a test checks that validating the result's JSON gives the same result)
    level_name, cat_names, pain_names = words.levels, words.categories, words.pains
    return make(
        Result,
        questionnaire=q.id,
        questionnaire_version=q.version,
        catalogue_version=pack.catalogue.version,
        language=lang,
        respondent=respondent,
        overall=make(
            OverallOut,
            score=_r1(a.overall_score),
            level=a.level,
            level_name=level_name[a.level] if a.level is not None else None,
            threshold_level=a.threshold_level,
            coverage=round_to(a.coverage, 3),
            confidence=round_to(a.confidence, 3),
        ),
        categories=_categories(a.categories, cat_names, level_name),
        levels=[
            built(
                LevelCheckOut,
                {
                    "level": chk.level,
                    "name": level_name[chk.level],
                    "reached": chk.reached,
                    "reasons": reasons_of(chk.reasons),
                },
            )
            for chk in a.level_checks
        ],
        pain_points=[
            built(
                PainPointOut,
                {
                    "id": hit.id,
                    "name": pain_names[hit.id],
                    "category": hit.category,
                    "severity": _float(hit.severity),
                    "raised_by": list(map(_trigger, hit.triggers)),
                },
            )
            for hit in a.pain_points
        ],
        recommendations=_recommendations(recs, reasons_of, words.solutions),
        target=None
        if target is None
        else make(
            TargetOut,
            level=target.level,
            reachable=target.reachable,
            already_reached=target.already,
            solutions=list(target.solutions),
            projected_score=_r1(target.projected_overall),
            projected_level=target.projected_level,
            projected_categories={k: _r1(v) for k, v in target.projected_categories.items()},
            assumption=render(target.assumption, namer),
        ),
        estimates=[estimate_out(pack, e, recs, namer) for e in found],
        ignored=[str(p) for p in ignored],
        version_change=change,
        short_form=short,
        action_plan=None,  # filled where a plan page is asked for (plan_page.result_with_plan)
    )


def _categories(
    cats: tuple[CategoryScore, ...], names: dict[str, tuple[str, str]], level_name: dict[int, str]
) -> list[CategoryOut]:
    """Each category for the result, in one loop. The score, coverage and confidence are
    floats (means and ratios of floats), rounded as floats; the weight is the pack's."""
    found: list[CategoryOut] = []
    add = found.append
    # the same scores and ratios recur across firms: rounded once (``rounding.KEPT``)
    one, three = KEPT[1].get, KEPT[3].get
    for cid, weight, score, level, coverage, confidence, _questions in cats:
        name, short_name = names[cid]
        add(
            built(
                CategoryOut,
                {
                    "id": cid,
                    "name": name,
                    "short_name": short_name,
                    "score": None if score is None else one(score) or kept(score, 1),
                    "level": level,
                    "level_name": None if level is None else level_name[level],
                    "coverage": three(coverage) or kept(coverage, 3),
                    "confidence": three(confidence) or kept(confidence, 3),
                    "weight": _float(weight),
                },
            )
        )
    return found


_TRIGGERS: Generations[tuple[Trigger, type], TriggerOut] = Generations(4_096)


def _trigger(tr: Trigger) -> TriggerOut:
    """What raised a pain point, for the result: shared by every respondent with the same
    trigger (output models are immutable; an answer that is a list is made each time)."""
    cls = tr.answer.__class__
    if cls is list or cls is PartlyKnown:
        return _trigger_out(tr)
    key = (tr, cls)  # True and 1 are equal as keys, not in the JSON
    memo = _TRIGGERS
    out = memo.young.get(key)  # in C: no method call when met of late (most are)
    if out is None:  # in the old generation, else made
        out = memo.get(key)
    if out is None:
        out = _trigger_out(tr)
        memo.put(key, out)  # kept while it recurs (``bounded``: flat workers, issue 15)
    return out


def _trigger_out(tr: Trigger) -> TriggerOut:
    return make(
        TriggerOut,
        question=tr.question,
        answer=list(tr.answer) if tr.answer.__class__ is PartlyKnown else tr.answer,
        category=tr.category,
        score=tr.score,
        threshold=tr.threshold,
    )


def _recommendations(
    recs: tuple[Recommendation, ...], reasons_of: _ReasonsOut, sol_out: dict[str, _SolFields]
) -> list[RecommendationOut]:
    """The plan's recommendations for the result, in one loop (~30 for every respondent)."""
    find, missed = reasons_of.find, reasons_of.missed
    found: list[RecommendationOut] = []
    add = found.append
    for sid, phase, rank, priority, reasons, prerequisites, pulled_in in recs:
        name, cost_tier, cost, cost_3y, effort, months = sol_out[sid]
        said: list[Any] = list(map(find, reasons))  # ``reasons_of(reasons)``, inline
        if not all(said):  # one not made yet in this language, or not of late
            said = missed(reasons, said)
        # the fields in the model's order, each of its type (see construct.built; the
        # priority is a float: ``matching`` rounds a float)
        add(
            built(
                RecommendationOut,
                {
                    "solution": sid,
                    "name": name,
                    "phase": phase,
                    "rank": rank,
                    "priority": priority,
                    "cost_tier": cost_tier,
                    "cost": cost,
                    "cost_3y": cost_3y,
                    "effort": effort,
                    "time_to_value_months": months,
                    "prerequisites": list(prerequisites),
                    "pulled_in": pulled_in,
                    "reasons": said,
                },
            )
        )
    return found
