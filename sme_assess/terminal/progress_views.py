"""The progress between two assessments as a Rich renderable for the terminal. Nothing
prints here; every text from a file or pack passes through ``plain``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..models.progress import Progress
from ..report.progress import progress_view
from .steady import plain


def _change_style(text: str) -> str:
    if text.startswith("+") or text.startswith("▲"):
        return "green"
    return "red" if text.startswith("-") else ""


def progress_table(p: Progress) -> RenderableType:
    pv = progress_view(p)
    parts: list[RenderableType] = []
    head = Text()
    company = p.company_after or p.company_before
    if company:
        head.append(plain(company) + "\n", style="bold")
    head.append(plain(pv.title), style="bold")
    head.append("\n" + plain(pv.assessed), style="dim")
    parts.append(head)

    table = Table(show_edge=False, pad_edge=False)
    table.add_column("", overflow="fold")
    table.add_column(plain(pv.labels["before"]), justify="right", overflow="fold")
    table.add_column(plain(pv.labels["after"]), justify="right", overflow="fold")
    table.add_column(plain(pv.labels["change"]), justify="right", overflow="fold")
    for i, line in enumerate([pv.overall, pv.stage, *pv.categories]):
        style = "bold" if i < 2 else ""
        table.add_row(
            Text(plain(line.label), style=style),
            plain(line.before),
            plain(line.after),
            Text(plain(line.change), style=_change_style(line.change)),
            end_section=i == 1,
        )
    parts.append(table)
    if pv.estimates:
        est = Table(title=plain(pv.labels["estimates"]), show_edge=False, pad_edge=False)
        for name in ("framework", "before", "after"):
            est.add_column(plain(pv.labels[name]), overflow="fold")
        est.add_column("", overflow="fold")
        for line in pv.estimates:
            est.add_row(
                plain(line.label), plain(line.before), plain(line.after), plain(line.change)
            )
        parts.append(est)
    for heading, items in pv.lists:
        block = Text(plain(heading) + "\n", style="bold")
        if items:
            block.append("\n".join(f"  • {plain(item)}" for item in items))
        else:
            block.append("  " + plain(pv.labels["none"]), style="dim")
        parts.append(block)
    for text in pv.notes:
        parts.append(Text.assemble(("note: ", "yellow"), plain(text)))
    return Group(*parts)
