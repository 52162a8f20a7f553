"""Atomic writes never go through a link or onto anything but a regular file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sme_assess.atomic import AtomicWriter, check_target, write_bytes
from sme_assess.errors import UsageError


def test_plain_targets_are_written(tmp_path: Path) -> None:
    existing = tmp_path / "old.md"
    existing.write_text("old", encoding="utf-8")
    check_target(existing)
    check_target(tmp_path / "new" / "deeper" / "report.pdf")
    write_bytes(tmp_path / "new" / "deeper" / "report.pdf", b"%PDF")
    write_bytes(existing, b"new")
    assert existing.read_bytes() == b"new"
    assert (tmp_path / "new" / "deeper" / "report.pdf").read_bytes() == b"%PDF"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.symlink_to(p.parent / "real"), "is a symbolic link"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "is a symbolic link"),  # dangling
        (lambda p: os.mkfifo(p), "is not a regular file"),
    ],
    ids=["folder", "link", "dangling-link", "fifo"],
)
def test_odd_targets_are_refused_and_left_as_they_are(
    tmp_path: Path, make: object, said: str
) -> None:
    (tmp_path / "real").write_text("keep", encoding="utf-8")
    target = tmp_path / "out.md"
    make(target)  # type: ignore[operator]
    before = os.lstat(target)
    with pytest.raises(UsageError, match=said):
        write_bytes(target, b"data")
    with pytest.raises(UsageError, match=said):
        AtomicWriter(target)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "real").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["real", "out.md"])  # no temp


def test_a_file_where_a_folder_should_be_and_a_dash_are_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        check_target(tmp_path / "file" / "report.pdf")
    with pytest.raises(UsageError, match="not a folder"):
        check_target(tmp_path / "file" / "a" / "report.pdf")
    with pytest.raises(UsageError, match="standard output"):
        check_target(Path("-"))


def test_a_target_that_becomes_a_link_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    (tmp_path / "elsewhere").write_text("keep", encoding="utf-8")
    writer = AtomicWriter(target)
    writer.write(b"row\n")
    target.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UsageError, match="symbolic link"):
        writer.commit()
    assert target.is_symlink()
    assert (tmp_path / "elsewhere").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "results.jsonl"]
