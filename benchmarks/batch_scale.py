"""Batch at programme scale: wall time, CPU time and peak memory of whole `sme-assess batch`
runs, local processes against a Dask LocalCluster, and results.jsonl bytes per firm.

From one run each, on the same generated inputs:
1. N answers files (default 100,000), --engine local (all cores);
2. the same N files, --engine dask (a LocalCluster of as many worker processes);
3. one CSV of N rows (generic export: one column per question id), --engine local;
4. results.jsonl bytes per firm, lean (the default) and --full-results (on 1,000 files).

Wall time is the command's; CPU time is user + system of the command and every process it
started (getrusage of reaped children); peak memory is the largest sum of the resident set
sizes of the whole process tree, sampled every 0.1 s (psutil), and the largest single
process (ru_maxrss). Not a test: `make bench-scale` or
    .venv/bin/python benchmarks/batch_scale.py [--n 100000] [--skip-dask] [--skip-csv]
Needs the dask extra (pip install -e '.[dask]') for step 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _timing import BIN, REPO
from batch_speed import generate, pick_pack

from sme_assess.loading import Pack
from sme_assess.synthetic import random_answers


def generate_csv(pack: Pack, path: Path, n: int, seed: int = 13) -> None:
    """One table of n firms, headed by the question ids (read as the generic platform)."""
    q = pack.questionnaire
    ids = [question.id for question in q.questions()]
    rnd = random.Random(seed)

    def cell(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ";".join(str(v) for v in value)
        if value == "unknown":
            return "don't know"
        return "" if value is None else str(value)

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["company", *ids])
        for i in range(n):
            answers = random_answers(q, rnd)
            writer.writerow([f"Table firm {i:06d}", *(cell(answers.get(x)) for x in ids)])


class TreeMemory:
    """The largest total RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        try:
            import psutil
        except ImportError:  # pragma: no cover - psutil comes with the dask extra
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stopped.wait(0.1):
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self.stopped.set()
        self.thread.join()
        return self.peak


def measure(label: str, inputs: Path, out: Path, pack: Pack, *extra: str) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(BIN / "sme-assess"), "batch", str(inputs), "-o", str(out), "-p", str(pack.root)]
    cmd += extra
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    tree = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(stdout.decode()[-2000:], stderr.decode()[-2000:])
        raise SystemExit(f"{label}: batch failed with exit code {proc.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = sum(1 for _ in (out / "summary.csv").open(encoding="utf-8-sig")) - 1
    per_firm = (out / "results.jsonl").stat().st_size / max(rows, 1)
    print(
        f"{label:<34} {rows:>8,} firms {wall:8.1f} s wall {cpu:8.1f} s CPU "
        f"{tree / 2**20:7.0f} MB tree peak {after.ru_maxrss / 1024:6.0f} MB largest process "
        f"{per_firm / 1024:5.1f} KB/firm results"
    )
    return {"wall": wall, "cpu": cpu, "tree": tree, "rows": rows, "per_firm": per_firm}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--pack", default=None)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    args = parser.parse_args()
    pack = pick_pack(args.pack)
    q = pack.questionnaire
    print(
        f"pack {q.id}: {len(q.questions())} questions, {len(pack.catalogue.solutions)} "
        f"solutions; {len(os.sched_getaffinity(0))} cores, --jobs {args.jobs}"
    )
    jobs = ("--jobs", str(args.jobs))
    with tempfile.TemporaryDirectory(prefix="sme-batch-scale-") as tmp:
        root = Path(tmp)
        files = root / "answers"
        generate(pack, files, args.n)
        local = measure(f"{args.n:,} files, local", files, root / "local", pack, *jobs)
        if not args.skip_dask:
            dask = measure(
                f"{args.n:,} files, dask LocalCluster",
                files,
                root / "dask",
                pack,
                *jobs,
                "--engine",
                "dask",
            )
            print(f"dask / local wall time: {dask['wall'] / local['wall']:.2f}x")
        if not args.skip_csv:
            table = root / "table.csv"
            generate_csv(pack, table, args.n)
            measure(f"one CSV of {args.n:,} rows, local", table, root / "csv", pack, *jobs)
        some = root / "some"
        small = min(args.n, 1000)
        generate(pack, some, small, seed=5)
        lean = measure(f"{small:,} files, lean results", some, root / "lean", pack, *jobs)
        full = measure(
            f"{small:,} files, --full-results", some, root / "full", pack, *jobs, "--full-results"
        )
        print(
            f"results.jsonl per firm: lean {lean['per_firm'] / 1024:.1f} KB, full "
            f"{full['per_firm'] / 1024:.1f} KB ({full['per_firm'] / lean['per_firm']:.1f}x)"
        )
        line = json.loads((root / "lean" / "results.jsonl").open(encoding="utf-8").readline())
        print(
            "lean line, bytes per key:",
            {
                k: len(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
                for k, v in line.items()
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
