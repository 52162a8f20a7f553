"""Answers scored per second by the engine on the built-in pack, against the same run's floor:
loading and validating the answers alone (model validation + checks against the pack).

Run: .venv/bin/python benchmarks/score_speed.py [N]
"""

from __future__ import annotations

import json
import random
import sys
import time

from _timing import REPO

from sme_assess.answer_io.native import parse_answers_text
from sme_assess.answers_check import check_answers
from sme_assess.evaluation import evaluate
from sme_assess.loading import load_pack, validate_doc
from sme_assess.models import Answers
from sme_assess.synthetic import random_answers


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    pack_dir = REPO / "questionnaires" / "manufacturing-sme"
    if not (pack_dir / "catalogue.yaml").is_file():
        pack_dir = REPO / "questionnaires" / "sample"
    pack = load_pack(pack_dir)
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
        for i in range(n)
    ]

    def load(text: str) -> Answers:
        model, _ = validate_doc(parse_answers_text(text, "x.json"), Answers)
        assert model is not None
        return model

    start = time.perf_counter()
    for text in texts:
        check_answers(q, load(text))
    floor = time.perf_counter() - start

    start = time.perf_counter()
    for text in texts:
        evaluate(pack, load(text))
    full = time.perf_counter() - start

    print(
        f"pack: {q.id} ({len(q.questions())} questions, {len(pack.catalogue.solutions)} solutions)"
    )
    print(f"floor  (load + validate answers): {n / floor:10.0f} answers/s")
    print(f"engine (+ score, match, result):  {n / full:10.0f} answers/s")
    print(f"ratio engine/floor time:          {full / floor:10.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
