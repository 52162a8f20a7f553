"""summary.csv, .xlsx and .parquet, written together as the rows come (the summary pass of
``finish``), each atomically: all three, or none when the pass fails."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import AtomicWriter
from . import outputs as out

if TYPE_CHECKING:
    from .progress import Cell
    from .summary_sheet import SummarySheet

ROWS_PER_WRITE = 1000
QUEUE_ROWS = 5 * ROWS_PER_WRITE  # rows waiting for the XLSX writer, at most (flat memory)


class SummaryFiles:
    """summary.csv, .xlsx and .parquet written together as the rows come, atomically."""

    def __init__(self, outdir: Path, columns: list[str], sheet: SummarySheet) -> None:
        import threading

        from ..answer_io.xlsx_write import write_table_xlsx
        from .parquet import AtomicSink, ParquetStream
        from .summary_sheet import FREEZE

        self.columns = columns
        self.csv = AtomicWriter(outdir / out.SUMMARY_CSV)
        self.csv.write(out.csv_rows([columns], bom=True))
        self.parquet = ParquetStream(outdir / out.SUMMARY_PARQUET, columns)
        self.xlsx = AtomicSink(outdir / out.SUMMARY_XLSX)
        self.queue: list[list[Any] | None] = []
        self.cond = threading.Condition()
        self.error: BaseException | None = None

        def rows() -> Iterator[Sequence[Any]]:
            while True:
                with self.cond:
                    while not self.queue:
                        self.cond.wait()
                    batch, self.queue = self.queue, []
                for row in batch:
                    if row is None:
                        return
                    yield sheet.row(row)

        def xlsx() -> None:
            try:
                write_table_xlsx(
                    self.xlsx,  # type: ignore[arg-type]
                    rows(),
                    sheet.title,
                    FREEZE,
                    sheet.columns,
                    autofilter=True,
                )
            except BaseException as exc:
                self.error = exc

        self.thread = threading.Thread(target=xlsx, daemon=True)
        self.thread.start()
        self.batch: list[list[Any]] = []
        self.sheet_batch: list[list[Any]] = []
        self.reports = False

    def add(self, summary: list[Any], progress: Cell | None = None) -> None:
        """A summary row; with --id-column, its progress cell (CSV and sheet differ)."""
        self.reports = self.reports or bool(summary[out.REPORT])
        if progress is None:
            self.batch.append(summary)
            self.sheet_batch.append(summary)
        else:
            self.batch.append([*summary, progress.csv])
            self.sheet_batch.append([*summary, progress.shown])
        if len(self.batch) >= ROWS_PER_WRITE:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        self.csv.write(out.csv_rows(self.batch))
        self.parquet.write(self.batch)
        with self.cond:
            # the XLSX thread is the slowest writer: wait for it rather than queue every row
            while len(self.queue) >= QUEUE_ROWS and self.thread.is_alive():
                self.cond.wait(0.05)
            self.queue.extend(self.sheet_batch)
            self.cond.notify()
        self.batch, self.sheet_batch = [], []

    def commit(self) -> None:
        self._flush()
        with self.cond:
            self.queue.append(None)
            self.cond.notify()
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.csv.commit()
        self.parquet.commit()
        self.xlsx.writer.commit()

    def discard(self) -> None:
        with self.cond:
            self.queue.append(None)
            self.cond.notify()
        self.thread.join()
        for writer in (self.csv, self.parquet, self.xlsx.writer):
            writer.discard()
