"""What `batch --check-mapping` shows: every table's columns and what each became (a table,
or a block per column on a narrow terminal), the values read and not read, and the count of
what stands in the way. Renderables in the operator's language; the CLI prints them."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..i18n import Translator
from ..terminal.cjk_wrap import as_cjk, has_cjk
from ..terminal.steady import plain
from .check import MappingCheck, TableCheck
from .check_rows import Unheaded
from .words import operator_words
from .words import said as in_language

SHOW_FAILURES = 20


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


class _MappedColumns:
    """The mapping check's columns, laid out for the terminal's width: a table whose
    targets (question ids, ``respondent.company``) are never broken, its headers and notes
    wrapped by words; under a width where the targets and some header text do not fit side
    by side, one column a block (letter and header, then "→ target  how" indented). At 60
    columns the table folded "respondent.company" into "respondent.compa" / "ny"."""

    HEADER_MIN, HOW_MIN = 20, 16  # the least the wrapped columns get in the table

    def __init__(self, heads: tuple[str, ...], rows: list[tuple[str, Text, Text, Text]]) -> None:
        self.heads = heads
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        letter_w = max(cell_len(x) for x in [self.heads[0], *(r[0] for r in self.rows)])
        target_w = max((r[2].cell_len for r in self.rows), default=1)
        if letter_w + target_w + self.HEADER_MIN + self.HOW_MIN + 6 <= options.max_width:
            yield self._table(letter_w, target_w)
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, min_width=letter_w)
        grid.add_column(overflow="fold")
        for letter, header, target, how in self.rows:
            grid.add_row(Text(letter, style="bold"), header)
            grid.add_row("", Text.assemble("→ ", target, "  ", how))
        yield grid

    def _table(self, letter_w: int, target_w: int) -> Table:
        table = Table(show_edge=False, pad_edge=False, box=None)
        table.add_column(self.heads[0], no_wrap=True, min_width=letter_w)
        table.add_column(self.heads[1], overflow="fold", min_width=self.HEADER_MIN, ratio=3)
        table.add_column(self.heads[2], no_wrap=True, min_width=target_w)
        table.add_column(self.heads[3], overflow="fold", min_width=self.HOW_MIN, ratio=2)
        for row in self.rows:
            table.add_row(*row)
        return table


def table_view(check: TableCheck, _: Translator | None = None) -> RenderableType:
    _ = _ or operator_words()
    parts: list[RenderableType] = []
    head = Text(plain(check.source, newlines=False), style="bold")
    if check.problem:
        why = plain(in_language(check.problem, _), newlines=False)
        head.append("  " + _("cannot be read: {problem}", problem=why), style="red")
        return head
    rows = _.ngettext("{n} row", "{n} rows", check.rows)
    head.append(f"  {check.detail}; {rows}", style="dim")
    if check.language:
        head.append(_("; written in '{language}'", language=check.language), style="dim")
    parts.append(head)
    listed: list[tuple[str, Text, Text, Text]] = []
    colours = {"question": "green", "option": "green", "respondent": "cyan"}
    for c in check.columns:
        col = c.column
        if col.kind in ("question", "option", "respondent"):
            target = col.target or ""
            if col.option:
                target += f" = {col.option}"
            if col.kind == "respondent":
                target = f"respondent.{target}"
            arrow = Text(target, style=colours[col.kind])
        elif col.kind == "ignored":
            arrow = Text(_("ignored"), style="dim")
        else:
            arrow = Text(_("not mapped"), style="yellow")
        header = col.header if len(col.header) <= 60 else col.header[:59] + "…"
        shown = Text(plain(header))
        if has_cjk(header):  # broken between characters, not at "1. " before a long question
            shown = as_cjk(shown)
        listed.append((col.letter, shown, arrow, Text(plain(col.how), style="dim")))
    heads = (
        _.pgettext("mapping check column", "col"),
        _.pgettext("mapping check column", "header"),
        "→",
        _.pgettext("mapping check column", "how"),
    )
    parts.append(_MappedColumns(heads, listed))
    for c in check.columns:
        if not c.values and not c.summarised:
            continue
        name = c.column.target or repr(c.column.header)  # a column of no question: its header
        line = Text(f"  {c.column.letter} {plain(name)}:", style="bold")
        if c.summarised:
            line.append(" " + plain(c.summarised), style="dim")
        parts.append(line)
        for v in c.values:
            mark = Text("  ✓ " if v.ok else "  ✗ ", style="green" if v.ok else "red")
            mark.append(f"{plain(repr(v.text))} ×{v.count} → ")
            if v.ok:
                mark.append(_value(v.value), style="green")
                mark.append(f"  ({v.how})", style="dim")
            else:
                mark.append(_("not read: {how}", how=plain(in_language(v.how, _))), style="red")
                if v.advice:
                    mark.append(f" → {plain(v.advice)}", style="yellow")
            parts.append(mark)
        if c.more:
            more = _.ngettext("… and {n} more value", "… and {n} more values", c.more)
            parts.append(Text("    " + more, style="dim"))
    unreadable = [
        c.column for c in check.columns if c.column.kind == "unmapped" and c.column.target
    ]
    for col in unreadable[:SHOW_FAILURES]:
        why = _("not read: {how}", how=plain(col.how))
        parts.append(Text(f"  ✗ {col.letter} {col.target}: {why}", style="red"))
    required = set(check.missing_required)
    scored = [x for x in check.missing_scored if x not in required]
    if check.missing_required:
        parts.append(
            Text(
                "  ✗ "
                + _(
                    "required questions with no column ({count}): {ids}",
                    count=len(required),
                    ids=", ".join(check.missing_required),
                ),
                style="red",
            )
        )
    if scored:
        parts.append(
            Text(
                "  ✗ "
                + _(
                    "scored questions with no column ({count}): {ids} (a firm asked them "
                    "cannot be scored right; map them with --mapping)",
                    count=len(scored),
                    ids=", ".join(scored),
                ),
                style="red",
            )
        )
    unscored = [x for x in check.missing_unscored if x not in required]
    if unscored:
        parts.append(
            Text(
                "  ✗ "
                + _(
                    "questions asked but not scored with no column ({count}): {ids} (the plan "
                    "or an estimate may read them, so a firm asked them is not scored without "
                    "them; map them with --mapping, or --lenient to go without them)",
                    count=len(unscored),
                    ids=", ".join(unscored),
                ),
                style="red",
            )
        )
    for qid, options in check.missing_options.items():
        parts.append(
            Text(
                "  ✗ "
                + _(
                    "{qid}: no column for its options {options}: not known in any row (a "
                    "survey built from an older pack, or columns left out)",
                    qid=qid,
                    options=", ".join(options),
                ),
                style="red",
            )
        )
    others = [x for x in check.missing if x not in required and x not in scored + unscored]
    if others:
        parts.append(
            Text(
                "  "
                + _(
                    "questions with no column, not scored ({count}): {ids}",
                    count=len(others),
                    ids=", ".join(others),
                ),
                style="dim",
            )
        )
    for number, why in [*check.header_rows, *check.clashes, *check.bad_rows]:
        said = _("row {number}: {why}", number=number, why=plain(in_language(why, _)))
        parts.append(Text("  ✗ " + said, style="red"))
    if check.bad_row_count > len(check.bad_rows):
        extra = check.bad_row_count - len(check.bad_rows)
        parts.append(Text("  " + _("… and {n} more", n=extra), style="red"))
    for number, note in check.row_notes:
        said = _("row {number}: {why}", number=number, why=plain(in_language(note, _)))
        parts.append(Text("  ! " + said, style="yellow"))
    if check.row_note_count > len(check.row_notes):
        extra = check.row_note_count - len(check.row_notes)
        parts.append(Text("  " + _("… and {n} more", n=extra), style="yellow"))
    for unheaded in check.unheaded.values():
        parts.append(Text("  ✗ " + plain(_unheaded_line(unheaded, _)), style="red"))
    return Group(*parts)


def _unheaded_line(u: Unheaded, _: Translator) -> str:
    """One line for the filled cells of one column with no header above them."""
    if u.first == u.last:
        rows = _("row {number}", number=u.first)
    else:
        rows = _("rows {first}–{last}", first=u.first, last=u.last)
    if u.past:
        return _.ngettext(
            "right of the last header (column {column} on): {n} filled cell ({rows}, e.g. "
            "{sample}): not read (give the column a header, or delete it)",
            "right of the last header (column {column} on): {n} filled cells ({rows}, e.g. "
            "{sample}): not read (give the column a header, or delete it)",
            u.cells,
            column=u.column,
            rows=rows,
            sample=repr(u.sample),
        )
    return _.ngettext(
        "column {column} has no header but holds {n} filled cell ({rows}, e.g. {sample}): "
        "not read (give it a header, or delete it)",
        "column {column} has no header but holds {n} filled cells ({rows}, e.g. {sample}): "
        "not read (give it a header, or delete it)",
        u.cells,
        column=u.column,
        rows=rows,
        sample=repr(u.sample),
    )


def check_view(report: MappingCheck) -> RenderableType:
    _ = operator_words()
    parts: list[RenderableType] = [Text(_("pack: {id}", id=report.pack), style="dim")]
    for table in report.tables:
        parts.append(Text(""))
        parts.append(table_view(table, _))
    answers = report.answers
    if answers.count:
        parts.append(Text(""))
        by = ", ".join(f"{k} ×{v}" for k, v in answers.questionnaires.most_common())
        parts.append(
            Text(
                _.ngettext(
                    "{n} answers file (JSON/YAML, no mapping needed): {by}",
                    "{n} answers files (JSON/YAML, no mapping needed): {by}",
                    answers.count,
                    by=by,
                )
            )
        )
        for source, problem in answers.problems[:SHOW_FAILURES]:
            parts.append(Text(plain(f"  ✗ {source}: {in_language(problem, _)}"), style="red"))
        if len(answers.problems) > SHOW_FAILURES:
            parts.append(Text("  " + _("… and {n} more", n=len(answers.problems) - SHOW_FAILURES)))
    for source, problem in report.other:
        parts.append(Text(plain(f"✗ {source}: {in_language(problem, _)}"), style="red"))
    for note in report.notes:
        parts.append(Text(plain(note), style="yellow"))
    unmatched = sum(t.unmatched for t in report.tables)
    no_column = sum(1 for t in report.tables if t.missing_required or t.missing_scored)
    no_unscored = sum(1 for t in report.tables if set(t.missing_unscored) - set(t.missing_required))
    no_option = sum(len(t.missing_options) for t in report.tables)
    header_rows = sum(len(t.header_rows) for t in report.tables)
    bad_rows = sum(t.bad_row_count for t in report.tables)
    unread = sum(t.unread_columns for t in report.tables)
    unread_cells = sum(t.unread_cells for t in report.tables)
    unheaded = sum(t.unheaded_cells for t in report.tables)
    parts.append(Text(""))
    if report.clean:
        parts.append(
            Text(
                "✓ "
                + _("every required and scored question has a column; every value can be read"),
                style="green",
            )
        )
    else:
        unusable = len(answers.problems) + len(report.other)
        unreadable = sum(1 for t in report.tables if t.problem)
        said = [
            _.ngettext(
                "{n} table with required or scored questions that have no column",
                "{n} tables with required or scored questions that have no column",
                no_column,
            ),
            _.ngettext(
                "{n} cell with values that match no option",
                "{n} cells with values that match no option",
                unmatched,
            ),
            _.ngettext(
                "{n} row that looks like a header row",
                "{n} rows that look like header rows",
                header_rows,
            ),
            _.ngettext(
                "{n} row that cannot be read for certain",
                "{n} rows that cannot be read for certain",
                bad_rows,
            ),
            _.ngettext("{n} input that cannot be used", "{n} inputs that cannot be used", unusable),
            _.ngettext("{n} unreadable table", "{n} unreadable tables", unreadable),
        ]
        if unread:  # said only when there are some (the line is long enough)
            said.insert(
                2,
                _.ngettext(
                    "{n} column of a question that is not read",
                    "{n} columns of questions that are not read",
                    unread,
                ),
            )
        if no_unscored:  # said only when there are some
            said.insert(
                1,
                _.ngettext(
                    "{n} table with questions asked but not scored that have no column",
                    "{n} tables with questions asked but not scored that have no column",
                    no_unscored,
                ),
            )
        if no_option:  # said only when there are some
            said.append(
                _.ngettext(
                    "{n} question with options that have no column",
                    "{n} questions with options that have no column",
                    no_option,
                ),
            )
        if unread_cells:  # said only when there are some
            said.append(
                _.ngettext(
                    "{n} filled cell under a column that matches no question (not read)",
                    "{n} filled cells under columns that match no question (not read)",
                    unread_cells,
                ),
            )
        if unheaded:  # said only when there are some
            said.append(
                _.ngettext(
                    "{n} filled cell with no header above it (not read)",
                    "{n} filled cells with no header above them (not read)",
                    unheaded,
                ),
            )
        parts.append(Text("✗ " + _("; ").join(said), style="yellow"))
    return Group(*parts)
