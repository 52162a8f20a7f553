"""Why an answer does not fit its question, said in the run's language with the pack's labels.

``answers_check.check_value`` decides whether a value fits (one authority for every command);
this module only explains a refusal to the person answering, naming options by their label,
never by their internal value.
"""

from __future__ import annotations

from typing import Any

from ..engine.answers_check import check_value
from ..models import NA, UNKNOWN, Questionnaire, text_for
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
)
from .words import word


def plain(number: float) -> str:
    """A number as a person types it, exactly: ``10000000``, ``12.3456789`` (not ``1e+07`` or
    ``12.3457``, which would change an answer given back as the default)."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number) if isinstance(number, float) else str(number)


def why_not(q: Question, value: Any, lang: str, fallback: str) -> str | None:
    """Why ``value`` cannot be the answer to ``q`` (in ``lang``), or None when it can."""
    if check_value(q, value) is None:
        return None
    return _explain(q, value, lang, fallback)


def _explain(q: Question, value: Any, lang: str, fallback: str) -> str:
    if value == NA:
        return word("na_not_allowed", lang)
    if value == UNKNOWN:
        return word("unknown_not_allowed", lang)
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion) and isinstance(value, str):
        return word("not_option", lang, value=value)
    if isinstance(q, MultipleChoiceQuestion) and isinstance(value, list):
        labels = {o.value: text_for(o.label, lang, fallback) for o in q.options}
        strange = [str(v) for v in value if v not in labels]
        if strange:
            return word("not_option", lang, value=strange[0])
        if len(set(value)) != len(value):
            return word("twice", lang)
        if q.max_selected is not None and len(value) > q.max_selected:
            return word("too_many", lang, n=q.max_selected, k=len(value))
        exclusive = [o.value for o in q.options if o.exclusive and o.value in value]
        if exclusive:
            return word("exclusive", lang, label=labels[exclusive[0]])
    if isinstance(q, NumberQuestion) and isinstance(value, int | float):
        if q.integer and float(value) != int(value):
            return word("not_whole", lang)
        if q.min is not None and value < q.min:
            return word("below_min", lang, value=plain(value), limit=plain(q.min))
        if q.max is not None and value > q.max:
            return word("above_max", lang, value=plain(value), limit=plain(q.max))
    if isinstance(q, TextQuestion) and isinstance(value, str) and q.max_length is not None:
        return word("too_long", lang, n=q.max_length, k=len(value))
    return word("misfit", lang)


def saved_misfits(
    q: Questionnaire, answers: dict[str, Any], lang: str
) -> tuple[dict[str, Any], list[str], list[tuple[str, Any, str]]]:
    """The saved answers that still fit; notes (in ``lang``, questions named by their text)
    about the ones that no longer do and will be asked again; and those, as (question id,
    value, why), to keep aside in the draft.

    An empty tick list is not an answer: it is asked again too (and not kept aside).
    """
    fallback = q.default_language
    by_id = {x.id: x for x in q.questions()}
    kept: dict[str, Any] = {}
    notes: list[str] = []
    aside: list[tuple[str, Any, str]] = []
    gone = 0
    for key, value in answers.items():
        question = by_id.get(key)
        if question is None:
            gone += 1
            aside.append((key, value, word("no_question", lang)))
            continue
        why = why_not(question, value, lang, fallback)
        empty = why is None and isinstance(question, MultipleChoiceQuestion) and value == []
        if empty:
            why = word("nothing_saved_ticked", lang)
        if why is None:
            kept[key] = value
            continue
        text = text_for(question.text, lang, fallback)
        notes.append(word("ask_again", lang, question=text, why=why))
        if not empty:
            aside.append((key, value, why))
    if gone:
        notes.append(word("gone", lang, n=gone))
    return kept, notes, aside
