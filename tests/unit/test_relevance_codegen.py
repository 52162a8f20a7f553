"""The generated relevance pass (engine/relevance_codegen.py) gives exactly what the loop over
the solutions' rows gives: each eligible solution's relevance to the last bit and its reasons
in order, and those called for with their priority, on both built-in packs, for firms with
and without priorities, pain points and category gaps; and a plan is the same before and
after the code is generated."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from sme_assess.engine import plan_relevance
from sme_assess.engine.condition_codegen import GENERATE_AFTER
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.engine.matching import recommend
from sme_assess.engine.relevance_codegen import generated_relevance, loop_relevance
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS


def _firms(pack: Pack, n: int, seed: int) -> Iterator[Answers]:
    q = pack.questionnaire
    rnd = random.Random(seed)
    for i in range(n):
        yield Answers.model_validate(
            {
                "questionnaire": q.id,
                "questionnaire_version": q.version,
                "respondent": {"company": f"Firm {i}"},
                "answers": random_answers(q, rnd, skip=rnd.random() * 0.4),
            }
        )


@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_the_generated_relevance_gives_what_the_loop_gives(
    pack_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = load_pack(PACKS / pack_id)
    seen: list[tuple[Any, ...]] = []
    real = plan_relevance._pass

    def spy(cc: Any) -> Any:
        found = real(cc)

        def call(sids: Any, eligible: Any, firm: Any) -> Any:
            seen.append((found._rows, list(sids), set(eligible), firm))
            return found(sids, eligible, firm)

        return call

    monkeypatch.setattr(plan_relevance, "_pass", spy)
    for answers in _firms(pack, 150, 31):
        evaluate(pack, answers, Options(lenient=True))
    fast = generated_relevance(seen[0][0])
    boosted = reasons = 0
    for rows, sids, eligible, firm in seen:
        mine = fast(sids, eligible, firm._replace(memo={}))
        ref = loop_relevance(rows, sids, eligible, firm._replace(memo={}))
        assert list(mine[0].items()) == list(ref[0].items())  # the order too
        assert list(mine[1].items()) == list(ref[1].items())
        # the same floats (== would let -0.0 pass for 0.0)
        assert [v[0].hex() for v in mine[0].values()] == [v[0].hex() for v in ref[0].values()]
        assert [v.hex() for v in mine[1].values()] == [v.hex() for v in ref[1].values()]
        boosted += getattr(firm.boosted, "__name__", "") == "by_priority"
        reasons += sum(len(why) for _total, why in ref[0].values())
    # the comparison covered the branches: owners' priorities (and none), pain points,
    # category gaps
    if pack_id == "manufacturing-sme":  # the sample pack asks for no priorities
        assert 0 < boosted < len(seen)
    assert reasons > 2 * len(seen)


def test_a_plan_is_the_same_before_and_after_the_code_is_generated() -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    firms = list(_firms(pack, GENERATE_AFTER + 4, 9))
    plan_relevance._ROWS.clear()  # a fresh pass: the loop answers first
    first = [evaluate(pack, a, Options(lenient=True)) for a in firms]
    cc = next(iter(plan_relevance._ROWS.values()))[1]
    assert cc._call != cc._by_loop  # the generated code answers now
    again = [recommend(ev.assessment, pack.catalogue, ev.profile) for ev in first[:GENERATE_AFTER]]
    assert again == [ev.recommendations for ev in first[:GENERATE_AFTER]]
