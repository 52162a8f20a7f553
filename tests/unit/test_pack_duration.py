"""The durations the built-in pack states (the whole questionnaire 35-45 minutes, `run --short`
25-30) hold by one measure, the pack review's: Chinese characters to read (question texts,
option labels, descriptors, band labels) at 350 a minute, plus 9 to 16.5 seconds a question
for deciding and some help (what the full form's 35-45 minutes leaves a question). A short
form that grows past its stated time, or a full form that grows past 45 minutes, fails here:
say the new time (README, `run --short`'s help) or take a question out."""

from __future__ import annotations

from functools import cache

from sme_assess.engine.answers_notes import short_form_ids
from sme_assess.models.questionnaire import Question
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import PACKS

READ_PER_MINUTE = 350  # zh characters, as the pack review read them
DECIDE_SECONDS = (9.0, 16.5)  # a question: choosing, a glance at the help


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def _reading(question: Question) -> int:
    """zh characters a respondent reads to answer: the text, options, descriptors, bands."""
    parts = [question.text.get("zh", "")]
    for option in getattr(question, "options", []):
        parts.append(option.label.get("zh", ""))
        parts.append((getattr(option, "descriptor", None) or {}).get("zh", ""))
    for band in getattr(question, "bands", []):
        parts.append(band.label.get("zh", ""))
    return sum(len(p) for p in parts)


def _minutes(questions: list[Question]) -> tuple[float, float]:
    reading = sum(_reading(x) for x in questions) / READ_PER_MINUTE
    lo, hi = (reading + len(questions) * s / 60 for s in DECIDE_SECONDS)
    return lo, hi


def _holds(measured: tuple[float, float], stated: tuple[int, int]) -> bool:
    """ "About a-b minutes" is true when the measure, to the minute, is within it (a time a
    minute shorter than stated is still about it; a longer one is not)."""
    lo, hi = (round(x) for x in measured)
    return stated[0] - 1 <= lo and hi <= stated[1]


def test_the_whole_questionnaire_takes_the_time_it_states() -> None:
    q = pack().questionnaire
    assert q.duration is not None
    measured = _minutes(q.questions())
    assert _holds(measured, (q.duration.min_minutes, q.duration.max_minutes)), measured


def test_the_short_form_takes_the_time_it_states_and_asks_fewer_questions() -> None:
    q = pack().questionnaire
    assert q.short_form is not None
    asked = short_form_ids(q) or set()
    questions = [x for x in q.questions() if x.profile or x.id in asked]
    measured = _minutes(questions)
    stated = (q.short_form.duration.min_minutes, q.short_form.duration.max_minutes)
    assert stated == (25, 30)  # what `run --short`'s help and the README say
    assert _holds(measured, stated), measured
    # and it is really shorter: its longest time is below the full form's shortest
    assert measured[1] < _minutes(q.questions())[0]


def test_the_measure_catches_the_short_form_of_1_2_0() -> None:
    """The four questions 1.3.0 took out (a named security person, the three machine counts)
    put the short form over its 30 minutes."""
    q = pack().questionnaire
    asked = short_form_ids(q) or set()
    back = {"security_owner", "machines_total", "machines_digital", "machines_networked"}
    assert not back & asked
    questions = [x for x in q.questions() if x.profile or x.id in asked | back]
    assert not _holds(_minutes(questions), (25, 30))
