"""summary.parquet: the summary's rows as a typed table (pyarrow), for DuckDB and pandas.

Same columns and rows as summary.csv; numbers are numbers (row, level, percentile as
integers; scores, coverages and confidences as floats), an empty cell is null, text is
kept as given (no spreadsheet quote: a Parquet file is not opened by a spreadsheet).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

INTEGER_COLUMNS = frozenset({"row", "level", "percentile"})
FLOAT_COLUMNS = frozenset({"score", "coverage", "confidence"})


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


def summary_parquet(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """The summary as Parquet file bytes (zstd-compressed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64(), "text": pa.string()}
    kinds = [_kind(c) for c in columns]
    arrays = [
        pa.array([_cell(row[i], kind) for row in rows], type=types[kind])
        for i, kind in enumerate(kinds)
    ]
    table = pa.Table.from_arrays(arrays, names=list(columns))
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()
