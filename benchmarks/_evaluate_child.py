"""Time ``evaluate`` in whichever checkout of sme_assess is first on sys.path (run by
score_speed.py with PYTHONPATH set to the baseline's or this tree's source).

Args: PACK_DIR ANSWERS_JSON REPEAT. Prints one JSON line: the module's path and the best
CPU seconds per respondent over REPEAT rounds (after one warm-up round).
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
    pack = load_pack(pack_dir)
    answers = [Answers.model_validate(d) for d in json.loads(answers_file.read_text())]
    for a in answers:  # warm-up: compiled forms, caches, validators
        evaluate(pack, a)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for a in answers:
            evaluate(pack, a)
        best = min(best, (time.process_time() - start) / len(answers))
    print(json.dumps({"module": sme_assess.__file__, "seconds": best}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
