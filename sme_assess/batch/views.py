"""What the batch shows in a terminal: the progress and the outcome (the mapping check is
``check_view``'s, named here for the CLI).

Renderables and small printers for the CLI, which owns the consoles; the batch core itself
never prints. Their words are in the operator's language (``words.operator_words``); the
failure messages they quote are errors.csv's, said in that language where their shape is known
(``words.said``).
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.text import Text

from ..errors import shortened
from ..terminal.steady import plain
from .check_view import SHOW_FAILURES, check_view, table_view
from .state import BatchResult, Progress
from .words import operator_words, place
from .words import said as in_language

__all__ = [
    "SHOW_FAILURES",
    "ProgressPrinter",
    "bold_markup",
    "check_view",
    "failures_view",
    "outcome_view",
    "table_view",
]


class ProgressPrinter:
    """A Rich progress bar on a terminal; plain lines (every few seconds) otherwise.

    No refresh thread: the bar is redrawn from the callback, so forking worker processes
    while it shows is safe."""

    def __init__(self, console: Console, interval: float = 2.0) -> None:
        self.console = console
        self._ = operator_words()
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

            _ = self._
            # the counts are filled in by Rich ({task.fields[...]}): the words are escaped
            # for its markup, and their {n} becomes Rich's field
            failed = escape(_("{n} failed")).replace("{n}", "{task.fields[failed]}")
            skipped = escape(_("{n} already done")).replace("{n}", "{task.fields[skipped]}")
            self._bar = Bar(
                TextColumn(escape(_("scoring"))),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("[red]" + failed),
                TextColumn("[dim]" + skipped),
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
        _ = self._
        line = _(
            "scoring: {done}/{total} done, {failed}",
            done=p.done,
            total=p.total,
            failed=_("{n} failed", n=p.failed),
        )
        if p.skipped:
            line += _(", ") + _("{n} already done", n=p.skipped)
        try:
            self.console.print(line, highlight=False, markup=False)
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


def bold_markup(value: object) -> str:
    """``value`` in bold as Rich markup, for a count inside a translated sentence (Babel
    cannot see a message among f-strings; the sentence itself holds no markup)."""
    return f"[bold]{escape(str(value))}[/]"


def outcome_view(result: BatchResult) -> RenderableType:
    _ = operator_words()
    shown = escape(plain(result.outdir, newlines=False))
    scored, failed = result.scored, len(result.failures)
    detail = _("{n} scored now", n=result.new)
    if result.skipped:
        detail += _(", ") + _("{n} from the earlier run", n=result.skipped)
    text = Text.from_markup(
        _(
            "{respondents} ({detail}), {failed} → {outdir}/",
            respondents=_.ngettext(
                "{count} respondent in the summary",
                "{count} respondents in the summary",
                scored,
                count=bold_markup(scored),
            ),
            detail=detail,
            failed=_("{count} could not be scored", count=bold_markup(failed)),
            outdir=shown,
        )
    )
    if result.incomplete:
        text.append(
            "\n"
            + _.ngettext(
                "{n} respondent scored with questions missing (--lenient: their file has no "
                "column for questions they were asked; see the notes column)",
                "{n} respondents scored with questions missing (--lenient: their file has no "
                "column for questions they were asked; see the notes column)",
                result.incomplete,
            ),
            style="yellow",
        )
    if result.lost:
        text.append(
            "\n"
            + _.ngettext(
                "{n} respondent scored with answers lost: ticks under an option column whose "
                "option is none of the question's (see the notes column; map the column to "
                "question/option in --mapping columns)",
                "{n} respondents scored with answers lost: ticks under an option column whose "
                "option is none of the question's (see the notes column; map the column to "
                "question/option in --mapping columns)",
                result.lost,
            ),
            style="yellow",
        )
    if result.unread:
        text.append(
            "\n"
            + _.ngettext(
                "{n} respondent has filled cells under no question, not read (see the notes "
                "column; map those columns in --mapping columns, or to ignore)",
                "{n} respondents have filled cells under no question, not read (see the notes "
                "column; map those columns in --mapping columns, or to ignore)",
                result.unread,
            ),
            style="yellow",
        )
    if result.unsure:
        text.append(
            "\n"
            + _.ngettext(
                "{n} respondent scored with options their table has no column for, not known "
                "(a survey built from an older pack? see the notes column)",
                "{n} respondents scored with options their table has no column for, not known "
                "(a survey built from an older pack? see the notes column)",
                result.unsure,
            ),
            style="yellow",
        )
    files = Text("  " + ", ".join(result.written), style="dim")
    return Group(text, files)


def failures_view(result: BatchResult) -> RenderableType:
    """One line per failure (file names, companies and messages come from the inputs:
    control characters are shown, never obeyed). The messages are errors.csv's, as written
    there; the words around them are in the operator's language."""
    _ = operator_words()
    parts: list[RenderableType] = []
    for f in result.failures[:SHOW_FAILURES]:
        where = place(f.source, f.row, _)
        if f.company:
            where += f" ({f.company})"
        first = f"; {in_language(f.problems[0], _)}" if f.problems else ""
        more = " " + _("(+{n} more)", n=len(f.problems) - 1) if len(f.problems) > 1 else ""
        message = in_language(f.message, _)
        line = shortened(f"  {where}: {message}{first}{more}")
        parts.append(Text(plain(line, newlines=False)))
    hidden = len(result.failures) - SHOW_FAILURES
    if hidden > 0:
        parts.append(Text("  " + _("… and {n} more in errors.csv", n=hidden)))
    for where, why in result.report_failures[:SHOW_FAILURES]:
        said = _("report not written: {why}", why=in_language(str(why), _))
        parts.append(Text(plain(f"  {where}: {said}", newlines=False)))
    return Group(*parts)
