"""The Result's reasons and triggers are memoised across firms (per language): a long batch
must give every firm what a fresh process gives it.

- the memo keeps what recurs and drops the rest in generations (``engine/bounded.py``), so a
  batch never holds more than twice its size, and a firm met after many turns of it gets
  the same reasons, texts and triggers as alone;
- the memo is keyed by value, where 3 and 3.0 (or True and 1) are one key: safe only while
  every parameter of a reason has one type whatever the firm's answers. The second test
  holds that over both built-in packs, numbers answered as ints and as floats.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import pytest

from sme_assess.engine import result_out
from sme_assess.engine.bounded import Generations
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.engine.matching import left_out
from sme_assess.engine.scoring import Reason
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.synthetic import random_answers

from ..conftest import PACKS


def _firms(pack: Pack, n: int, seed: int, floats: bool = False) -> list[Answers]:
    q = pack.questionnaire
    rnd = random.Random(seed)
    firms = []
    for i in range(n):
        answers = random_answers(q, rnd)
        for key, value in answers.items():  # a number as the other of int and float
            if isinstance(value, int | float) and not isinstance(value, bool):
                if floats:
                    answers[key] = float(value)
                elif float(value).is_integer():
                    answers[key] = int(value)
        firms.append(
            Answers.model_validate(
                {"questionnaire": q.id, "respondent": {"company": f"Firm {i}"}, "answers": answers}
            )
        )
    return firms


def test_a_long_batch_gives_each_firm_what_a_fresh_process_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load_pack(PACKS / "manufacturing-sme")
    firms = _firms(pack, 120, seed=21)
    options = [Options(lang="zh" if i % 2 else "en") for i in range(len(firms))]
    # alone: every memo of the Result empty for each firm
    alone = []
    for firm, option in zip(firms, options, strict=True):
        monkeypatch.setattr(result_out, "_OUTS", {})
        monkeypatch.setattr(result_out, "_TRIGGERS", Generations(4_096))
        alone.append(evaluate(pack, firm, option).result.model_dump_json())
    # in a row, with memos small enough to turn over many times within the batch
    monkeypatch.setattr(result_out, "_OUTS", {})
    monkeypatch.setattr(result_out, "REASONS_KEPT", 40)
    monkeypatch.setattr(result_out, "_TRIGGERS", Generations(40))
    for _ in range(2):  # the second pass meets every reason again, after the turns
        for firm, option, expected in zip(firms, options, alone, strict=True):
            assert evaluate(pack, firm, option).result.model_dump_json() == expected
    kept = [outs for _namer, outs in result_out._OUTS.values()]
    assert len(kept) == 2  # one memo per language
    for outs in kept:
        assert 40 < len(outs) <= 80  # turned over, and never above two generations
    assert len(result_out._TRIGGERS) <= 80


def test_generations_keep_what_recurs_and_drop_what_came_once() -> None:
    memo: Generations[str, int] = Generations(3)
    memo.put("often", 1)
    for i in range(12):  # many turns, "often" asked for in each
        memo.put(f"once{i}", i)
        assert memo.get("often") == 1
    assert memo.get("once0") is None  # came once, long ago: gone
    assert memo.get("once11") == 11
    assert len(memo) <= 6


def _types(value: Any) -> set[str]:
    if isinstance(value, tuple):
        return set().union(*(_types(v) for v in value)) if value else set()
    return set() if value is None else {type(value).__name__}


def _reasons(ev: Evaluation) -> list[Reason]:
    found = [r for rec in ev.recommendations for r in rec.reasons]
    found += [r for check in ev.assessment.level_checks for r in check.reasons]
    if ev.target is not None:
        found.append(ev.target.assumption)
    found += [out.reason for out in left_out(ev.assessment, ev.pack.catalogue, ev.profile)]
    return found


@pytest.mark.parametrize("pack_id", ["manufacturing-sme", "sample"])
def test_every_reason_parameter_has_one_type_whatever_the_firm(pack_id: str) -> None:
    pack = load_pack(PACKS / pack_id)
    levels = [lv.number for lv in pack.questionnaire.levels]
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for floats in (False, True):
        for i, firm in enumerate(_firms(pack, 60, seed=4, floats=floats)):
            target = levels[i % len(levels)] if i % 3 == 0 else None
            ev = evaluate(pack, firm, Options(lenient=True, target_level=target))
            for reason in _reasons(ev):
                for name, value in reason.params:
                    seen[(reason.code, name)] |= _types(value)
    assert len(seen) > 20  # the firms met most kinds of reason
    mixed = {key: types for key, types in seen.items() if len(types) > 1}
    assert not mixed, f"a reason parameter of more than one type would share a memo key: {mixed}"
