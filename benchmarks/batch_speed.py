"""How fast `sme-assess batch` scores many answers files, against the same run's floor, and
how well per-firm PDF reports scale from one worker to two.

1. N generated answers files (default 10,000) scored to summary.csv by the whole command
   (default --jobs: all cores), against the floor measured in the same run: reading and
   validating the same files alone (parse, Answers model, check against the pack), in one
   process. Targets: at most 2x the floor and under 15 s on a 2-core machine.
2. 20 PDF reports with --jobs 1 and --jobs 2. Target: a speed-up of at least 1.7x.

Run: .venv/bin/python benchmarks/batch_speed.py [--n 10000] [--pack ID] [--reports 20]
     [--profile]   (also profile scoring in one process: what dominates)
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import BIN, REPO

from sme_assess.batch.work import read_answers
from sme_assess.engine.answers_check import check_answers
from sme_assess.errors import PackError
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.synthetic import random_answers


def pick_pack(spec: str | None) -> Pack:
    if spec:
        path = Path(spec) if Path(spec).is_dir() else REPO / "questionnaires" / spec
        return load_pack(path)
    try:
        return load_pack(REPO / "questionnaires" / "manufacturing-sme")
    except PackError:
        print("manufacturing-sme is not valid yet; using the sample pack")
        return load_pack(REPO / "questionnaires" / "sample")


def generate(pack: Pack, folder: Path, n: int, seed: int = 7) -> None:
    q = pack.questionnaire
    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    for i in range(n):
        doc = {
            "questionnaire": q.id,
            "questionnaire_version": q.version,
            "respondent": {"company": f"Firm {i:05d}"},
            "answers": random_answers(q, rnd),
        }
        sub = folder / f"batch{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"firm{i:05d}.json").write_text(json.dumps(doc), encoding="utf-8")


def floor(pack: Pack, folder: Path) -> float:
    """Reading and validating every file alone, in this process."""
    files = [(path, str(path)) for path in sorted(folder.rglob("*.json"))]
    start = time.perf_counter()
    for path, shown in files:  # the batch's own reader: native.load_answers, path known
        check_answers(pack.questionnaire, read_answers(path, shown))
    return time.perf_counter() - start


def batch(folder: Path, out: Path, pack: Pack, *extra: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        str(BIN / "sme-assess"),
        "batch",
        str(folder),
        "-o",
        str(out),
        "--pack",
        str(pack.root),
        *extra,
    ]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        raise SystemExit(f"batch failed with exit code {done.returncode}")
    return took


def profile(pack: Pack, folder: Path, limit: int = 2000) -> None:
    from sme_assess.answer_io.mapping import Matcher
    from sme_assess.batch.work import Item, Setup, process, slim
    from sme_assess.engine.evaluation import Options

    setup = Setup(slim(pack), Matcher(pack.questionnaire), Options())
    files = sorted(folder.rglob("*.json"))[:limit]
    prof = cProfile.Profile()
    prof.enable()
    for path in files:
        process(setup, None, Item(str(path), None, path=str(path)))
    prof.disable()
    print(f"\nprofile of reading + scoring {len(files)} files in one process (cumulative):")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(18)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--pack", default=None)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    pack = pick_pack(args.pack)
    q = pack.questionnaire
    cores = len(os.sched_getaffinity(0))
    print(
        f"pack {q.id}: {len(q.questions())} questions, {len(pack.catalogue.solutions)} solutions;"
        f" {cores} cores"
    )
    ok = True
    with tempfile.TemporaryDirectory(prefix="sme-batch-bench-") as tmp:
        root = Path(tmp)
        files = root / "answers"
        generate(pack, files, args.n)
        base = floor(pack, files)
        full = batch(files, root / "out", pack)
        lines = sum(1 for _ in (root / "out" / "summary.csv").open(encoding="utf-8-sig")) - 1
        assert lines == args.n, f"summary.csv has {lines} rows, expected {args.n}"
        ratio = full / base
        print(f"floor: read + validate {args.n} files, 1 process   {base:7.2f} s")
        print(
            f"sme-assess batch -> summary.csv (all cores)       {full:7.2f} s   "
            f"{ratio:.2f}x floor (target <= 2x), {args.n / full:,.0f} answers/s "
            f"(target < 15 s)"
        )
        ok = ok and ratio <= 2 and full < 15
        if args.profile:
            profile(pack, files)

        if args.reports:
            some = root / "some"
            generate(pack, some, args.reports, seed=11)
            one = batch(some, root / "r1", pack, "--pdf", "--jobs", "1")
            two = batch(some, root / "r2", pack, "--pdf", "--jobs", "2")
            pdfs = len(list((root / "r2" / "reports").glob("*.pdf")))
            assert pdfs == args.reports, f"{pdfs} reports written, expected {args.reports}"
            speedup = one / two
            print(f"{args.reports} PDF reports, --jobs 1                       {one:7.2f} s")
            print(
                f"{args.reports} PDF reports, --jobs 2                       {two:7.2f} s   "
                f"speed-up {speedup:.2f}x (target >= 1.7x)"
            )
            ok = ok and speedup >= 1.7
    print("PASS" if ok else "MISS: a target is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
