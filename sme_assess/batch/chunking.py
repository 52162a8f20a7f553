"""The respondents not yet done, in chunks for the workers: answers files, table rows, CSV spans.

A table that cannot be read is one Failed; one that breaks off part-way keeps the rows read
before it. A CSV table is only scanned here (``csv_ranges``): the workers read its spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..answer_io import words
from ..answer_io.csv_ranges import CsvFile, Span, csv_file, head_table, spans
from ..answer_io.intake import Export, open_export
from ..answer_io.mapping import TablePlan
from ..answer_io.tabular import Table
from ..errors import InputError, unexpected
from ..i18n import Said
from .discovery import Source
from .failure import Failed
from .state import _Run
from .words import operator_words
from .work import Chunk, Item, located

if TYPE_CHECKING:
    from ..answer_io.percent_scale import FractionScan


def chunks(run: _Run, sources: Iterable[Source]) -> Iterator[Chunk | Failed]:
    """Chunks of respondents not yet done; a table that cannot be read is one Failed."""
    size, table_size = run.sizes
    done = run.done
    pending: list[Item] = []
    for source in sources:
        if source.kind == "answers":
            key = (source.shown, None)
            if key in done:
                run.result.skipped += 1
                continue
            pending.append(Item(source.shown, None, path=source.where))
            if len(pending) >= size:
                yield Chunk(tuple(pending))
                pending = []
            continue
        yield from _table_chunks(run, source, table_size)
    if pending:
        yield Chunk(tuple(pending))


def _table_chunks(run: _Run, source: Source, size: int) -> Iterator[Chunk | Failed]:
    """A table's rows in chunks; a table that cannot be read (for any reason) is one
    Failed, and one that breaks off part-way keeps the rows read before."""
    shown = source.shown
    layout: CsvFile | None = None
    try:
        layout = csv_file(source.path)
        head = None if layout is None else head_table(layout)
        export = open_export(source.path, run.matcher, head)
    except InputError as exc:
        run.total += 1
        yield Failed(shown, None, "", located(exc))
        return
    except Exception as exc:  # a damaged file may break a parser in unforeseen ways
        run.total += 1
        yield Failed(shown, None, "", f"cannot read: {unexpected(exc)}")
        return
    plan: TablePlan = export.plan
    if plan.mapped == 0:
        run.total += 1
        yield Failed(
            shown,
            None,
            "",
            f"no column matches a question of '{run.q.id}' "
            "(see `sme-assess batch --check-mapping`, or give --mapping)",
        )
        return
    yield from _other_sheets(run, export)
    if layout is not None:  # the scan for fractions rides on the pass that cuts the spans
        yield from _span_chunks(run, layout, export, size)
        return
    yield from _row_chunks(run, shown, export, size)


# Cells of a workbook's (or a CSV read whole) rows held while a column of a question answered
# in % is still in doubt (no row is scored before the scan says which columns are): the rows
# are read once when the scan ends within them (a usual file: at its first percentage), and
# read a second time for the scan, as before, past them (memory stays bounded: ~40 MB).
HOLD_CELLS = 500_000


def _row_chunks(run: _Run, shown: str, export: Export, size: int) -> Iterator[Chunk | Failed]:
    """A table's rows in chunks, the scan for fractions fed by the same read; a fault of the
    scan itself fails the file, and no row of it is read unjudged."""
    from ..answer_io.percent_scale import scan_rows

    plan = export.plan
    scan = _scan(run, export)
    held: list[tuple[int, list[str]]] = []  # rows read while the scan is in doubt
    held_cells = 0
    items: list[Item] = []
    problem: str | None = None
    seen = 0

    def take(number: int, cells: list[str]) -> Iterator[Chunk]:
        nonlocal items
        if (shown, number) in run.done:
            run.result.skipped += 1
            return
        run.total += 1
        items.append(Item(shown, number, cells=tuple(cells)))
        if len(items) >= size:
            yield Chunk(tuple(items), plan)
            items = []

    def release() -> Iterator[Chunk]:
        _settle(run, export, scan.found())
        for number, cells in held:
            yield from take(number, cells)
        held.clear()

    settled = scan.done  # the scan has said all it will: rows go out as read
    rows = export.rows()
    while True:
        try:
            number, cells = next(rows)
        except StopIteration:
            break
        except InputError as exc:
            problem = located(exc)
            break
        except Exception as exc:
            problem = unexpected(exc)
            break
        seen += 1
        if settled:
            yield from take(number, cells)
            continue
        held.append((number, cells))
        held_cells += len(cells)
        try:
            scan.row(cells)
            if not scan.done and held_cells > HOLD_CELLS:  # the rest read for the scan alone
                scan_rows(scan, plan, _until_unreadable(export.table.rows()))
        except Exception as exc:  # the scan itself broke on a cell: no row is read unjudged
            run.total += 1
            yield Failed(shown, None, "", f"cannot read: {unexpected(exc)}")
            return
        if scan.done or held_cells > HOLD_CELLS:
            settled = True
            yield from release()
    yield from release()  # the rows before a problem are all the scan saw
    if items:
        yield Chunk(tuple(items), plan)
    for row, why in export.out_of_order():  # an XLSX row stored out of order: not read
        run.total += 1
        yield Failed(shown, row, "", why)
    _say_boms(run, shown, export.table.boms)
    if problem is not None:
        run.total += 1
        yield Failed(shown, None, "", f"stopped reading: {problem}")
    elif not seen:
        _say_no_rows(run, shown)


def _span_chunks(run: _Run, layout: CsvFile, export: Export, size: int) -> Iterator[Chunk | Failed]:
    """A CSV table's rows as spans the workers read (``csv_ranges``): here only a
    streaming pass that finds where the spans start."""
    shown = layout.shown
    problem: str | None = None
    try:
        first = next(export.rows(), None)  # the first respondent row, after the headers
    except InputError as exc:
        first, problem = None, located(exc)
    except Exception as exc:
        first, problem = None, unexpected(exc)
    if first is not None:
        done = run.done

        def already(number: int) -> bool:
            if (shown, number) in done:
                run.result.skipped += 1
                return True
            return False

        boms: list[tuple[int, int]] = []
        # While a column of a question answered in % may still be in doubt, the spans are
        # held back (a few bytes each): no row is scored before the scan, fed by this same
        # pass, has said which columns are; as soon as none can be, they go out as found.
        scan = _scan(run, export)
        held: list[Span] = []

        def see(cells: list[str]) -> None:
            if not scan.done:
                scan.row(cells)

        def ready() -> Iterator[Chunk]:
            if held:
                _settle(run, export, scan.found())
            for part in held:
                run.total += part.count
                yield Chunk((), export.plan, part)
            held.clear()

        try:
            for part in spans(layout, first[0], size, already, boms, None if scan.done else see):
                if isinstance(part, InputError):
                    problem = located(part)
                    break
                held.append(part)
                if scan.done:
                    yield from ready()
        except InputError as exc:
            problem = located(exc)
        except Exception as exc:
            problem = unexpected(exc)
        _settle(run, export, scan.found())  # the rows before a problem are all the scan saw
        yield from ready()
        _say_boms(run, shown, boms)
    if problem is not None:
        run.total += 1
        yield Failed(shown, None, "", f"stopped reading: {problem}")
    elif first is None:
        _say_no_rows(run, shown)


def _scan(run: _Run, export: Export) -> FractionScan:
    """The columns of a question answered in % that hold only numbers from 0 to 1 (fractions
    or percentages?) are found from the whole file before any row is scored, so that every
    row refuses their numbers above 0 (``percent_scale``), and said once for the file
    (``_settle``). The scan stops at the first number above 1 (a column of percentages): a
    usual file costs a few rows. It rides on the read of the rows: the pass that cuts a CSV
    into spans (``_span_chunks``), or the read of a workbook's rows (``_row_chunks``)."""
    from ..answer_io.percent_scale import scan_of

    return scan_of(export.plan, run.matcher.lookups, run.matcher.mapping)


