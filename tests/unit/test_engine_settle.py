"""A process that evaluates many firms (a batch worker) stops walking the pack in every full
garbage collection: after ``SETTLE_AFTER`` evaluations what is built for good is frozen."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import gc, random, sys
    BASE = gc.get_freeze_count()  # Python 3.12 freezes a few hundred objects of its own
    from sme_assess.engine.evaluation import evaluate
    from sme_assess.engine.settle import SETTLE_AFTER
    from sme_assess.models import Answers
    from sme_assess.pack.loading import load_pack
    from sme_assess.synthetic import random_answers

    if sys.argv[2] == "off":
        gc.disable()
    pack = load_pack(__import__("pathlib").Path(sys.argv[1]))
    q, rnd = pack.questionnaire, random.Random(1)
    counts = []
    for i in range(SETTLE_AFTER):
        counts.append(gc.get_freeze_count() - BASE)
        a = {"questionnaire": q.id, "questionnaire_version": q.version,
             "respondent": {"company": f"F{i}"}, "answers": random_answers(q, rnd)}
        evaluate(pack, Answers.model_validate(a))
    print(max(counts), gc.get_freeze_count() - BASE)
    """
)


def _frozen(collector: str) -> tuple[int, int]:
    pack = REPO / "questionnaires" / "manufacturing-sme"
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(pack), collector],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout  # fmt: skip
    before, after = map(int, out.split())
    return before, after


def test_the_pack_is_frozen_after_a_few_evaluations() -> None:
    before, after = _frozen("on")
    assert before == 0  # a command scoring one firm, or a few, never pays for it
    assert after > 10_000  # the pack's models and compiled forms, out of the collector's walk


def test_a_caller_that_turned_the_collector_off_keeps_it_off() -> None:
    assert _frozen("off") == (0, 0)
