"""Answers against a questionnaire: every problem at once, keyed by the answer's question id."""

import math
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from ..models import NA, UNKNOWN, Answers, Questionnaire
from ..models.questionnaire import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ..pack.yaml_errors import plain_key, spelled
from .compiled import compile_questionnaire, option_values
from .visibility import visible_questions


class AnswerProblem(NamedTuple):
    key: str  # question id, or a top-level field ("questionnaire", "questionnaire_version")
    message: str
    ignorable: bool = True  # --lenient may drop the answer and go on
    # what kind of problem, for the screens that say it in another language (not the English
    # message matched): "hidden", "not_carried", "unknown_question", "language"; "" otherwise
    code: str = ""

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


def _options_text(values: list[str]) -> str:
    shown = ", ".join(values[:12])
    return shown + (", …" if len(values) > 12 else "")


# No silent reading of other forms: a 1 is "yes" in one export and the first option ("no")
# in another; survey tables have their own, stated mapping (answer_io).
_YES_NO_HINT = ' (write true or false: 1, 0, "yes", "no", "是" and "否" are not read as either)'
_NUMBER_HINT = " (write the number alone, e.g. 1200 or 3.5: no units, thousands separators or %)"


def _by_label(
    q: SingleChoiceQuestion | ScaleQuestion | MultipleChoiceQuestion, given: list[Any]
) -> str:
    """What to write instead when an answer gives an option's label (in any language) or its
    value in other case or with spaces; "" when none does. Said, never read as that option:
    a label may be shared, and the file's author should see what was meant."""
    said = []
    for text in given:
        if not isinstance(text, str):
            continue
        wanted = plain_key(text)
        for option in q.options:
            labels = option.label.values() if isinstance(option.label, dict) else [option.label]
            if plain_key(option.value) == wanted or any(
                plain_key(label) == wanted for label in labels
            ):
                said.append(f"'{option.value}' for '{spelled(text)}'")
                break
    return f"; write the option's value as the pack spells it: {', '.join(said)}" if said else ""


def as_written(value: Any) -> str:
    """A value as the answers file spells it (YAML/JSON: true, null, [a, b]), never Python's
    True/None: what the user wrote, in the message that says what was expected."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        shown = ", ".join(as_written(v) for v in value[:5]) + (", …" if len(value) > 5 else "")
        return f"a list [{shown}]"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def expected_of(q: Question) -> str:
    """What an answer to ``q`` is, in words: "one option value (a, b)", "a number"..."""
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        return f"one option value ({_options_text(option_values(q)[0])})"
    if isinstance(q, MultipleChoiceQuestion):
        return f"a list of option values ({_options_text(option_values(q)[0])})"
    if isinstance(q, NumberQuestion):
        return "a whole number" if q.integer else "a number"
    if isinstance(q, YesNoQuestion):
        return "true or false"
    return "text"


def expected_in(q: Questionnaire) -> Callable[[Any, str], str | None]:
    """``native.load_answers``'s ``expected`` for answers to ``q`` (the file's own pack id
    aside: a file for another pack is said as such later)."""

    def expected(data: Any, qid: str) -> str | None:
        question = q.question(qid)
        return None if question is None else expected_of(question)

    return expected


def _meant(key: str, ids: Mapping[str, Any]) -> str:
    """The question an unknown id most likely means (other case, invisible or full-width
    characters, a typo), said so that the file is mended; never read as that question."""
    wanted = plain_key(key)
    same = [qid for qid in ids if plain_key(qid) == wanted]
    if not same:
        import difflib

        same = difflib.get_close_matches(wanted, list(ids), n=1, cutoff=0.85)
    if not same:
        return ""
    written = f" (written '{spelled(key)}')" if spelled(key) != key else ""
    return f"; did you mean '{same[0]}'?{written}"


def check_value(q: Question, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``q``, or None when it is."""
    if isinstance(value, str) and value in (NA, UNKNOWN):
        if value == NA and not q.allow_na:
            return "'n/a' is not allowed for this question"
        if value == UNKNOWN and not q.allow_unknown:
            return "'unknown' is not allowed for this question"
        return None
    if isinstance(q, SingleChoiceQuestion | ScaleQuestion):
        values, known = option_values(q)
        if isinstance(value, str) and value in known:
            return None
        if not isinstance(value, str):
            return f"expected one option value ({_options_text(values)}), got {as_written(value)}"
        if value not in values:
            return f"'{spelled(value)}' is not an option ({_options_text(values)})" + _by_label(
                q, [value]
            )
        return None
    if isinstance(q, MultipleChoiceQuestion):
        values, known = option_values(q)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"expected a list of option values ({_options_text(values)}), got " + as_written(
                value
            )
        unknown = [v for v in value if v not in known]
        if unknown:
            return (
                f"not options: {', '.join(map(repr, unknown))} ({_options_text(values)})"
                + _by_label(q, unknown)
            )
        if len(set(value)) != len(value):
            return "an option is ticked twice"
        if q.max_selected is not None and len(value) > q.max_selected:
            return f"tick at most {q.max_selected} options ({len(value)} ticked)"
        exclusive = [o.value for o in q.options if o.exclusive and o.value in value]
        if exclusive and len(value) > 1:
            return f"'{exclusive[0]}' cannot be combined with other options"
        return None
    if isinstance(q, NumberQuestion):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"expected a number, got {as_written(value)}" + (
                _NUMBER_HINT if isinstance(value, str) else ""
            )
        if not math.isfinite(value):
            return "expected a finite number"
        if q.integer and float(value) != int(value):
            return f"expected a whole number, got {value}"
        if q.min is not None and value < q.min:
            return f"{value:g} is below the minimum {q.min:g}"
        if q.max is not None and value > q.max:
            return f"{value:g} is above the maximum {q.max:g}"
        return None
    if isinstance(q, YesNoQuestion):
        if not isinstance(value, bool):
            return f"expected true or false, got {as_written(value)}" + _YES_NO_HINT
        return None
    if isinstance(q, TextQuestion):
        if not isinstance(value, str):
            return f"expected text, got {as_written(value)}"
        if q.max_length is not None and len(value) > q.max_length:
            return f"text is longer than {q.max_length} characters"
        return None
    return None  # pragma: no cover - every type is handled above


