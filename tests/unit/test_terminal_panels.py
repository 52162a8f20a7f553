"""terminal.panels.FitPanel: drawn exactly as Rich's own ``Panel(Group(...), expand=False)``
at every width, in colour or not; the tables in it are measured only when that can change
the width (the action plan's panel in `score`)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sme_assess.terminal.panels import FitPanel


def _draw(renderable: RenderableType, width: int, colour: bool) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    return out.getvalue()


def _parts(headline: str) -> list[RenderableType]:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("When", overflow="fold")
    table.add_column("One-off", justify="right", overflow="fold")
    table.add_row("First 90 days", "¥40,000")
    table.add_row("第一年", Text("约22万元 · 每月约4300元", style="green"))
    return [Text(headline, style="bold"), table, Text("Money: typical values.", style="dim")]


HEADLINES = [
    "Short.",  # narrower than the table: the table sets the width
    "x" * 30,
    "x" * 56,  # around the width inside the border and padding of a 60-column panel
    "x" * 57,
    "y" * 58,
    "The firm is at stage 0 (not yet digital); the first step: name who leads it. " * 2,
    "贵企业处于第0档（尚未数字化，12分）；最要紧的一步：明确数字化负责人。" * 2,
]


@pytest.mark.parametrize("headline", HEADLINES)
@pytest.mark.parametrize("colour", [False, True])
def test_drawn_as_rich_draws_the_panel_at_every_width(headline: str, colour: bool) -> None:
    for width in [*range(1, 12), 30, 40, 58, 59, 60, 61, 62, 80, 120]:
        title = Text("Action plan")
        mine = _draw(FitPanel(_parts(headline), title=title, expand=False), width, colour)
        rich = _draw(Panel(Group(*_parts(headline)), title=title, expand=False), width, colour)
        assert mine == rich, (headline, width)


def test_tables_are_measured_only_when_the_text_does_not_fill_the_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    measured: list[int] = []
    original = Table.__rich_measure__

    def counting(self: Table, console: Console, options: object) -> object:
        measured.append(1)
        return original(self, console, options)  # type: ignore[arg-type]

    monkeypatch.setattr(Table, "__rich_measure__", counting)
    _draw(FitPanel(_parts("x" * 100), expand=False), 80, colour=False)
    assert measured == []  # the headline needs the whole width: nothing to measure
    _draw(FitPanel(_parts("Short."), expand=False), 80, colour=False)
    assert measured  # the table sets the width: measured as Rich does
