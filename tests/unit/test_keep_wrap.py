"""A number keeps its unit on the terminal (sme_assess.terminal.keep_wrap): Rich broke at
any white space, a no-break space included ("over 3" | "years", "¥24" | "000")."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from sme_assess.terminal.keep_wrap import KeepText, keep_aware
from sme_assess.terminal.views import for_language


def _shown(renderable: object, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(Group(renderable))  # print() alone joins texts into a plain Text
    return console.export_text()


SPLIT = re.compile(r"(\d|¥|level|Level)[ \u00a0\u202f]*│?\s*\n[\s│]*(years?|months?|%|000|\d)")


@pytest.mark.parametrize("width", range(17, 60))
def test_a_number_keeps_its_unit_and_a_no_break_space_holds(width: int) -> None:
    text = (
        "one-off ¥15,000, ¥1,500 a month, ¥59,000 over 3 years; 80 % within 3 months; "
        "Level 1 needs: 12.8 more points; ¥24\u202f000 in a third language"
    )
    shown = _shown(KeepText(text), width)
    assert not SPLIT.search(shown), shown
    assert re.sub(r"[ \n]+", " ", shown).strip() == text  # the text shown unchanged
    if width in (17, 23, 35, 47):  # Rich alone breaks there
        assert SPLIT.search(_shown(Text(text), width))


def test_an_english_screens_table_cells_keep_their_units() -> None:
    table = Table("Cost")
    table.add_row("under ¥50k one-off · ¥15,000 over 3 years")
    plain = Table("Cost")
    plain.add_row("under ¥50k one-off · ¥15,000 over 3 years")
    assert SPLIT.search(_shown(plain, 40))  # Rich alone: "¥15,000 over 3" | "years"
    shown = _shown(for_language(table, "en"), 40)
    assert not SPLIT.search(shown), shown
    assert isinstance(keep_aware(Text("x")), KeepText)


def test_a_text_measured_again_is_measured_once_and_again_when_it_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A table cell is measured by every panel and table around it and again when drawn:
    the second measure of the same text is remembered; a text changed since is measured
    anew (never a stale width)."""
    from sme_assess.terminal import keep_wrap

    calls: list[str] = []
    real = keep_wrap.no_break_points

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(keep_wrap, "no_break_points", counted)
    console = Console(width=80, file=io.StringIO())
    text = KeepText("over 3 years")
    first = console.measure(text)
    assert console.measure(text) == first and len(calls) == 1
    text.append(" and a much longer tail")
    assert console.measure(text).maximum == len("over 3 years and a much longer tail")
    assert len(calls) == 2


def test_a_line_that_fits_is_not_looked_at_for_places_to_break(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Most cells fit their column: they are given no break without being scanned."""
    from sme_assess.terminal import keep_wrap

    def never(text: str) -> str:
        raise AssertionError(f"scanned {text!r}")

    monkeypatch.setattr(keep_wrap, "no_break_points", never)
    assert keep_wrap.divide_kept("¥15,000 over 3 years", 20) == []
    with pytest.raises(AssertionError):
        keep_wrap.divide_kept("¥15,000 over 3 years", 19)
