"""Batch at programme scale: wall time, CPU time and peak memory of whole `sme-assess batch`
runs, local processes against a Dask LocalCluster, and results.jsonl bytes per firm.

From one run each, on the same generated inputs:
1. N answers files (default 100,000), --engine local (all cores);
2. the same N files, --engine dask (a LocalCluster of as many worker processes);
3. one CSV of N rows (generic export: one column per question id), --engine local;
4. results.jsonl bytes per firm, lean (the default) and --full-results (on 1,000 files).

Wall time is the command's; CPU time is user + system of the command and every process it
started (getrusage of reaped children); peak memory is the largest sum of the resident set
sizes of the whole process tree, sampled every 0.1 s (psutil), the main process's own peak
(what must not grow with the number of firms) and the largest single process (ru_maxrss);
the load average before and after each run (the machine may be shared). With ``--dask-n``
smaller than ``--n``, local processes and Dask are compared on that many files, and the main
process's peak at the two sizes gives its growth per firm. With ``--small-n``, files and
the CSV are also run at that smaller size (local processes), and the growth per firm from
the small to the large run is printed for the main process and for the rest of the tree
(the workers): what must stay flat. ``--worker-rows N`` instead reads a CSV of N rows
through the workers' code path in this one process and prints its resident size at every
quarter (a worker's growth per row, without the noise of a process tree). Not a test:
`make bench-scale` or
    .venv/bin/python benchmarks/batch_scale.py [--n 100000] [--dask-n N] [--small-n N]
        [--skip-dask] [--skip-csv] [--skip-files] [--skip-lean] [--worker-rows N]
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

from sme_assess.pack.loading import Pack
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
    """The largest total RSS of a process and its descendants, and of the process alone,
    sampled every 0.1 s in a thread (psutil)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.root_peak = 0
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
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                if proc is root:
                    self.root_peak = max(self.root_peak, rss)
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self.stopped.set()
        self.thread.join()
        return self.peak


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def measure(label: str, inputs: Path, out: Path, pack: Pack, *extra: str) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(BIN / "sme-assess"), "batch", str(inputs), "-o", str(out), "-p", str(pack.root)]
    cmd += extra
    before_load = load()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    tree = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        print(stdout.decode()[-2000:], stderr.decode()[-2000:])
        raise SystemExit(f"{label}: batch failed with exit code {proc.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = sum(1 for _ in (out / "summary.csv").open(encoding="utf-8-sig")) - 1
    errors = sum(1 for _ in (out / "errors.csv").open(encoding="utf-8-sig")) - 1
    per_firm = (out / "results.jsonl").stat().st_size / max(rows, 1)
    print(
        f"{label:<40} {rows:>8,} firms ({errors} errors) {wall:8.1f} s wall {cpu:8.1f} s CPU "
        f"({1000 * cpu / max(rows, 1):.1f} ms/firm); peak {tree / 2**20:5.0f} MB whole tree, "
        f"{memory.root_peak / 2**20:5.0f} MB main process, {after.ru_maxrss / 1024:5.0f} MB "
        f"largest process (ru_maxrss); {per_firm / 1024:4.2f} KB/firm results; "
        f"{before_load} -> {load()}",
        flush=True,
    )
    return {
        "wall": wall,
        "cpu": cpu,
        "tree": tree,
        "root": memory.root_peak,
        "rows": rows,
        "per_firm": per_firm,
    }


def worker_rows(pack: Pack, n: int) -> None:
    """A CSV of n rows read and scored by the workers' code (spans, cells, evaluate, the
    results line) in this process: its resident size after each quarter of the rows."""
    import gc

    from sme_assess.answer_io.mapping import Matcher
    from sme_assess.batch.chunking import chunks
    from sme_assess.batch.discovery import Discovery
    from sme_assess.batch.failure import Failed
    from sme_assess.batch.state import BatchOptions, _Run
    from sme_assess.batch.work import Setup, chunk_outcomes, slim
    from sme_assess.engine.evaluation import Options

    def rss() -> float:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    with tempfile.TemporaryDirectory(prefix="sme-worker-rows-") as tmp:
        table = Path(tmp) / "table.csv"
        generate_csv(pack, table, n)
        run = _Run(pack, BatchOptions(outdir=Path(tmp) / "out"), Matcher(pack.questionnaire), None)
        setup = Setup(slim(pack), run.matcher, Options())
        marks = [n * i // 4 for i in range(1, 5)]
        rows, seen = 0, []
        start = time.process_time()
        for chunk in chunks(run, Discovery([table], [])):
            if isinstance(chunk, Failed):
                raise SystemExit(f"cannot read the table: {chunk.message}")
            rows += len(chunk_outcomes(setup, chunk))
            if marks and rows >= marks[0]:
                marks.pop(0)
                gc.collect()
                seen.append((rows, rss()))
                print(f"{rows:>8,} rows read: {seen[-1][1]:6.1f} MB resident", flush=True)
        (a, ma), (b, mb) = seen[0], seen[-1]
        print(
            f"one worker: {(mb - ma) * 2**20 / max(b - a, 1):.0f} bytes per row more from "
            f"{a:,} to {b:,} rows; {1000 * (time.process_time() - start) / rows:.1f} ms CPU/row"
        )


def growth(kind: str, small: dict[str, float], big: dict[str, float]) -> None:
    """Memory from the smaller run to the larger: the main process, and the rest of the
    tree (the workers), in bytes per firm more."""
    firms = max(big["rows"] - small["rows"], 1)
    for label, what in (("main process", "root"), ("workers (tree less main)", "rest")):
        a = small[what] if what == "root" else small["tree"] - small["root"]
        b = big[what] if what == "root" else big["tree"] - big["root"]
        print(
            f"{kind}, {label}: {a / 2**20:.0f} MB at {small['rows']:,} firms, "
            f"{b / 2**20:.0f} MB at {big['rows']:,} ({(b - a) / firms:.0f} bytes per firm more)",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument(
        "--dask-n",
        type=int,
        default=None,
        help="firms for the Dask against local comparison (default --n; smaller: both "
        "engines run on the same smaller set of files)",
    )
    parser.add_argument(
        "--small-n",
        type=int,
        default=None,
        help="also run files and the CSV at this smaller size: memory growth per firm",
    )
    parser.add_argument(
        "--worker-rows",
        type=int,
        default=None,
        help="only: one worker's memory reading a CSV of this many rows, in this process",
    )
    parser.add_argument("--pack", default=None)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--skip-files", action="store_true")
    parser.add_argument("--skip-lean", action="store_true", help="no lean/full comparison")
    args = parser.parse_args()
    pack = pick_pack(args.pack)
    q = pack.questionnaire
    print(
        f"pack {q.id}: {len(q.questions())} questions, {len(pack.catalogue.solutions)} "
        f"solutions; {len(os.sched_getaffinity(0))} cores, --jobs {args.jobs}; {load()}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        flush=True,
    )
    if args.worker_rows:
        worker_rows(pack, args.worker_rows)
        return 0
    jobs = ("--jobs", str(args.jobs))
    dask_n = min(args.dask_n or args.n, args.n)
    with tempfile.TemporaryDirectory(prefix="sme-batch-scale-") as tmp:
        root = Path(tmp)
        files = root / "answers"
        runs: dict[str, dict[str, float]] = {}
        if not args.skip_files or (not args.skip_dask and dask_n == args.n):
            generate(pack, files, args.n)
        if not args.skip_files:
            runs["local"] = measure(f"{args.n:,} files, local", files, root / "local", pack, *jobs)
        if not args.skip_dask:
            same = files
            if dask_n < args.n:
                same = root / "dask-answers"
                generate(pack, same, dask_n, seed=9)
                runs["local-small"] = measure(
                    f"{dask_n:,} files, local", same, root / "local-small", pack, *jobs
                )
            dask = measure(
                f"{dask_n:,} files, dask LocalCluster",
                same,
                root / "dask",
                pack,
                *jobs,
                "--engine",
                "dask",
            )
            base = runs["local-small"] if dask_n < args.n else runs.get("local")
            if base is not None:
                print(
                    f"dask / local on the same {dask_n:,} files: wall "
                    f"{dask['wall'] / base['wall']:.2f}x, CPU {dask['cpu'] / base['cpu']:.2f}x"
                )
        if not args.skip_csv:
            table = root / "table.csv"
            generate_csv(pack, table, args.n)
            print(f"table.csv: {table.stat().st_size / 2**20:.1f} MB", flush=True)
            runs["csv"] = measure(
                f"one CSV of {args.n:,} rows, local", table, root / "csv", pack, *jobs
            )
        if args.small_n:
            small_n = min(args.small_n, args.n)
            if not args.skip_files:
                few = root / "few-answers"
                generate(pack, few, small_n, seed=11)
                runs["files-small"] = measure(
                    f"{small_n:,} files, local", few, root / "files-small", pack, *jobs
                )
                growth("files", runs["files-small"], runs["local"])
            if not args.skip_csv:
                short = root / "short.csv"
                generate_csv(pack, short, small_n, seed=17)
                runs["csv-small"] = measure(
                    f"one CSV of {small_n:,} rows, local", short, root / "csv-small", pack, *jobs
                )
                growth("CSV", runs["csv-small"], runs["csv"])
        if "local" in runs and "local-small" in runs:
            growth("files", runs["local-small"], runs["local"])
        if args.skip_lean:
            return 0
        some = root / "some"
        small_n = min(args.n, 1000)
        generate(pack, some, small_n, seed=5)
        lean = measure(f"{small_n:,} files, lean results", some, root / "lean", pack, *jobs)
        full = measure(
            f"{small_n:,} files, --full-results", some, root / "full", pack, *jobs, "--full-results"
        )
        print(
            f"results.jsonl per firm: lean {lean['per_firm'] / 1024:.2f} KB, full "
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
