"""What the batch shows in a terminal: the mapping check, the progress, the outcome.

Renderables and small printers for the CLI, which owns the consoles; the batch core itself
never prints.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..terminal_text import visible
from .check import MappingCheck, TableCheck
from .state import BatchResult, Progress

SHOW_FAILURES = 20


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def table_view(check: TableCheck) -> RenderableType:
    parts: list[RenderableType] = []
    head = Text(check.source, style="bold")
    if check.problem:
        head.append(f"  cannot be read: {check.problem}", style="red")
        return head
    head.append(f"  {check.detail}; {check.rows} row(s)", style="dim")
    if check.language:
        head.append(f"; written in '{check.language}'", style="dim")
    parts.append(head)
    columns = Table(show_edge=False, pad_edge=False, box=None)
    for name in ("col", "header", "→", "how"):
        columns.add_column(name, overflow="fold")
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
            arrow = Text("ignored", style="dim")
        else:
            arrow = Text("not mapped", style="yellow")
        header = col.header if len(col.header) <= 60 else col.header[:59] + "…"
        columns.add_row(
            col.letter, Text(visible(header)), arrow, Text(visible(col.how), style="dim")
        )
    parts.append(columns)
    for c in check.columns:
        if not c.values and not c.summarised:
            continue
        line = Text(f"  {c.column.letter} {c.column.target}:", style="bold")
        if c.summarised:
            line.append(" " + c.summarised, style="dim")
        parts.append(line)
        for v in c.values:
            mark = Text("  ✓ " if v.ok else "  ✗ ", style="green" if v.ok else "red")
            mark.append(f"{visible(repr(v.text))} ×{v.count} → ")
            if v.ok:
                mark.append(_value(v.value), style="green")
                mark.append(f"  ({v.how})", style="dim")
            else:
                mark.append(f"not read: {v.how}", style="red")
                if v.advice:
                    mark.append(f" → {v.advice}", style="yellow")
            parts.append(mark)
        if c.more:
            parts.append(Text(f"    … and {c.more} more value(s)", style="dim"))
    unreadable = [
        c.column for c in check.columns if c.column.kind == "unmapped" and c.column.target
    ]
    for col in unreadable[:SHOW_FAILURES]:
        parts.append(
            Text(f"  ✗ {col.letter} {col.target}: not read: {visible(col.how)}", style="red")
        )
    required = set(check.missing_required)
    scored = [x for x in check.missing_scored if x not in required]
    if check.missing_required:
        parts.append(
            Text(
                f"  ✗ required questions with no column ({len(required)}): "
                + ", ".join(check.missing_required),
                style="red",
            )
        )
    if scored:
        parts.append(
            Text(
                f"  ✗ scored questions with no column ({len(scored)}): "
                + ", ".join(scored)
                + " (a firm asked them cannot be scored right; map them with --mapping)",
                style="red",
            )
        )
    others = [x for x in check.missing if x not in required and x not in scored]
    if others:
        parts.append(
            Text(
                f"  questions with no column, not scored ({len(others)}): " + ", ".join(others),
                style="dim",
            )
        )
    for number, why in check.header_rows:
        parts.append(Text(f"  ✗ row {number}: {why}", style="red"))
    return Group(*parts)


def check_view(report: MappingCheck) -> RenderableType:
    parts: list[RenderableType] = [Text(f"pack: {report.pack}", style="dim")]
    for table in report.tables:
        parts.append(Text(""))
        parts.append(table_view(table))
    answers = report.answers
    if answers.count:
        parts.append(Text(""))
        by = ", ".join(f"{k} ×{v}" for k, v in answers.questionnaires.most_common())
        parts.append(Text(f"{answers.count} answers file(s) (JSON/YAML, no mapping needed): {by}"))
        for source, problem in answers.problems[:SHOW_FAILURES]:
            parts.append(Text(f"  ✗ {source}: {problem}", style="red"))
        if len(answers.problems) > SHOW_FAILURES:
            parts.append(Text(f"  … and {len(answers.problems) - SHOW_FAILURES} more"))
    for source, problem in report.other:
        parts.append(Text(f"✗ {source}: {problem}", style="red"))
    for note in report.notes:
        parts.append(Text(note, style="yellow"))
    unmatched = sum(t.unmatched for t in report.tables)
    no_column = sum(1 for t in report.tables if t.missing_required or t.missing_scored)
    header_rows = sum(len(t.header_rows) for t in report.tables)
    parts.append(Text(""))
    if report.clean:
        parts.append(
            Text(
                "✓ every required and scored question has a column; every value can be read",
                style="green",
            )
        )
    else:
        parts.append(
            Text(
                f"✗ {no_column} table(s) with required or scored questions that have no "
                f"column; {unmatched} cell(s) with values that match no option; "
                f"{header_rows} row(s) that look like header rows; "
                f"{len(answers.problems) + len(report.other)} input(s) that cannot be used; "
                f"{sum(1 for t in report.tables if t.problem)} unreadable table(s)",
                style="yellow",
            )
        )
    return Group(*parts)


class ProgressPrinter:
    """A Rich progress bar on a terminal; plain lines (every few seconds) otherwise.

    No refresh thread: the bar is redrawn from the callback, so forking worker processes
    while it shows is safe."""

    def __init__(self, console: Console, interval: float = 2.0) -> None:
        self.console = console
        self.interval = interval
        self.live = console.is_terminal
        self._last = 0.0
        self._bar: Any = None
        self._task: Any = None
        self._seen: Progress | None = None
        self._printed: Progress | None = None

    def __enter__(self) -> ProgressPrinter:
        if self.live:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("scoring"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                TextColumn("[dim]{task.fields[skipped]} already done"),
                TimeElapsedColumn(),
                console=self.console,
                auto_refresh=False,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("scoring", total=None, failed=0, skipped=0)
        return self

    def __call__(self, p: Progress) -> None:
        self._seen = p
        now = time.monotonic()
        if self._bar is not None:
            self._bar.update(
                self._task, completed=p.done, total=p.total, failed=p.failed, skipped=p.skipped
            )
            if now - self._last > 0.1:
                try:
                    self._bar.refresh()
                except OSError:  # the terminal is gone (SIGHUP): keep working, stop showing
                    self._bar = None
                self._last = now
        elif now - self._last >= self.interval:
            self._line(p)
            self._last = now
            self._printed = p

    def _line(self, p: Progress) -> None:
        extra = f", {p.skipped} already done" if p.skipped else ""
        try:
            self.console.print(
                f"scoring: {p.done}/{p.total} done, {p.failed} failed{extra}", highlight=False
            )
        except OSError:  # output closed (e.g. piped into head): keep working, stop telling
            self.interval = float("inf")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            try:
                self._bar.refresh()
                self._bar.stop()
            except OSError:
                pass
        elif self._seen is not None and self._seen != self._printed:
            self._line(self._seen)


def outcome_view(result: BatchResult) -> RenderableType:
    shown = escape(visible(str(result.outdir), newlines=False))
    text = Text.from_markup(
        f"[bold]{result.scored}[/] respondent(s) in the summary "
        f"({result.new} scored now"
        + (f", {result.skipped} from the earlier run" if result.skipped else "")
        + f"), [bold]{len(result.failures)}[/] could not be scored → {shown}/"
    )
    if result.incomplete:
        text.append(
            f"\n{result.incomplete} respondent(s) scored with questions missing (--lenient: "
            "their file has no column for questions they were asked; see the notes column)",
            style="yellow",
        )
    files = Text("  " + ", ".join(result.written), style="dim")
    return Group(text, files)


def failures_view(result: BatchResult) -> RenderableType:
    """One line per failure (file names, companies and messages come from the inputs:
    control characters are shown, never obeyed)."""
    parts: list[RenderableType] = []
    for f in result.failures[:SHOW_FAILURES]:
        where = f.source + (f" row {f.row}" if f.row is not None else "")
        if f.company:
            where += f" ({f.company})"
        first = f"; {f.problems[0]}" if f.problems else ""
        more = f" (+{len(f.problems) - 1} more)" if len(f.problems) > 1 else ""
        parts.append(Text(visible(f"  {where}: {f.message}{first}{more}", newlines=False)))
    hidden = len(result.failures) - SHOW_FAILURES
    if hidden > 0:
        parts.append(Text(f"  … and {hidden} more in errors.csv"))
    for where, why in result.report_failures[:SHOW_FAILURES]:
        parts.append(Text(visible(f"  {where}: report not written: {why}", newlines=False)))
    return Group(*parts)
