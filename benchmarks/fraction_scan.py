"""What the scan for fractions under a question answered in % costs the batch's main process
on a big CSV, before any row of it can be scored.

One CSV of N rows (default 100,000; generic export, one column per question id) whose %
column (equipment_networked_pct) is blank, holds only fractions (0 to 1; the scan can stop
early in neither) or percentages (it stops at the first row). Timed in this process:
- "two reads": the scan reading the whole file on its own (``percent_scale.scan_rows`` over
  the table's rows, as the batch did), then the layout pass (``csv_ranges.spans``, the one
  streaming read that cuts the file into row ranges for the workers);
- "one read": the layout pass with the scan fed by it (``spans(..., each=scan.row)``, as the
  batch does now).
Each the best of three runs (the machine may be shared). Not a test:
    .venv/bin/python benchmarks/fraction_scan.py [--n 100000]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from batch_scale import generate_csv
from batch_speed import pick_pack

from sme_assess.answer_io.csv_ranges import csv_file, head_table, spans
from sme_assess.answer_io.intake import open_export
from sme_assess.answer_io.mapping import MappingFile, Matcher
from sme_assess.answer_io.percent_scale import scan_of, scan_rows

PCT = "equipment_networked_pct"


def rewrite(src: Path, dst: Path, fill: str) -> None:
    with (
        src.open(encoding="utf-8", newline="") as a,
        dst.open("w", encoding="utf-8", newline="") as b,
    ):
        rows = csv.reader(a)
        writer = csv.writer(b)
        header = next(rows)
        writer.writerow(header)
        at = header.index(PCT)
        for n, row in enumerate(rows):
            row[at] = {"blank": "", "fractions": f"0.{n % 97:02d}", "percent": str(n % 97)}[fill]
            writer.writerow(row)


def two_reads(path: Path, matcher: Matcher) -> tuple[float, int]:
    f = csv_file(path)
    assert f is not None
    export = open_export(path, matcher, head_table(f))
    started = time.perf_counter()
    scan = scan_of(export.plan, matcher.lookups, matcher.mapping)
    scan_rows(scan, export.plan, export.table.rows())
    for _part in spans(f, 2, 500, lambda _n: False):
        pass
    return time.perf_counter() - started, len(scan.found())


def one_read(path: Path, matcher: Matcher) -> tuple[float, int]:
    f = csv_file(path)
    assert f is not None
    export = open_export(path, matcher, head_table(f))
    started = time.perf_counter()
    scan = scan_of(export.plan, matcher.lookups, matcher.mapping)
    for _part in spans(f, 2, 500, lambda _n: False, each=scan.row):
        pass
    return time.perf_counter() - started, len(scan.found())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    pack = pick_pack(None)
    matcher = Matcher(pack.questionnaire, MappingFile())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.csv"
        generate_csv(pack, base, args.n)
        print(f"{args.n:,} rows, {base.stat().st_size / 2**20:.1f} MB", flush=True)
        for fill in ("blank", "fractions", "percent"):
            path = Path(tmp) / f"{fill}.csv"
            rewrite(base, path, fill)
            runs = [(two_reads(path, matcher), one_read(path, matcher)) for _ in range(3)]
            old, found = min(r[0] for r in runs)
            new, again = min(r[1] for r in runs)
            assert found == again
            print(
                f"{PCT} {fill:>9}: two reads {old:6.2f} s, one read {new:6.2f} s "
                f"(columns in doubt: {found})",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
