"""A range of numbers in the PDF stays on one line: WeasyPrint broke "Value within 3–" |
"5 months" after the en dash, which reads as two numbers (the reports review saw it after
the terminal's Chinese ranges were kept whole). The report's HTML joins a range's dash to
its numbers with word joiners, which the PDF neither shows nor gives back as text."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
from weasyprint import HTML

from sme_assess.wording.typography import glue

from ..conftest import FIXTURES

WJ = "\u2060"


def _lines(text: str, width: int) -> list[str]:
    html = (
        f'<html><body style="margin:0"><p style="width:{width}px;font-size:12px;'
        f'font-family:sans-serif">{text}</p></body></html>'
    )
    pdf = HTML(string=html).write_pdf()
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()


def test_a_range_is_never_broken_after_its_dash_in_the_pdf() -> None:
    plain = "Value within 3–5 months"
    broken = [w for w in range(60, 200, 4) if any(x.endswith("3–") for x in _lines(plain, w))]
    assert broken, "the check needs a width where WeasyPrint breaks after the dash"
    for width in range(60, 200, 4):
        lines = _lines(glue(plain), width)
        assert any("3–5" in line for line in lines), (width, lines)  # whole, no joiner shown


def test_the_reports_amount_ranges_are_joined(
    cli: Any, tmp_path: Path, tier_priced_pack: Path
) -> None:
    out = tmp_path / "job_shop.html"
    done = cli(
        "report", str(FIXTURES / "personas" / "job_shop.yaml"), "-f", "html", "-o", str(out),
        "--lang", "en", "--pack", str(tier_priced_pack),
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    # the money totals that include the tier-priced step are ranges, each joined
    assert re.search(rf"\d{WJ}–{WJ}\d", html), "no range in the report"
    assert not re.search(r"\d–\d", html)
