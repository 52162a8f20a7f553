"""The mutation fuzzer (tests/hostile/fuzz_targets.py), seeded and short: a few hundred
mutated packs, answers files, earlier answers, mapping files, drafts (also resumed and walked
with random keys: fuzz_loop.py), survey exports damaged at the zip/XML level (fuzz_xlsx.py)
and answers files in a batch, each run through the command a user would run on it. Every
outcome must be a result, or exit 1 with findings at file:line:col, or exit 2 with one line
naming the file (and line:col where the file is text); never a traceback, another exit code,
a hang, a changed input, a firm left out or an answer dropped from a resumed draft.
`scripts/fuzz_mutate.py --count 5000` runs the long hunt.

SME_FUZZ_SCALE=10 runs ten times the cases (and other seeds each day with SME_FUZZ_SEED).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import fuzz_targets, fuzz_xlsx

SCALE = float(os.environ.get("SME_FUZZ_SCALE", "1"))
SEED = int(os.environ.get("SME_FUZZ_SEED", "20261201"))
# cases per target: about 0.1-0.2 s each in-process; loop, xlsx and batch ~0.5-1 s (a batch
# here writes a stub for its cohort PDF, ~5 s a case otherwise; xlsx runs no whole batch of
# 20 firms: scripts/fuzz_mutate.py does)
COUNTS = {
    "validate": 70,
    "answers": 60,
    "progress": 40,
    "mapping": 60,
    "draft": 80,
    "loop": 18,
    "xlsx": 16,
    "batch": 15,
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("target", sorted(COUNTS))
def test_mutated_inputs_end_cleanly(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fuzz_targets, "PACK_CHOICES", ["sample"])
    monkeypatch.setattr(fuzz_targets, "MAPPING_FULL", 0.05)
    monkeypatch.setattr(fuzz_xlsx, "FULL_BATCH", 0.0)
    count = max(1, int(COUNTS[target] * SCALE))
    with fuzz_targets.no_cohort_pdf():
        failures = [
            f"{case.problems} {case.seed_file}: {case.mutation}: "
            f"{' '.join(case.outcomes[-1].args)[:60]} -> {case.outcomes[-1].exit_code}: "
            f"{(case.outcomes[-1].stderr.strip() or repr(case.outcomes[-1].exception))[:300]}"
            for case in fuzz_targets.run_cases(SEED, count, [target], tmp_path)
            if case.problems
        ]
    assert not failures, "\n".join(failures[:10])
