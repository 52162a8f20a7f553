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
With ``--xlsx N`` (default 5,000; 0 to skip), the same for a workbook of N rows (and a
UTF-16 CSV, read whole like a workbook): "two reads" is the scan over the table's rows on
its own, then the rows read to be scored, as the batch did; "one read" the rows read once
with the scan fed by them (``batch.chunking._row_chunks``, up to ``HOLD_CELLS`` cells held).
Each the best of three runs (the machine may be shared). Not a test:
    .venv/bin/python benchmarks/fraction_scan.py [--n 100000] [--xlsx 5000]
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


def whole_two_reads(path: Path, matcher: Matcher) -> tuple[float, int]:
    started = time.perf_counter()
    export = open_export(path, matcher)
    scan = scan_of(export.plan, matcher.lookups, matcher.mapping)
    scan_rows(scan, export.plan, export.table.rows())
    for _row in export.rows():
        pass
    return time.perf_counter() - started, len(scan.found())


def whole_one_read(path: Path, matcher: Matcher) -> tuple[float, int]:
    started = time.perf_counter()
    export = open_export(path, matcher)
    scan = scan_of(export.plan, matcher.lookups, matcher.mapping)
    for _number, cells in export.rows():
        if not scan.done:
            scan.row(cells)
    return time.perf_counter() - started, len(scan.found())


def as_workbook(src: Path, dst: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    with src.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(dst)


def whole_files(pack_matcher: Matcher, base: Path, n: int, tmp: Path) -> None:
    """A workbook and a UTF-16 CSV of n rows: the rows read twice, or once."""
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)[: n + 1]
    small = tmp / "small.csv"
    small.write_text("".join(lines), encoding="utf-8")
    for fill in ("blank", "fractions"):
        filled = tmp / f"small_{fill}.csv"
        rewrite(small, filled, fill)
        book = tmp / f"{fill}.xlsx"
        as_workbook(filled, book)
        wide = tmp / f"{fill}_utf16.csv"
        wide.write_text(filled.read_text(encoding="utf-8"), encoding="utf-16")
        for path in (book, wide):
            runs = [
                (whole_two_reads(path, pack_matcher), whole_one_read(path, pack_matcher))
                for _ in range(3)
            ]
            old, found = min(r[0] for r in runs)
            new, again = min(r[1] for r in runs)
            assert found == again
            print(
                f"{path.suffix[1:]:>4} {'utf-16' if 'utf16' in path.name else '':>6} "
                f"{n:,} rows, {PCT} {fill:>9}: two reads {old:6.2f} s, one read {new:6.2f} s",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--xlsx", type=int, default=5_000)
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
        if args.xlsx:
            whole_files(matcher, base, min(args.xlsx, args.n), Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
