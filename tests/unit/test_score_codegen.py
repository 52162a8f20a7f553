"""The generated questions' pass (engine/score_codegen.py) gives exactly what the loop over
the compiled plans gives: the answers shown, each question's record, and every category's
records and sums to the last bit, on both built-in packs, for firms that skip, answer "n/a"
and "don't know", and answer questions they are not shown."""

from __future__ import annotations

import random

import pytest

from sme_assess.engine.compiled import compile_questionnaire
from sme_assess.engine.condition_codegen import GENERATE_AFTER
from sme_assess.engine.score_codegen import QuestionPass, generated_pass, loop_pass
from sme_assess.engine.scoring import score_categories
from sme_assess.pack.loading import load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS


@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_the_generated_pass_gives_what_the_loop_gives(pack_id: str) -> None:
    q = load_pack(PACKS / pack_id).questionnaire
    cq = compile_questionnaire(q)
    fast = generated_pass(cq)
    rnd = random.Random(23)
    hidden = unanswered = 0
    for _ in range(300):
        values = random_answers(q, rnd, skip=rnd.random() * 0.6, na=0.1, unknown=0.1)
        mine, ref = fast(values), loop_pass(cq, values)
        assert mine == ref
        # the floats are the same floats (== would let -0.0 pass for 0.0)
        for got, want in zip(mine[3:], ref[3:], strict=True):
            assert [x.hex() for x in got] == [x.hex() for x in want]
        hidden += len(values.keys() - ref[1].keys())
        unanswered += sum(1 for r in ref[1].values() if r.status == "unanswered")
    assert unanswered > 100  # the comparison covered the branches, not only answers
    if pack_id == "manufacturing-sme":
        assert hidden > 0  # answers to questions not shown were left out alike


def test_score_categories_is_the_same_before_and_after_the_code_is_generated() -> None:
    q = load_pack(PACKS / "manufacturing-sme").questionnaire
    cq = compile_questionnaire(q)
    rnd = random.Random(4)
    firms = [random_answers(q, rnd, skip=0.3, na=0.1, unknown=0.1) for _ in range(12)]
    fresh = QuestionPass()
    fresh.bind(cq)
    by_loop = [fresh(values) for values in firms[:GENERATE_AFTER]]
    assert fresh._call == fresh._by_loop  # the loop answered the first calls
    by_code = [fresh(values) for values in firms[:GENERATE_AFTER]]
    assert fresh._call != fresh._by_loop  # then the generated code
    assert by_code == by_loop
    scored = [score_categories(q, values) for values in firms]
    assert [s.questions for s in scored] == [loop_pass(cq, v)[1] for v in firms]
