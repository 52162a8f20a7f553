"""The action plan in the terminal (``score`` and ``explain``): the headline, the first three
actions with owner, cost and KPI, and the totals. A Rich renderable; nothing prints here."""

from __future__ import annotations

from rich.console import RenderableType
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
    for t in view.totals:
        totals.add_row(t.label, t.one_off, t.monthly, t.three_year)
    parts.append(totals)
    parts.append(Text(view.how_money, style="dim"))
    return FitPanel(parts, title=Text(lab["page_title"]), expand=False)
