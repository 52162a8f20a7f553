"""Progress between two assessments of one firm: a pure function of two evaluations.

``compare(before, after)`` says what moved: the overall score and stage, each category, the
official-framework estimates when the result carries them (``Result.estimates``), pain points
resolved and new, the solutions recommended before that the later answers declare in place,
and the next moves. It never reorders the two: when the dates say the "before" answers are
the later ones, a note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..i18n import N_, translator
from ..models import Answers
from ..models.progress import (
    CategoryProgress,
    EstimateProgress,
    Item,
    NextMove,
    PlanItem,
    Progress,
    ScoreChange,
    StageChange,
)
from ..pack.loading import Pack
from ..pack.yamldoc import YamlDoc
from .answers_check import usable_answers
from .evaluation import Evaluation, Options, evaluate
from .plan_facts import screen

NEXT_MOVES = 3

NOTES: dict[str, str] = {
    "versions": N_(
        "The answers were given for different versions of the questionnaire ({before} before, "
        "{after} after); both are scored with version {pack}."
    ),
    "left_out": N_("Left out of the {which} answers (the question changed or is gone): {items}"),
    "companies": N_(
        "The two files name different companies ({before} / {after}): check that they are the same "
        "firm."
    ),
    "order": N_(
        "The earlier answers are dated after the later ones ({before} > {after}): check the order "
        "of the files."
    ),
    "no_dates": N_("The answers carry no date: the first file is taken as the earlier one."),
    "before": N_("earlier"),
    "after": N_("later"),
}


def note(key: str, lang: str, **values: Any) -> str:
    return translator(lang).text(NOTES[key], **values)


def _change(before: float | None, after: float | None) -> ScoreChange:
    diff = None if before is None or after is None else round(after - before, 1)
    return ScoreChange(before=before, after=after, change=diff)


def _stage(
    before: int | None, after: int | None, before_name: str | None, after_name: str | None
) -> StageChange:
    moved = before is not None and after is not None and after > before
    return StageChange(
        before=before, after=after, before_name=before_name, after_name=after_name, moved_up=moved
    )


def _estimates(before: Any, after: Any, lang: str) -> list[EstimateProgress]:
    """Official-framework estimates before and after, matched by framework (read only
    framework, level, level_label, points and held_back_by, the gate in words)."""
    from ..models.result import FrameworkEstimate
    from ..wording.estimate_text import held_line

    earlier = {e.framework: e for e in (getattr(before, "estimates", None) or [])}
    out: list[EstimateProgress] = []
    for later in getattr(after, "estimates", None) or []:
        old = earlier.get(later.framework)
        level_before = None if old is None else old.level
        out.append(
            EstimateProgress(
                framework=later.framework,
                name=getattr(later, "name", None),
                level_before=level_before,
                level_after=later.level,
                label_before=None if old is None else old.level_label,
                label_after=later.level_label,
                points_before=None if old is None else old.points,
                points_after=later.points,
                held_back_by=(
                    later.held_back_by
                    if not isinstance(later, FrameworkEstimate)
                    else None
                    if later.held_back_by is None
                    else held_line(later, lang)
                ),
                passed_level_2=level_before is not None and level_before < 2 <= later.level,
            )
        )
    return out


def hidden(ev: Evaluation) -> frozenset[str]:
    """Answers left out because earlier answers hide their question (not a change)."""
    return frozenset(ev.assessment.hidden_answers)


def score_answers(
    pack: Pack,
    answers: Answers,
    lenient: bool,
    lang: str | None,
    source: str,
    doc: YamlDoc | None = None,
) -> Evaluation:
    """Score one side of a comparison. Answers given for another version of the pack are
    scored with this one, leaving out what no longer fits (named in the notes); ``doc``, the
    parsed file, places a problem at its file:line:col, as `score` does."""
    other_version = answers.questionnaire_version not in (None, pack.questionnaire.version)
    options = Options(lenient=lenient or other_version, lang=lang)
    return evaluate(pack, answers, options, source, doc=doc)


def _now_in_place(before: Evaluation, after: Evaluation) -> list[PlanItem]:
    """Solutions recommended before (and the parts of a bundle recommended before) that were
    not in place then and that the later answers declare in place, in plan order."""
    q, c = after.pack.questionnaire, after.pack.catalogue
    was = screen(q, c, usable_answers(q, before.answers.answers)).in_place
    now = screen(q, c, usable_answers(q, after.answers.answers)).in_place
    parts = {s.id: s.includes for s in c.solutions}
    namer = after.namer
    found: list[PlanItem] = []
    seen: set[str] = set()
    for rec in before.result.recommendations:
        bundle = rec.solution
        for sid, part_of in [(bundle, None), *((p, bundle) for p in parts.get(bundle, ()))]:
            if sid in now and sid not in was and sid not in seen:
                seen.add(sid)
                found.append(
                    PlanItem(
                        id=sid,
                        name=namer.solution(sid),
                        part_of=None if part_of is None else namer.solution(part_of),
                    )
                )
    return found


def compare(before: Evaluation, after: Evaluation) -> Progress:
    """What moved from ``before`` to ``after`` (two evaluations with the same pack and
    language). Pure."""
    rb, ra = before.result, after.result
    if rb.questionnaire != ra.questionnaire:
        raise UsageError(
            f"the answers are for different questionnaires ({rb.questionnaire}, "
            f"{ra.questionnaire}): compare needs two assessments with the same questionnaire"
        )
    lang, namer = ra.language, after.namer
    q = after.pack.questionnaire
    notes: list[str] = []
    vb, va = before.answers.questionnaire_version, after.answers.questionnaire_version
    if (vb or q.version) != (va or q.version):
        notes.append(note("versions", lang, before=vb or "?", after=va or "?", pack=q.version))
    for which, ev in (("before", before), ("after", after)):
        left = [
            p for p in ev.ignored if p.key != "questionnaire_version" and p.key not in hidden(ev)
        ]
        if left:
            items = "; ".join(str(p) for p in left[:10])
            more = f" (+{len(left) - 10})" if len(left) > 10 else ""
            notes.append(note("left_out", lang, which=note(which, lang), items=items + more))
    cb, ca = before.answers.respondent.company, after.answers.respondent.company
    if cb and ca and cb.strip().casefold() != ca.strip().casefold():
        notes.append(note("companies", lang, before=cb, after=ca))
    db, da = before.answers.respondent.date, after.answers.respondent.date
    if db is not None and da is not None and db > da:
        notes.append(note("order", lang, before=db.isoformat(), after=da.isoformat()))
    if db is None and da is None:
        notes.append(note("no_dates", lang))

    cats_before = {cat.id: cat for cat in rb.categories}
    categories = []
    for cat in ra.categories:
        old = cats_before.get(cat.id)
        categories.append(
            CategoryProgress(
                id=cat.id,
                name=cat.name,
                short_name=cat.short_name,
                score=_change(None if old is None else old.score, cat.score),
                stage=_stage(
                    None if old is None else old.level,
                    cat.level,
                    None if old is None else old.level_name,
                    cat.level_name,
                ),
            )
        )
    pains_before = {p.id for p in rb.pain_points}
    pains_after = {p.id for p in ra.pain_points}
    resolved = [
        Item(id=p.id, name=namer.pain(p.id)) for p in rb.pain_points if p.id not in pains_after
    ]
    new = [Item(id=p.id, name=p.name) for p in ra.pain_points if p.id not in pains_before]
    remaining = [Item(id=p.id, name=p.name) for p in ra.pain_points if p.id in pains_before]
    now_in_place = _now_in_place(before, after)
    moves = [r for r in ra.recommendations if r.phase == "now"] or list(ra.recommendations)
    next_moves = [
        NextMove(solution=r.solution, name=r.name, phase=r.phase) for r in moves[:NEXT_MOVES]
    ]
    level_name = namer.level
    return Progress(
        questionnaire=ra.questionnaire,
        version_before=vb,
        version_after=va,
        pack_version=q.version,
        language=lang,
        company_before=cb,
        company_after=ca,
        date_before=None if db is None else db.isoformat(),
        date_after=None if da is None else da.isoformat(),
        overall=_change(rb.overall.score, ra.overall.score),
        stage=_stage(
            rb.overall.level,
            ra.overall.level,
            None if rb.overall.level is None else level_name(rb.overall.level),
            ra.overall.level_name,
        ),
        categories=categories,
        estimates=_estimates(rb, ra, lang),
        pains_resolved=resolved,
        pains_new=new,
        pains_remaining=remaining,
        now_in_place=now_in_place,
        next_moves=next_moves,
        notes=notes,
    )


def compare_files(
    before: Path, after: Path, pack: str | None, lang: str | None, lenient: bool
) -> tuple[Evaluation, Progress]:
    """Load and score both answers files with one pack, in one language; the later
    evaluation and the progress."""
    from ..answer_io.native import load_answers_doc
    from ..pack.loading import load_pack
    from ..pack.locate import pack_for

    read = [load_answers_doc(p) for p in (before, after)]
    answers = [a for a, _doc in read]
    ids = {a.questionnaire for a in answers}
    if len(ids) > 1:
        raise UsageError(
            "the answers are for different questionnaires ("
            + ", ".join(a.questionnaire for a in answers)
            + "): compare needs two assessments with the same questionnaire"
        )
    loaded = load_pack(pack_for(pack, answers[1].questionnaire))
    from ..wording.messages import pick_language

    language = pick_language(loaded.questionnaire, lang, answers[1].language)
    if lang is not None:
        from ..wording.messages import require_language

        require_language(loaded.questionnaire, lang)
    evs: Sequence[Evaluation] = [
        score_answers(loaded, a, lenient, language, str(p), doc)
        for (a, doc), p in zip(read, (before, after), strict=True)
    ]
    return evs[1], compare(evs[0], evs[1])


def progress_since(previous: Path, current: Evaluation, lenient: bool) -> Progress:
    """``report --previous``: the earlier answers scored with the current evaluation's pack
    and language, compared with it."""
    from ..answer_io.native import load_answers_doc

    answers, doc = load_answers_doc(previous)
    if answers.questionnaire != current.result.questionnaire:
        raise UsageError(
            f"--previous is for questionnaire {answers.questionnaire}, the answers for "
            f"{current.result.questionnaire}: compare needs the same questionnaire"
        )
    lang = current.result.language
    earlier = score_answers(current.pack, answers, lenient, lang, str(previous), doc)
    return compare(earlier, current)
