"""Mutation fuzzer: valid packs, answers files, drafts, mappings and earlier answers, mutated
structurally and textually, run through validate, score, explain, report, compare, batch
--mapping and the interview's resume; each outcome judged (tests/hostile/fuzz_targets.py).

    .venv/bin/python scripts/fuzz_mutate.py --count 2000 --seed 1 [--target draft] [--keep DIR]

--no-pdf puts a stub in place of each batch's cohort PDF (the batch, mapping and xlsx
targets then take well under a second a case instead of ~5 s).

Prints a count per problem class and one example of each (seed, case, mutation, first error
line); --keep writes each failing input to DIR to reproduce it by hand. Exit 1 when any case
had a problem.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile.fuzz_targets import all_targets, no_cohort_pdf, run_cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", action="append", choices=sorted(all_targets()))
    parser.add_argument("--keep", type=Path, help="write every failing input here")
    parser.add_argument("--no-pdf", action="store_true", help="a stub for the cohort PDF")
    args = parser.parse_args()
    targets = args.target or list(all_targets())
    counts: collections.Counter[str] = collections.Counter()
    runs: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory() as scratch,
        no_cohort_pdf() if args.no_pdf else contextlib.nullcontext(),
    ):
        for n, case in enumerate(run_cases(args.seed, args.count, targets, Path(scratch))):
            runs[case.target] += 1
            for problem in dict.fromkeys(case.problems):
                key = f"{case.target}/{problem}"
                counts[key] += 1
                if key not in examples:
                    last = case.outcomes[-1]
                    said = last.stderr.strip().splitlines()[:1] or [repr(last.exception)]
                    examples[key] = (
                        f"case {n} ({case.seed_file}: {case.mutation}) "
                        f"{' '.join(last.args)[:80]} -> {last.exit_code}: {said[0][:300]}"
                    )
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"{n}-{case.target}-{problem.replace(':', '_')}").write_bytes(
                        case.data
                    )
    print(f"{sum(runs.values())} cases in {time.monotonic() - started:.0f} s: {dict(runs)}")
    for key, count in counts.most_common():
        print(f"{count:5d}  {key}\n       {examples[key]}")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
