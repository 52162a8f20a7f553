"""Issue 15's speed work changes no result: the engine's full JSON result (and the plan's
left-out solutions) for every persona and 300 synthetic firms on a frozen pack equals what
the engine gave before the work began (``engine_golden.py`` says how it was recorded)."""

from __future__ import annotations

import json

import pytest

from sme_assess.pack.loading import load_pack

from .engine_golden import GOLDEN, PACK, cases, digests, output, project


def test_every_result_is_what_the_engine_gave_before_the_speed_work() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    keys = {path: set(names) for path, names in golden["shape"].items()}
    pack = load_pack(PACK)
    seen = 0
    differ: list[str] = []
    for case in cases(pack):
        want = golden["cases"].get(case.id)
        if want is None:
            pytest.fail(f"case {case.id} is not in the golden file")
        got = digests(project(output(pack, case), keys))
        parts = sorted(k for k in want if got.get(k) != want[k])
        if parts:
            differ.append(f"{case.id}: {', '.join(parts)}")
        seen += 1
    assert seen == len(golden["cases"]) > 300
    assert not differ, "results changed:\n" + "\n".join(differ[:20])


def test_the_golden_cases_cover_plans_targets_and_both_languages() -> None:
    """The recorded cases exercise what the engine does, not only empty results."""
    pack = load_pack(PACK)
    langs, targets, plans, pulled, left = set(), 0, 0, 0, 0
    for i, case in enumerate(cases(pack)):
        if i % 10:
            continue
        data = output(pack, case)
        langs.add(data["language"])
        targets += data["target"] is not None
        plans += len(data["recommendations"]) > 5
        pulled += any(r["pulled_in"] for r in data["recommendations"])
        left += len(data["_left_out"]) > 0
    assert langs == {"en", "zh"}
    assert targets >= 3 and plans >= 20 and pulled >= 3 and left >= 20
