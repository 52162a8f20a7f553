"""Time ``evaluate`` in whichever checkout of sme_assess is first on sys.path (run by
score_speed.py with PYTHONPATH set to the baseline's or this tree's source).

Args: PACK_DIR ANSWERS_JSON REPEAT [ROUNDS]. The answers are cut into REPEAT + 1 equal parts: the
first warms up (compiled forms, validators), each round then evaluates a part it has never
seen, as a batch meets new firms (the engine's memos keyed by answers would flatter rounds
that re-evaluate the same firms). Prints one JSON line: the module's path and the best CPU
seconds per respondent over the REPEAT rounds. ROUNDS (default REPEAT) evaluates only the
first ROUNDS of the timed parts: score_speed.py --instructions counts a child evaluating all
of them less the same child evaluating none (ROUNDS 0), which leaves the timed firms alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import sme_assess
from sme_assess.models import Answers

try:  # the layout since issue 17
    from sme_assess.engine.evaluation import evaluate
    from sme_assess.pack.loading import load_pack
except ImportError:  # an older checkout (the "before" of a comparison)
    from sme_assess.evaluation import evaluate  # type: ignore[no-redef]
    from sme_assess.loading import load_pack  # type: ignore[no-redef]


def main() -> int:
    pack_dir, answers_file, repeat = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else repeat
    pack = load_pack(pack_dir)
    answers = [Answers.model_validate(d) for d in json.loads(answers_file.read_text())]
    size = len(answers) // (repeat + 1)
    parts = [answers[i * size : (i + 1) * size] for i in range(repeat + 1)]
    for a in parts[0]:  # warm-up: compiled forms, validators
        evaluate(pack, a)
    best = float("inf")
    for part in parts[1 : rounds + 1]:  # firms this process has not seen
        start = time.process_time()
        for a in part:
            evaluate(pack, a)
        best = min(best, (time.process_time() - start) / len(part))
    print(json.dumps({"module": sme_assess.__file__, "seconds": best}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
