"""The engine against the floor, in one run and one process, on the built-in pack:

1. category scores: the engine's ``score_categories`` (question scores, category means, the
   overall score) against ``reference.Reference``, a minimal plain-Python scorer, on the same
   answers; the two must agree exactly (asserted). Target: at most 2x the reference.
2. the whole ``evaluate`` (check, score, levels, pain points, plan, result) per respondent,
   and against the reference. Issue 15's other target, evaluate at least 3x faster than
   before, compares two checkouts, so it is measured with ``--n`` on each and noted in the
   README, not here.
3. answers loaded and validated alone (the batch floor) in answers/s.

CPU time of this process (time.process_time), best of --repeat rounds, so that a busy
machine disturbs the figures less.

Run: .venv/bin/python benchmarks/score_speed.py [--n 1000] [--repeat 5] [--pack ID]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from _timing import REPO
from reference import Reference

from sme_assess.answer_io.native import parse_answers_text
from sme_assess.answers_check import check_answers
from sme_assess.evaluation import evaluate
from sme_assess.loading import load_pack, validate_doc
from sme_assess.models import Answers
from sme_assess.scoring import score_categories
from sme_assess.synthetic import random_answers


def best(fn: Callable[[Any], object], items: Sequence[Any], repeat: int) -> float:
    """Best CPU seconds per item of ``fn`` over ``items``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        times.append(time.process_time() - start)
    return min(times) / len(items)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pack", default="manufacturing-sme")
    args = parser.parse_args()
    pack = load_pack(REPO / "questionnaires" / args.pack)
    q = pack.questionnaire
    rnd = random.Random(7)
    texts = [
        json.dumps(
            {
                "questionnaire": q.id,
                "questionnaire_version": q.version,
                "respondent": {"company": f"Firm {i}"},
                "answers": random_answers(q, rnd),
            }
        )
        for i in range(args.n)
    ]

    def load(text: str) -> Answers:
        model, _ = validate_doc(parse_answers_text(text, "x.json"), Answers)
        assert model is not None
        return model

    answers = [load(text) for text in texts]
    values = [dict(a.answers) for a in answers]
    ref = Reference(q)
    for v in values:  # the floor is only a floor if it computes the same thing
        mine = score_categories(q, v)
        cats, overall, _ = ref.score(v)
        assert cats == {c.id: c.score for c in mine.categories}, "category scores differ"
        assert overall == mine.overall, "overall scores differ"

    t_ref = best(ref.score, values, args.repeat)
    t_cat = best(lambda v: score_categories(q, v), values, args.repeat)
    t_eval = best(lambda a: evaluate(pack, a), answers, args.repeat)
    t_load = best(lambda t: check_answers(q, load(t)), texts, args.repeat)

    print(f"pack {q.id}: {len(q.questions())} questions, {len(pack.catalogue.solutions)} solutions")
    print(f"{args.n} generated respondents, CPU time per respondent, best of {args.repeat}")
    print(f"reference scorer (plain Python)          {t_ref * 1e6:9.0f} us")
    ratio = t_cat / t_ref
    print(
        f"engine category scores (score_categories) {t_cat * 1e6:9.0f} us   "
        f"{ratio:.2f}x reference (target <= 2x)"
    )
    print(
        f"engine evaluate (check, score, plan, result) {t_eval * 1e6:6.0f} us   "
        f"{t_eval / t_ref:.1f}x reference, {1 / t_eval:,.0f} respondents/s"
    )
    print(f"floor: load + validate answers           {t_load * 1e6:9.0f} us   {1 / t_load:,.0f}/s")
    ok = ratio <= 2
    print("PASS" if ok else "MISS: a target is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
