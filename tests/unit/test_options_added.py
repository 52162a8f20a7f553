"""Options added to a multiple-choice question since an earlier version of the pack (a
migration's ``options_added``): an answer given then could not tick them, so whether they
hold is unknown, not false. Carried over, conditions read them as they read an unanswered
question (walked, compiled and generated alike), and the note names them."""

from __future__ import annotations

import pytest

from sme_assess.engine.condition_codegen import generated
from sme_assess.engine.condition_compile import compile_source, plain_source
from sme_assess.models import Answers
from sme_assess.models.common import PartlyKnown
from sme_assess.pack.conditions import evaluate, parse_condition
from sme_assess.pack.versions import carry_over, unknown_options, version_note

from .packs_factory import questionnaire

TOOLS = {
    "id": "tools",
    "type": "multiple_choice",
    "text": "Which tools do you use?",
    "category": "b",
    "options": [
        {"value": "cad", "label": "CAD software"},
        {"value": "erp", "label": "An ERP"},
        {"value": "mes", "label": "An MES"},
    ],
}
MIGRATION = {"version": "1.0.0", "options_added": {"tools": ["mes"]}}


def _carry(value: object, version: str = "1.0.0"):  # type: ignore[no-untyped-def]
    q = questionnaire([TOOLS], version="1.1.0", migrations=[MIGRATION])
    answers = Answers.model_validate(
        {"questionnaire": "t", "questionnaire_version": version, "answers": {"tools": value}}
    )
    return q, carry_over(q, answers)


def test_an_answer_for_the_earlier_version_leaves_the_added_option_unknown() -> None:
    q, carried = _carry(["cad"])
    assert carried.not_asked == {"tools": ("mes",)}
    assert carried.answers.answers == {"tools": ["cad"]}  # the answer itself as given
    values = unknown_options(carried.answers.answers, carried.not_asked)
    assert isinstance(values["tools"], PartlyKnown) and values["tools"] == ["cad"]
    note = version_note(carried, q, "en", [], [])
    assert (
        "“Which tools do you use?” did not list “An MES” when it was answered, so whether it "
        "applies is not known" in note
    )
    zh = version_note(carried, q, "zh", [], [])
    assert "作答时，“Which tools do you use?”还没有“An MES”这一项，所以不知道您有没有" in zh


@pytest.mark.parametrize("value", [["cad", "mes"], "n/a", "unknown"])
def test_an_answer_that_ticks_it_or_says_n_a_or_don_t_know_leaves_nothing_unknown(
    value: object,
) -> None:
    q, carried = _carry(value)
    assert carried.not_asked == {}
    assert "did not list" not in version_note(carried, q, "en", [], [])


def test_answers_for_this_version_are_taken_as_given() -> None:
    _, carried = _carry(["cad"], version="1.1.0")
    assert carried.not_asked == {}


# each condition's truth for an answer ticking CAD, its MES option never asked; for the same
# question unanswered; and for CAD ticked with every option asked (MES known not ticked). On
# the unknown option the first reads as the second, never as the third
CONDITIONS = [
    ("'mes' in tools", False, False, False),
    ("'mes' not in tools", False, False, True),
    ("not ('mes' in tools)", True, True, True),
    ("'cad' in tools", True, False, True),
    ("'cad' not in tools", False, False, False),
    ("'erp' not in tools", True, False, True),
    ("'cad' in tools and 'mes' not in tools", False, False, True),
    ("'cad' in tools or 'mes' in tools", True, False, True),
    ("tools == ['cad']", False, False, True),
    ("tools != ['cad']", False, False, False),
    ("tools", True, False, True),
]


@pytest.mark.parametrize(("source", "partly", "unanswered", "known"), CONDITIONS)
def test_a_condition_reads_an_option_never_asked_as_an_unanswered_question(
    source: str, partly: bool, unanswered: bool, known: bool
) -> None:
    answer = PartlyKnown(["cad"], frozenset({"mes"}))
    walked = evaluate(parse_condition(source), {"tools": answer})
    compiled = compile_source(source, {})({"tools": answer})
    code = generated([(plain_source(source), ())], {})({"tools": answer})[0]
    assert walked == compiled == code == partly
    assert evaluate(parse_condition(source), {}) == unanswered
    assert evaluate(parse_condition(source), {"tools": ["cad"]}) == known
    assert compile_source(source, {})({"tools": ["cad"]}) == known
