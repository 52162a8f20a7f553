"""The inputs of a batch: what is not a regular file is named as a failed input and never
opened (a named pipe waits for a writer for ever, which stopped the whole batch)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sme_assess.batch.discovery import NOT_A_FILE, discover

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def test_a_named_pipe_in_a_folder_is_a_failed_input_and_the_files_beside_it_are_read(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "a.json").write_text("{}", encoding="utf-8")
    os.mkfifo(folder / "b.yaml")
    os.mkfifo(folder / "c.csv")
    os.mkfifo(folder / "notes.txt")  # not an input by its name: skipped as before
    sources, failures, notes = discover([folder])
    assert [s.path.name for s in sources] == ["a.json"]
    assert [(Path(f.source).name, f.message) for f in failures] == [
        ("b.yaml", NOT_A_FILE),
        ("c.csv", NOT_A_FILE),
    ]
    assert any("notes.txt" in n for n in notes)


def test_a_named_pipe_given_by_name_is_said_to_be_one_not_a_missing_file(tmp_path: Path) -> None:
    pipe = tmp_path / "exported.csv"
    os.mkfifo(pipe)
    sources, failures, _ = discover([pipe, tmp_path / "gone.csv"])
    assert sources == []
    assert [f.message for f in failures] == [NOT_A_FILE, "no such file or folder"]


def test_a_txt_file_named_is_read_as_a_table_and_one_in_a_folder_is_left_alone(
    tmp_path: Path,
) -> None:
    """Excel's "Unicode text" (UTF-16, tab-separated) is saved as .txt; a folder's notes are
    .txt too, so only a .txt named on the command line is read."""
    export = tmp_path / "export.txt"
    export.write_bytes("company\tmachine_data\r\nA\tpaper\r\n".encode("utf-16"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "readme.txt").write_text("notes", encoding="utf-8")
    sources, failures, notes = discover([export, folder])
    assert [(s.path.name, s.kind) for s in sources] == [("export.txt", "table")]
    assert failures == []
    assert any("readme.txt" in n for n in notes)
