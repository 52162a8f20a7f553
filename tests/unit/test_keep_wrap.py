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
