"""Answers set aside (not counted) said by their kind, with the question's words, in any
language: one source for the score screen and the report. Nothing prints here."""

from __future__ import annotations

from ..engine.answers_check import AnswerProblem
from ..engine.evaluation import Evaluation
from ..i18n import N_, is_source_language, translator

# said at the top, not as answers left out: the result depends on them
NOTE_KEYS = ("questionnaire_version", "short_form", "language")
SHOW_SET_ASIDE = 20  # answers set aside listed; a file of 10,000 lists 20

# what an answer set aside is said as, by its kind (AnswerProblem.code), in any language
_SET_ASIDE = {
    "hidden": N_("{q}: not asked because of earlier answers; this answer is not counted"),
    "unknown_question": N_(
        "{q} is not a question of this questionnaire; this answer is not counted"
    ),
    "not_carried": N_("{q}: answered for version {a}, not carried over; not counted"),
}


def set_aside_line(problem: AnswerProblem, ev: Evaluation, width: int = 60) -> str:
    """An answer set aside (``--lenient``, a question its stage hides, a question that is not
    in the pack), said in the result's language by its kind (never by matching the English
    message), the question named by its words (an id only when the pack has no such
    question: an owner reads the question, not ``out_yield``)."""
    lang = ev.result.language
    _ = translator(lang)
    code = problem.code
    if code == "language":
        if is_source_language(lang):  # as the result says it, with the languages there are
            return str(problem)
        return _(
            "the answers ask for the language “{x}”, which neither the questionnaire nor "
            "the tool has: the result is in {lang}",
            x=ev.answers.language or "",
            lang=lang,
        )
    known = ev.pack.questionnaire.question(problem.key) is not None
    q = f"“{ev.namer.question(problem.key, width)}”" if known else f"“{problem.key}”"
    if code == "not_carried":
        change = ev.result.version_change
        return _(_SET_ASIDE[code], q=q, a=change.answered_for if change else "?")
    if code in _SET_ASIDE:
        return _(_SET_ASIDE[code], q=q)
    # an answer that does not fit (--lenient): the reason as the checks give it, with the
    # question's id (the one who fixes the file looks for it there)
    return _("{q}: the answer does not fit and is not counted ({why})", q=q, why=str(problem))


def set_aside(ev: Evaluation) -> list[AnswerProblem]:
    """The answers set aside that are listed as such (the notes on version, form and
    language are said first, elsewhere)."""
    return [p for p in ev.ignored if p.key not in NOTE_KEYS]


def more_set_aside(n: int, lang: str) -> str:
    """The line under the first answers set aside: how many more, and where every one is."""
    _ = translator(lang)
    return _("… and {n} more: every one is in `score --format json` (ignored)", n=format(n, ","))