_Multi = tuple[frozenset[str], float, frozenset[str]]  # options, most ticked, exclusive
_PLAIN_OK: dict[int, tuple[Questionnaire, dict[str, frozenset[Any]], dict[str, _Multi | None]]] = {}


def _plain_ok(q: Questionnaire) -> tuple[dict[str, frozenset[Any]], dict[str, _Multi | None]]:
    """Question id -> the text and true/false answers that ``check_value`` accepts for it
    (its options, "n/a" and "unknown" where allowed; true and false for yes/no), and for a
    multiple-choice question what a ticked list may hold: worked out once per questionnaire,
    so that most answers are checked by a set lookup or two."""
    hit = _PLAIN_OK.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1], hit[2]
    table: dict[str, frozenset[Any]] = {}
    multi: dict[str, _Multi | None] = {}
    for question in q.questions():
        multi[question.id] = (
            (
                option_values(question)[1],
                math.inf if question.max_selected is None else question.max_selected,
                frozenset(o.value for o in question.options if o.exclusive),
            )
            if isinstance(question, MultipleChoiceQuestion)
            else None
        )
        ok: set[Any] = set()
        if question.allow_na:
            ok.add(NA)
        if question.allow_unknown:
            ok.add(UNKNOWN)
        if isinstance(question, SingleChoiceQuestion | ScaleQuestion):
            ok |= {v for v in option_values(question)[1] if v not in (NA, UNKNOWN)}
        elif isinstance(question, YesNoQuestion):
            ok |= {True, False}
        table[question.id] = frozenset(ok)  # the last of a repeated id, as by_id
    if len(_PLAIN_OK) > 16:
        _PLAIN_OK.clear()
    _PLAIN_OK[id(q)] = (q, table, multi)
    return table, multi


def _ticked_ok(spec: _Multi | None, value: list[Any]) -> bool:
    """Whether ``check_value`` would accept the list for a multiple-choice question
    (``spec``: its options, the most that may be ticked, its exclusive options)."""
    if spec is None:
        return False
    known, most, exclusive = spec
    n = len(value)
    try:  # every item one of the options (so a text), none twice
        if not known.issuperset(value) or len(set(value)) != n:
            return False
    except TypeError:  # an unhashable item: check_value says what is wrong
        return False
    return n <= most and (n <= 1 or exclusive.isdisjoint(value))


