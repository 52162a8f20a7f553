"""`sme-assess export`: publish the questionnaire to XLSForm platforms and 问卷星."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl

from ..conftest import SAMPLE


def test_xlsform_is_written_as_a_workbook(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    result = cli("export", "--to", "xlsform", "--pack", str(SAMPLE), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "XLSForm written to" in result.stderr
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]  # no temporary file left


def test_wjx_text_goes_to_stdout_with_the_rules_to_set_by_hand(cli: Any) -> None:
    result = cli("export", "--to", "wjx", "--pack", str(SAMPLE), "--lang", "zh", "-o", "-")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "数字化小测评（示例）"
    assert any(line.endswith("[单选题]") for line in lines)
    assert "has_erp == true" in result.stderr and "问卷星" in result.stderr


def test_a_language_the_pack_does_not_have_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    result = cli("export", "--to", "xlsform", "--lang", "fr", "-o", str(tmp_path / "f.xlsx"))
    assert result.exit_code == 2
    assert "--lang fr" in result.stderr
    assert not (tmp_path / "f.xlsx").exists()


def test_an_output_that_is_a_folder_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    result = cli("export", "--to", "wjx", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_an_xlsform_cannot_go_to_stdout(cli: Any) -> None:
    result = cli("export", "--to", "xlsform", "-o", "-")
    assert result.exit_code == 2
    assert "standard output" in result.stderr


def test_a_refused_show_if_leaves_the_earlier_file_untouched(
    cli: Any, sample_pack: Path, tmp_path: Path
) -> None:
    questionnaire = sample_pack / "questionnaire.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    assert 'show_if: "has_erp == true"' in text
    questionnaire.write_text(
        text.replace(
            'show_if: "has_erp == true"',
            'show_if: "has_erp == true and machine_data == company_size"',
        ),
        encoding="utf-8",
    )
    target = tmp_path / "form.xlsx"
    target.write_bytes(b"the form published last week")
    result = cli("export", "--to", "xlsform", "--pack", str(sample_pack), "-o", str(target))
    assert result.exit_code == 2
    assert "question 'erp_age'" in result.stderr and "two answers" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == b"the form published last week"
