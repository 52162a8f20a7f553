"""summary.parquet: the summary's rows as a typed table (pyarrow), for DuckDB and pandas.

Same columns and rows as summary.csv; numbers are numbers (row, level, percentile as
integers; scores, coverages and confidences as floats), an empty cell is null, text is
kept as given (no spreadsheet quote: a Parquet file is not opened by a spreadsheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

INTEGER_COLUMNS = frozenset({"row", "level", "percentile"})
FLOAT_COLUMNS = frozenset({"score", "coverage", "confidence"})
ROW_GROUP = 5_000  # rows per Parquet row group (held in memory until written: ~20 MB)


def _kind(column: str) -> str:
    if column in INTEGER_COLUMNS:
        return "int"
    if column in FLOAT_COLUMNS or column.endswith(("_score", "_coverage")):
        return "float"
    return "text"


def _cell(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


class AtomicSink:
    """An AtomicWriter as the stream pyarrow and zipfile write to (they ask how much was
    written and where they are; it cannot seek, so zipfile writes a streamed zip)."""

    def __init__(self, path: Path) -> None:
        from ..atomic import AtomicWriter

        self.writer = AtomicWriter(path)
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.writer.write(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        self.writer.flush()

    def close(self) -> None:
        self.closed = True


class ParquetStream:
    """summary.parquet written in row groups as the rows come, atomically on ``commit``."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.kinds = [_kind(c) for c in columns]
        types = {"int": pa.int64(), "float": pa.float64(), "text": pa.string()}
        self.schema = pa.schema([(c, types[k]) for c, k in zip(columns, self.kinds, strict=True)])
        self.sink = AtomicSink(path)
        self.parquet = pq.ParquetWriter(self.sink, self.schema, compression="zstd")
        self.pending: list[Sequence[Any]] = []

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        self.pending.extend(rows)
        if len(self.pending) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if not self.pending:
            return
        arrays = [
            pa.array([_cell(row[i], kind) for row in self.pending], type=self.schema.field(i).type)
            for i, kind in enumerate(self.kinds)
        ]
        self.parquet.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.pending = []

    def commit(self) -> None:
        self._flush()
        self.parquet.close()
        self.sink.writer.commit()

    def discard(self) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self.parquet.close()
        self.sink.writer.discard()
