"""What the mutation fuzzer (scripts/fuzz_mutate.py) found, one test per class: each
asserts the one line a user now sees, at its file:line:col, where there was a traceback, an
error naming no place, or a silent loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import FIXTURES

AUTO_T0 = FIXTURES / "personas" / "auto_parts.yaml"
AUTO_T1 = FIXTURES / "progress" / "auto_parts_after.yaml"


def _ticked_twice(folder: Path) -> Path:
    """The earlier answers with one option ticked twice (a copied line in an editor)."""
    text = AUTO_T0.read_text(encoding="utf-8")
    path = folder / "t0.yaml"
    path.write_text(
        text.replace("priorities: [equipment,", "priorities: [equipment, equipment,"),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("previous_first", [True, False])
def test_compare_names_the_file_and_line_of_a_problem_in_either_answers(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous_first: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    t0 = _ticked_twice(tmp_path)
    files = [t0.name, str(AUTO_T1)] if previous_first else [str(AUTO_T1), t0.name]
    result = cli("compare", *files)
    assert result.exit_code == 2
    assert "t0.yaml:25:3: priorities: an option is ticked twice" in result.stderr


def test_report_previous_names_the_file_and_line_of_its_problem(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _ticked_twice(tmp_path)
    result = cli("report", str(AUTO_T1), "--previous", "t0.yaml", "--format", "md", "-o", "r.md")
    assert result.exit_code == 2
    assert "t0.yaml:25:3: priorities: an option is ticked twice" in result.stderr
    assert not (tmp_path / "r.md").exists()