def check_answers(
    q: Questionnaire, answers: Answers, may_be_unanswered: Callable[[str], bool] | None = None
) -> list[AnswerProblem]:
    """Every problem in an answers file, in question order, then unknown keys.

    The answers' version is not checked here: ``versions.carry_over`` makes answers given
    for an earlier version ready first; ``may_be_unanswered`` names the required questions
    that are new since then (not a problem when unanswered)."""
    problems: list[AnswerProblem] = []
    if answers.questionnaire != q.id:
        from ..pack.locate import unknown_pack

        other = f"answers are for questionnaire '{answers.questionnaire}', not '{q.id}'"
        unknown = unknown_pack(answers.questionnaire)
        problems.append(
            AnswerProblem("questionnaire", f"{other}: {unknown}" if unknown else other, False)
        )
        return problems
    cq = compile_questionnaire(q)
    by_id = cq.by_id
    plain_ok, multi_ok = _plain_ok(q)
    valid: dict[str, Any] = {}
    for key, value in answers.answers.items():
        question = by_id.get(key)
        if question is None:
            problems.append(
                AnswerProblem(
                    key,
                    "no such question in this questionnaire" + _meant(key, by_id),
                    code="unknown_question",
                )
            )
            continue
        cls = value.__class__
        if (cls is str or cls is bool) and value in plain_ok[key]:
            valid[key] = value  # the common case, known valid without the checks below
            continue
        if isinstance(value, list) and _ticked_ok(multi_ok[key], value):
            valid[key] = value  # options ticked once each, within the limits
            continue
        why = check_value(question, value)
        if why:
            problems.append(AnswerProblem(key, why))
        else:
            valid[key] = value
    if answers.options_not_asked:
        problems += _not_asked_problems(answers.options_not_asked, by_id)
    # every required question answered (the common case): none can be missing where shown
    shown = () if all(qid in valid for qid in cq.required) else visible_questions(q, valid)
    for question in shown:
        if (
            question.required
            and question.id not in valid
            and question.id not in answers.answers
            and not (may_be_unanswered and may_be_unanswered(question.id))
        ):
            problems.append(AnswerProblem(question.id, "required question is not answered"))
    if not problems:
        return problems
    order = {question.id: i for i, question in enumerate(q.questions())}
    problems.sort(key=lambda p: order.get(p.key, -1 if not p.ignorable else len(order)))
    return problems


def _not_asked_problems(
    not_asked: Mapping[str, list[str]], by_id: Mapping[str, Question]
) -> list[AnswerProblem]:
    """``options_not_asked`` names options of multiple-choice questions of the pack."""
    found = []
    for qid, options in not_asked.items():
        question = by_id.get(qid)
        if not isinstance(question, MultipleChoiceQuestion):
            why = (
                "not a question of this questionnaire"
                if question is None
                else f"a {question.type} question, not a multiple-choice one"
            )
            found.append(
                AnswerProblem("options_not_asked", f"'{qid}' is {why}: its options cannot be named")
            )
            continue
        values = [o.value for o in question.options]
        odd = [o for o in options if o not in values]
        if odd:
            found.append(
                AnswerProblem(
                    "options_not_asked",
                    f"'{qid}' has no option {', '.join(odd)} ({_options_text(values)})",
                )
            )
    return found


def not_asked_of(q: Questionnaire, answers: Answers) -> dict[str, tuple[str, ...]]:
    """The answers' ``options_not_asked`` that name options of multiple-choice questions of
    the pack (the others are problems: ``check_answers``)."""
    if not answers.options_not_asked:
        return {}  # the usual case
    by_id = compile_questionnaire(q).by_id
    found: dict[str, tuple[str, ...]] = {}
    for qid, options in answers.options_not_asked.items():
        question = by_id.get(qid)
        if isinstance(question, MultipleChoiceQuestion):
            values = {o.value for o in question.options}
            if all(o in values for o in options):
                found[qid] = tuple(options)
    return found


def usable_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that fit their questions (what --lenient scores)."""
    by_id = compile_questionnaire(q).by_id
    return {
        key: value
        for key, value in answers.items()
        if key in by_id and check_value(by_id[key], value) is None
    }
