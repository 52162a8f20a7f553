"""The path to a target level, read as a consultant reads it: nothing beyond the target.

Run for every persona and every firm in tests/fixtures/firms with ``--target-level 3``.
Before catalogue 1.6.0's engine change, the path of every firm at level 0 or 1 reached level 3
through "decision-support models" (AI forecasts, which lift a firm already at level 3 to 4):
the projection put management at level 4's floor, which made up for the categories still
below 60, and credited its four scenarios at rung 3. A measure that starts at the target
level or above is now never in a path to it; such firms are told that level 3 is out of reach
in one plan, and how far the best path gets.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Evaluation, Options, evaluate
from sme_assess.pack.loading import Pack, load_pack

from ..conftest import FIXTURES, PACKS

FILES = sorted((FIXTURES / "personas").glob("*.yaml")) + sorted((FIXTURES / "firms").glob("*.yaml"))


@cache
def pack() -> Pack:
    return load_pack(PACKS / "manufacturing-sme")


def _to_level(path: Path, level: int) -> Evaluation:
    return evaluate(pack(), load_answers(path), Options(lang="en", target_level=level))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_path_to_level_3_holds_nothing_that_starts_at_level_3(path: Path) -> None:
    ev = _to_level(path, 3)
    assert ev.target is not None
    by_id = {s.id: s for s in pack().catalogue.solutions}
    beyond = [s for s in ev.target.solutions if by_id[s].lifts.from_level >= 3]
    assert not beyond, beyond
    if not ev.target.reachable:  # then it says how far the best path gets, below the target
        assert ev.target.projected_level is not None and ev.target.projected_level < 3


def test_level_2_plants_keep_a_path_to_level_3_and_level_1_plants_are_told_it_is_far() -> None:
    """The auto-parts supplier (ERP, MES, WMS linked) is a few steps from level 3; the job
    shop (level 0, no system) is not three levels up after one plan."""
    auto = _to_level(FIXTURES / "personas" / "auto_parts.yaml", 3).target
    assert auto is not None and auto.reachable and len(auto.solutions) <= 5
    shop = _to_level(FIXTURES / "personas" / "job_shop.yaml", 3).target
    assert shop is not None and not shop.reachable
    assert "decision_support_models" not in shop.solutions
