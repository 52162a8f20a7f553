"""summary.xlsx at programme scale: time and memory of writing N summary rows (default
100,000) of the built-in pack, in Chinese, with a report link per row, as ``batch`` writes
them (the streamed writer), against openpyxl's write-only mode on a share of the rows.

Synthetic rows (random scores, Chinese names and notes) of the real summary columns; no
scoring; the rows are made as they are written (about a fifth of the time). Wall and CPU
time, and the process's peak resident memory (ru_maxrss). Not a test:
    .venv/bin/python benchmarks/summary_xlsx.py [--n 100000] [--openpyxl 10000]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sme_assess.answer_io.xlsx_write import Column, write_table_xlsx
from sme_assess.batch.outputs import summary_columns
from sme_assess.batch.summary_sheet import FREEZE, SummarySheet
from sme_assess.pack.loading import load_pack

REPO = Path(__file__).resolve().parent.parent


def rows(ids: list[str], n: int) -> Iterator[list[Any]]:
    rng = random.Random(14)
    sectors = ["auto_parts", "electronics", "machinery", "food_beverage"]
    for i in range(n):
        row: list[Any] = []
        for cid in ids:
            if cid.endswith(("_score", "_points")) or cid == "score":
                row.append(round(rng.uniform(0, 100), 1))
            elif cid.endswith("coverage") or cid == "confidence":
                row.append(round(rng.random(), 3))
            elif cid == "company":
                row.append(f"宁波第{i}精密机械制造有限公司")
            elif cid == "source":
                row.append("exports/wjx_2026.xlsx")
            elif cid in ("row", "level", "percentile"):
                row.append(rng.randrange(100))
            elif cid == "sector":
                row.append(rng.choice(sectors))
            elif cid == "region":
                row.append("east_china")
            elif cid == "report":
                row.append(f"reports/宁波第{i}精密机械制造有限公司.pdf")
            elif cid == "notes":
                row.append("backup_restore_test: not asked, because of earlier answers")
            else:
                row.append("设备数据没人能自动读; 车间数字化入门套装")
        yield row


def ours(path: Path, sheet: SummarySheet, ids: list[str], n: int) -> None:
    with path.open("wb") as target:
        write_table_xlsx(
            target,
            (sheet.row(r) for r in rows(ids, n)),
            sheet.title,
            FREEZE,
            sheet.columns,
            autofilter=True,
        )


def openpyxl_write_only(path: Path, columns: list[Column], data: Iterator[list[Any]]) -> None:
    """The same sheet with openpyxl's write-only mode (formats, links, filter, scale)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.formatting.rule import ColorScaleRule

    book = Workbook(write_only=True)
    ws = book.create_sheet("汇总")
    ws.freeze_panes = FREEZE
    for c in range(len(columns)):  # widths must be set before the rows: a guess
        ws.column_dimensions[_letter(c)].width = 14
    ws.append([c.header for c in columns])
    last = 1
    for r, row in enumerate(data, start=2):
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(ws, value=value)
            if column.fmt:
                cell.number_format = column.fmt
            if column.link and value:
                cell.hyperlink = value
            cells.append(cell)
        ws.append(cells)
        last = r
    end = _letter(len(columns) - 1)
    ws.auto_filter.ref = f"A1:{end}{last}"
    for c, column in enumerate(columns):
        if column.scale:
            ws.conditional_formatting.add(
                f"{_letter(c)}2:{_letter(c)}{last}",
                ColorScaleRule("num", 0, "F8696B", "num", 50, "FFEB84", "num", 100, "63BE7B"),
            )
    book.save(path)


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def measure(label: str, n: int, run: Any) -> None:
    """Wall and CPU time (the CPU time is what to compare on a busy machine), and the
    process's peak resident memory after it (ours runs first)."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<28} {n:>7} rows {seconds:7.1f} s wall {cpu:6.1f} s CPU  "
        f"process peak RSS so far {peak:5.0f} MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--openpyxl", type=int, default=10_000, help="rows for openpyxl (0: skip)")
    args = parser.parse_args()
    pack = load_pack(REPO / "questionnaires" / "manufacturing-sme")
    ids = summary_columns(pack.questionnaire)
    sheet = SummarySheet(pack, "zh", ids)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "summary.xlsx"
        measure("streamed writer (batch)", args.n, lambda: ours(path, sheet, ids, args.n))
        print(f"{'':<28} {path.stat().st_size / 2**20:.1f} MiB on disk, {len(ids)} columns")
        if args.openpyxl:
            other = Path(tmp) / "openpyxl.xlsx"
            data = (sheet.row(r) for r in rows(ids, args.openpyxl))
            measure(
                "openpyxl write-only",
                args.openpyxl,
                lambda: openpyxl_write_only(other, sheet.columns, data),
            )


if __name__ == "__main__":
    main()