def _until_unreadable(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """The rows up to one that cannot be read. The reading of the rows to score stops at it
    as well (and says why, at its row), so the rows scored are the rows the scan saw, and
    its verdict on them stands."""
    found = iter(rows)
    while True:
        try:
            item = next(found)
        except Exception:  # StopIteration included
            return
        yield item


def _settle(run: _Run, export: Export, found: dict[int, list[str]]) -> None:
    """The columns in doubt (``found``) are refused by every row of the file, and said once."""
    plan = export.plan
    if not found or plan.fractions:
        return
    plan.fractions = frozenset(found)
    _ = operator_words()
    for index, values in found.items():
        column = plan.columns[index]
        run.result.notes.append(
            _(
                "{file} column {column} ({qid}): only numbers from 0 to 1 ({values}) under a "
                "question answered in %: fractions (0.3 = 30 %) or percentages (0.3 %)? Its "
                "numbers above 0 are not read until --mapping scales says which ({qid}: "
                "fraction, or {qid}: percent)",
                file=export.table.source,
                column=column.letter,
                qid=column.target,
                values=", ".join(values),
            )
        )


def _other_sheets(run: _Run, export: Export) -> Iterator[Failed]:
    """A workbook's other sheets with rows under columns of the questionnaire are not read
    (one sheet a file): each is a failure of the file, so that their firms are not lost
    without a word (errors.csv, exit 1)."""
    for why in unread_sheets(export.table):
        run.total += 1
        yield Failed(export.table.source, None, "", why)


def unread_sheets(table: Table) -> list[Said]:
    """What is said of each of a workbook's other sheets that hold rows under columns of
    the questionnaire (``tabular.Table.other_sheets``)."""
    return [
        Said(words.OTHER_SHEET, sheet=title, n=columns, read=table.sheet)
        for title, columns in table.other_sheets
    ]


def _say_boms(run: _Run, shown: str, boms: list[tuple[int, int]]) -> None:
    """A byte order mark inside a CSV (files joined with copy /b or cat) is left out of the
    cell it began: said at its line, so that a join nobody meant is seen."""
    _ = operator_words()
    for row, line in boms:
        run.result.notes.append(
            _(
                "{file} row {row} (line {line}): starts with a byte order mark, as where two files "
                "were joined (copy /b, cat): the mark is not read",
                file=shown,
                row=row,
                line=line,
            )
        )


def _say_no_rows(run: _Run, shown: str) -> None:
    """A table with a header row and nothing under it (an export made before anyone
    answered) scores nobody: said, so that a batch of it alone does not end without why."""
    _ = operator_words()
    run.result.notes.append(
        _("{file}: a header row and no respondent under it: nobody in it was scored", file=shown)
    )
