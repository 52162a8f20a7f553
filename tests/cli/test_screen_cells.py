"""A company named with emoji, a flag, accents and full-width letters: every line of the
`score` screen takes on any terminal the cells Rich counted for it, so the
panels' and tables' right borders stay in line (👨‍👩‍👧 was counted 2 cells by Rich 15, 6 by
Rich 14, and drawn as 2 or 6 by the terminal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import wcwidth
import yaml
from rich.cells import cell_len

from ..conftest import FIXTURES

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
REST = "Cafe\u0301 ｶﾞﾗｽ 全角"  # an accent, half-width kana with its mark, full-width letters
NAME = f"{FAMILY} Family Plastics \U0001f1e8\U0001f1f3 \u2764\ufe0f \U0001f44d\U0001f3fd {REST}"


def _per_character(line: str) -> int:
    """The cells a terminal that knows no emoji sequences gives ``line``: each character's own."""
    return sum(max(0, wcwidth.wcwidth(ch)) for ch in line)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_emoji_in_a_company_name_keep_the_borders_in_line(
    cli: Any, tmp_path: Path, lang: str
) -> None:
    data = yaml.safe_load((FIXTURES / "personas" / "job_shop.yaml").read_text(encoding="utf-8"))
    data["respondent"]["company"] = NAME
    path = tmp_path / "family.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    done = cli("score", str(path), "--lang", lang, env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    out = str(done.stdout)
    for line in out.splitlines():
        assert cell_len(line) == _per_character(line), line
    # the name heads the first panel: its borders in line
    shown = f"\U0001f468\U0001f469\U0001f467 Family Plastics [CN] \u2764 \U0001f44d {REST}"
    assert shown in out  # the people, the flag's letters, accents and full-width kept
    lines = out.splitlines()
    panel = lines[: next(i for i, x in enumerate(lines) if x.startswith("╰")) + 1]
    assert len({_per_character(x.rstrip()) for x in panel}) == 1, panel
