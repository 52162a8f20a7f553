"""A planned solution the firm may already have says so.

A solution is in place only when its ``in_place_if`` holds, and an unanswered question makes
a condition false: a firm that skipped a question (or took the short form, which does not ask
it) used to be told to buy what it may already use, with nothing in the plan to say so. Now
such a recommendation carries ``in_place_unasked`` naming the questions, and the short views
(the terminal's score table, the brief report) show it beside the first reason.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.compiled import compile_questionnaire
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import IN_PLACE_UNASKED
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def _evaluate(
    persona: str, lang: str = "en", drop: tuple[str, ...] = (), **more: Any
) -> Evaluation:
    base = load_answers(FIXTURES / "personas" / f"{persona}.yaml")
    answers = {k: v for k, v in base.answers.items() if k not in drop}
    answers.update(more)
    doc = Answers(
        questionnaire=base.questionnaire,
        questionnaire_version=base.questionnaire_version,
        answers=answers,
    )
    return evaluate(pack(), doc, Options(lang=lang, lenient=True))


def _unasked(ev: Evaluation) -> dict[str, tuple[str, ...]]:
    """Planned solution -> the questions its caution names."""
    found: dict[str, tuple[str, ...]] = {}
    for rec in ev.recommendations:
        for reason in rec.reasons:
            if reason.code == IN_PLACE_UNASKED:
                found[rec.solution] = tuple(reason.get("questions"))
    return found


def _reads(sid: str) -> str:
    sol = next(s for s in pack().catalogue.solutions if s.id == sid)
    return sol.in_place_if or ""


def test_a_firm_that_answered_everything_gets_no_caution() -> None:
    for persona in ("electronics_assembler", "job_shop", "auto_parts"):
        assert _unasked(_evaluate(persona)) == {}, persona


def test_skipping_the_tools_question_names_it_beside_what_it_would_have_shown() -> None:
    answered = _evaluate("electronics_assembler")
    skipped = _evaluate("electronics_assembler", drop=("tools_in_use",))
    flagged = _unasked(skipped)
    # the firm said "all in the cloud": cloud migration was in place, and is planned once the
    # answer is gone, with the caution
    assert "cloud_migration" not in {r.solution for r in answered.recommendations}
    assert flagged.get("cloud_migration") == ("tools_in_use",)
    planned = {r.solution for r in skipped.recommendations}
    for sid in planned:
        if "tools_in_use" in _reads(sid) and " or " not in _reads(sid):
            assert flagged.get(sid) == ("tools_in_use",), sid
    # every caution names only questions the firm did not answer
    for questions in flagged.values():
        assert all(q not in skipped.answers.answers for q in questions)


def test_dont_know_is_not_an_answer_that_settles_it() -> None:
    ev = _evaluate("electronics_assembler", tools_in_use="unknown", drop=())
    assert _unasked(ev).get("cloud_migration") == ("tools_in_use",)


def test_no_caution_when_no_answer_to_the_open_question_could_make_it_hold() -> None:
    # batch traceability needs a trace within the hour AND scanning; this firm traces in days,
    # so whatever it would say about ERP shop-floor data, it does not have it
    ev = _evaluate("electronics_assembler", drop=("erp_shopfloor_data",))
    planned = {r.solution for r in ev.recommendations}
    assert "batch_traceability" in planned
    assert "batch_traceability" not in _unasked(ev)
    # with the trace within the hour, the open scanning question leaves it open
    quick = _evaluate(
        "electronics_assembler", drop=("erp_shopfloor_data",), traceability="within_hour"
    )
    if "batch_traceability" in {r.solution for r in quick.recommendations}:
        assert _unasked(quick)["batch_traceability"] == ("erp_shopfloor_data",)


def test_a_question_the_firm_was_never_shown_is_not_unanswered() -> None:
    # the job shop has no ERP, so "how does shop-floor data reach the ERP" is never asked:
    # barcode labels are planned without a caution about it
    ev = _evaluate("job_shop")
    assert "erp_shopfloor_data" not in ev.answers.answers
    for questions in _unasked(ev).values():
        assert "erp_shopfloor_data" not in questions
    assert _unasked(ev) == {}


def test_the_short_form_leaves_open_what_it_does_not_ask() -> None:
    q = pack().questionnaire
    assert q.short_form is not None
    short = set(q.short_form.questions) | {x.id for x in compile_questionnaire(q).profile_questions}
    base = load_answers(FIXTURES / "personas" / "electronics_assembler.yaml")
    dropped = tuple(k for k in base.answers if k not in short)
    ev = _evaluate("electronics_assembler", drop=dropped)
    flagged = _unasked(ev)
    assert flagged, "the short form does not ask tools_in_use, energy_cost, machine_data ..."
    asked = set(ev.answers.answers)
    for sid, questions in flagged.items():
        assert questions and not (set(questions) & asked), sid


def test_the_caution_is_said_in_the_firm_s_language_and_shown_by_the_short_views() -> None:
    from rich.console import Console

    from sme_assess.report.context import build_context
    from sme_assess.report.render import render_html
    from sme_assess.terminal.views import score_view

    for lang, words in (("en", "you may have this already"), ("zh", "可能已经有了")):
        ev = _evaluate("electronics_assembler", lang=lang, drop=("tools_in_use",))
        rec = next(r for r in ev.result.recommendations if r.solution == "cloud_migration")
        texts = [r.text for r in rec.reasons]
        assert any(words in t for t in texts), texts
        console = Console(width=200, record=True, color_system=None)
        console.print(score_view(ev, top_recs=50))
        assert words in console.export_text(), lang
        ctx = build_context(ev, edition="brief")
        views = [s for phase in ctx.roadmap.values() for s in phase]
        caution = [s.caution for s in views if words in s.caution]
        if any(s.name == rec.name for s in views):
            assert caution, lang
        # the brief edition shows one reason per item, and the caution beside it
        assert caution, "one cautioned item at least is detailed by the brief edition"
        html = render_html(ctx)
        assert html.count(words) == len(caution), lang


def test_a_question_hidden_behind_an_unanswered_one_leaves_the_solution_open() -> None:
    """The short form does not ask which systems the firm uses, so how far its MES reaches is
    never shown either: the MES step may be in place, and the plan says so, naming both."""
    ev = _evaluate("auto_parts", drop=("systems_in_use", "mes_coverage"))
    assert "mes_lite" in {r.solution for r in ev.recommendations}
    assert _unasked(ev)["mes_lite"] == ("systems_in_use", "mes_coverage")
    # answered without an MES or a work-order app: the answers rule the MES step's
    # in-place condition out, and the question behind it stays hidden
    ev = _evaluate("auto_parts", drop=("mes_coverage",), systems_in_use=["erp"])
    assert "mes_coverage" not in _unasked(ev).get("mes_lite", ())
