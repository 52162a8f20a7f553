"""A company named with emoji, a flag, accents and full-width letters: every line of the
`score` screen takes on any terminal the cells Rich counted for it, so the
panels' and tables' right borders stay in line (👨‍👩‍👧 was counted 2 cells by Rich 15, 6 by
Rich 14, and drawn as 2 or 6 by the terminal)."""

from __future__ import annotations

import json
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


# Text that would drive a terminal or Rich if obeyed: a bidi override, an escape sequence,
# Rich markup and an emoji code. It must print as written (the controls written out).
HOSTILE = "Evil \u202eLTD\u202c [bold]Bold[/bold] \x1b[31mRed\x1b[0m :smile:"
HOSTILE_SHOWN = "Evil \\u202eLTD\\u202c [bold]Bold[/bold] \\x1b[31mRed\\x1b[0m :smile:"


def _in_line(out: str) -> None:
    for line in out.splitlines():
        assert cell_len(line) == _per_character(line), line
    assert "\x1b" not in out and "\u202e" not in out and FAMILY not in out


def _firm(tmp_path: Path, name: str, company: str, **answers: Any) -> Path:
    data = yaml.safe_load((FIXTURES / "personas" / "job_shop.yaml").read_text(encoding="utf-8"))
    data["respondent"]["company"] = company
    data["answers"].update(answers)
    path = tmp_path / name
    # JSON: a YAML file cannot hold an escape character
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_batch_failure_lines_show_emoji_as_parts_and_controls_as_text(
    cli: Any, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _firm(inputs, f"{FAMILY} bad.json", f"{NAME} {HOSTILE}", digital_plan="no_such_option")
    _firm(inputs, "good.json", NAME)
    done = cli("batch", str(inputs), "-o", str(tmp_path / "out"), "-j", "1", env={"COLUMNS": "80"})
    assert done.exit_code == 1, done.output
    err = str(done.stderr)
    _in_line(err)
    assert "\U0001f468\U0001f469\U0001f467 bad.json" in err  # the file name's family as parts
    assert f"Family Plastics [CN] \u2764 \U0001f44d {REST} {HOSTILE_SHOWN}" in err


def test_batch_mapping_check_keeps_its_table_in_line(cli: Any, tmp_path: Path) -> None:
    sheet = tmp_path / "firms.csv"
    sheet.write_text(
        f'company,company_size,Notes {FAMILY} [bold]x[/bold]\n"{NAME}",small 👍🏽,hi\n',
        encoding="utf-8",
    )
    done = cli("batch", str(sheet), "--check-mapping", env={"COLUMNS": "80"})
    out = str(done.stdout)
    _in_line(out)
    assert "Notes \U0001f468\U0001f469\U0001f467 [bold]x[/bold]" in out  # markup as text
    assert "'small \U0001f44d'" in out  # the value as read, its skin tone left out on screen
    header = next(x for x in out.splitlines() if x.startswith("C "))
    first = next(x for x in out.splitlines() if x.startswith("A "))
    at = cell_len(header[: header.index("not mapped")])
    assert at == cell_len(first[: first.index("respondent.company")])  # columns in line


@pytest.mark.parametrize("columns", [40, 60, 80, 200])
def test_batch_mapping_check_never_breaks_an_identifier(cli: Any, columns: int) -> None:
    """At 60 columns the mapping check folded "respondent.company" into "respondent.compa" /
    "ny": the targets are kept whole (a table while they fit beside the header, a block per
    column under that), and the Chinese headers break between characters."""
    sheet = FIXTURES / "batch" / "zh_google.csv"
    done = cli("batch", str(sheet), "--check-mapping", env={"COLUMNS": str(columns)})
    lines = str(done.stdout).splitlines()
    for target in ("respondent.date", "respondent.company", "company_region", "company_size"):
        line = next((x for x in lines if target in x), None)
        assert line is not None, (target, lines[:12])
        assert cell_len(line.rstrip()) <= columns, line
    # "6. " stays with its question rather than stand alone on a line of its own
    assert not [x for x in lines if x.split() in (["I", "6."], ["6."])]


def test_compare_notes_show_the_names_as_text(cli: Any, tmp_path: Path) -> None:
    before = _firm(tmp_path, "t0.json", NAME)
    after = _firm(tmp_path, "t1.json", HOSTILE)
    done = cli("compare", str(before), str(after), "-f", "md", env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    err = str(done.stderr)
    _in_line(err)
    assert f"Family Plastics [CN] \u2764 \U0001f44d {REST} / {HOSTILE_SHOWN}" in err
