"""The action plan in the terminal (``score`` and ``explain``): the headline, the first three
actions with owner, cost and KPI, and the totals. A Rich renderable; nothing prints here."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..engine.evaluation import Evaluation
from ..i18n import translator
from ..wording.plan_page import action_plan_view
from .panels import FitPanel
from .steady import plain


def plan_panel(ev: Evaluation) -> RenderableType:
    view = action_plan_view(ev)
    lab = view.labels
    _ = translator(ev.result.language)
    colon = _(": ")
    parts: list[RenderableType] = [Text(plain(view.headline), style="bold")]
    if view.actions:
        actions = Table(show_edge=False, show_header=False, pad_edge=False)
        actions.add_column(justify="right", overflow="fold")
        actions.add_column(overflow="fold")
        for row in view.actions:
            body = Text(plain(row.name), style="bold")
            body.append(f"\n{lab['first_step']}{colon}{plain(row.first_step)}")
            body.append(f"\n{lab['owner']}{colon}{plain(row.owner)} · {plain(row.cost)}")
            due = ""
            if row.due:
                due = _(" ({target_by} {date})", target_by=lab["due"], date=row.due)
            body.append(f"\n{lab['kpi']}{colon}{plain(row.kpi)}{due}", style="green")
            actions.add_row(str(row.number), body)
        parts.append(actions)
    totals = Table(show_edge=False, pad_edge=False)
    totals.add_column(lab["horizon"], overflow="fold")
    totals.add_column(lab["one_off"], justify="right", overflow="fold")
    totals.add_column(lab["monthly"], justify="right", overflow="fold")
    totals.add_column(lab["three_year"], justify="right", overflow="fold")
    lines: list[Text] = []
    for t in view.totals:
        totals.add_row(t.label, t.one_off, t.monthly, t.three_year)
        lines.append(
            Text(
                f"{t.label}{colon}{lab['one_off']} {t.one_off} · {t.monthly} · "
                f"{lab['three_year']} {t.three_year}"
            )
        )
    parts.append(Totals(totals, lines))
    parts.append(Text(view.how_money, style="dim"))
    return FitPanel(parts, title=Text(lab["page_title"]), expand=False)


class Totals(Group):
    """The plan's totals: a table where it fits with no cell wrapped, else a line per period
    (on a narrow terminal the table folded "¥415,000–665,000" into "¥415,000–66" and
    "5,000", and "First 90 days" into "First 90 day" and "s"). A group of the table and the
    lines, so that ``keep_aware`` keeps numbers with their units in both."""

    def __init__(self, table: Table, lines: list[Text]) -> None:
        super().__init__(table, *lines)

    def _fits(self, console: Any, options: Any) -> bool:
        """Whether the table fits with no cell wrapped (Rich folds a column narrower than
        its longest amount rather than give it the width)."""
        unbounded = options.update_width(10_000)  # Rich caps a measure at the width given
        widest: int = Measurement.get(console, unbounded, self.renderables[0]).maximum
        return widest <= int(options.max_width)

    def __rich_measure__(self, console: Any, options: Any) -> Measurement:
        if self._fits(console, options):
            return Measurement.get(console, options, self.renderables[0])
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        if self._fits(console, options):
            yield self.renderables[0]
        else:
            yield from self.renderables[1:]
