"""CSV tables read in row ranges (``csv_ranges``): spans found by a streaming pass, each read
alone, give exactly the rows and row numbers of a whole-file read, also when cells hold
newlines; a problem keeps its row and line; rows already done are left out (--resume)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from sme_assess.answer_io.csv_ranges import Span, csv_file, head_table, read_span, spans
from sme_assess.answer_io.tabular import read_table
from sme_assess.errors import InputError

HEADER = "company,machine_data,note\n"
ROWS = [
    'Alpha,paper,"two\nlines"\n',
    '"Beta, Ltd",gateway,plain\n',
    '"Gamma ""G""","spread\r\nsheet","a,b"\n',
    "\n",  # a blank row: not a respondent, numbered all the same
    'Delta,paper,"""quoted\nnewline"""\n',
    "Epsilon,gateway,\n",
    '"Zeta\n\nthree lines",paper,x\n',
    "Eta,paper,y\n",
]


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def all_spans(path: Path, size: int, done: frozenset[int] = frozenset()) -> list[Span]:
    f = csv_file(path)
    assert f is not None
    table = head_table(f)
    parts = list(spans(f, table.header_row + 1, size, lambda n: n in done))
    assert all(isinstance(p, Span) for p in parts)
    return [p for p in parts if isinstance(p, Span)]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_spans_give_the_rows_of_a_whole_read_with_newlines_in_quoted_cells(
    tmp_path: Path, size: int, encoding: str
) -> None:
    text = HEADER + "".join(ROWS).replace("Beta", "贝塔")
    path = write(tmp_path, text, encoding)
    whole = list(read_table(path).rows())
    parts = all_spans(path, size)
    read = [row for span in parts for row in read_span(span)]
    assert read == whole
    assert len(whole) == 7 and any("\n" in cell for _, cells in whole for cell in cells)
    assert all(span.count <= size for span in parts)
    assert [span.first for span in parts] == sorted({s.first for s in parts})
    # the spans tile the file: each starts where the one before ended
    assert all(a.end <= b.start for a, b in itertools.pairwise(parts))


def test_a_problem_keeps_its_row_and_line_after_the_rows_before_it(tmp_path: Path) -> None:
    text = HEADER + "".join(ROWS[:3]) + 'Broken,"never closed,x\n' + "".join(ROWS[4:])
    path = write(tmp_path, text)
    with pytest.raises(InputError) as whole:
        list(read_table(path).rows())
    f = csv_file(path)
    assert f is not None
    parts = list(spans(f, 2, 2, lambda n: False))
    problem = parts[-1]
    assert isinstance(problem, InputError)
    assert problem.message == whole.value.message
    assert "row 5 (line 7)" in problem.message  # header, 2 + 1 + 2 lines, then the quote
    read = [row for span in parts[:-1] if isinstance(span, Span) for row in read_span(span)]
    assert [number for number, _ in read] == [2, 3, 4]


def test_a_row_past_a_limit_is_said_with_its_row_by_the_worker_and_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sme_assess.answer_io import limits

    text = HEADER + "".join(ROWS).replace("Eta,paper,y", "Eta,paper,y,z")
    path = write(tmp_path, text)
    parts = all_spans(path, 3)
    monkeypatch.setattr(limits, "MAX_COLUMNS", 3)
    with pytest.raises(InputError, match=r"t.csv: row 9: more than 3 columns"):
        list(read_span(parts[-1]))  # the worker numbers rows as the whole file does
    f = csv_file(path)
    assert f is not None
    found = list(spans(f, 2, 3, lambda n: False))
    assert isinstance(found[-1], InputError)
    assert found[-1].message.startswith("row 9: more than 3 columns")


def test_a_file_changed_after_the_scan_is_not_read_blindly(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "".join(ROWS))
    parts = all_spans(path, 3)
    path.write_text(HEADER + "".join(ROWS[1:]), "utf-8")
    os.utime(path, ns=(0, 0))
    with pytest.raises(InputError, match=r"t.csv: row 9: the file changed"):
        list(read_span(parts[-1]))


def test_rows_already_done_are_left_out_and_never_open_a_span(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "".join(ROWS))
    whole = [number for number, _ in read_table(path).rows()]
    done = frozenset(whole[:2] + whole[3:5])
    parts = all_spans(path, 2, done)
    read = [number for span in parts for number, _ in read_span(span)]
    assert read == [n for n in whole if n not in done]
    assert sum(span.count for span in parts) == len(read)
    assert all(span.first not in done for span in parts)


def test_files_read_whole_instead(tmp_path: Path) -> None:
    """UTF-16 and old Mac line ends are read whole by the main process, as before."""
    assert csv_file(write(tmp_path, HEADER + "".join(ROWS[:2]), "utf-16")) is None
    assert csv_file(write(tmp_path, HEADER.replace("\n", "\r") + "A,b,c\r", name="m.csv")) is None
    assert csv_file(write(tmp_path, HEADER, name="t.xlsx")) is None
