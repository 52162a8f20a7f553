"""Faults of the machine around the inputs (area `hostile`), which the corpus cannot set up:
a disk that fills while an output is written, an output stream that cannot take the text, a
pipe that does have a writer, and the format of a written template.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sme_assess import atomic
from sme_assess.errors import InputError

from ..conftest import FIXTURES

SMALL = FIXTURES / "answers" / "sample_small.yaml"


def sme(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160"}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "sme_assess", *args],
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
        **kwargs,
    )


def _disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_disk_that_fills_while_writing_is_one_line_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("the earlier report", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    with pytest.raises(InputError) as caught:
        atomic.write_bytes(target, b"<html>new</html>")
    assert str(caught.value).endswith("report.html: cannot write: No space left on device")
    assert target.read_text(encoding="utf-8") == "the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary left

    with (
        pytest.raises(InputError, match="cannot write: No space left on device"),
        atomic.AtomicWriter(tmp_path / "summary.csv") as writer,
    ):
        writer.write(b"source,row\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("score", str(SMALL)), ("score", "-f", "json", str(SMALL)), ("report", str(SMALL), "-o", "-")],
    ids=["score", "score-json", "report-stdout"],
)
def test_output_redirected_to_a_full_disk_is_one_line_not_a_bug(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = sme(*args, cwd=tmp_path, stdout=full)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "bug" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() == "error: cannot write the output: No space left on device"


def test_a_pipe_with_a_writer_is_still_read(tmp_path: Path) -> None:
    """Named pipes are opened without waiting (one nobody writes to would block for ever);
    a pipe that has a writer, as /dev/stdin in a pipeline, is read to its end."""
    proc = sme("score", "-f", "json", "/dev/stdin", cwd=tmp_path, input=SMALL.read_text("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert '"company": "Lin Precision Parts"' in proc.stdout


@pytest.mark.parametrize(
    ("name", "workbook"), [("sheet.xlsx", True), ("sheet.XLSX", True), ("sheet.csv", False)]
)
def test_template_writes_the_format_its_file_name_says(
    name: str, workbook: bool, tmp_path: Path
) -> None:
    proc = sme("template", "-p", "sample", "-o", name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = tmp_path / name
    assert zipfile.is_zipfile(written) is workbook
    if not workbook:
        assert written.read_text(encoding="utf-8-sig").startswith("company - Company name,")


def test_a_header_only_workbook_is_said_and_the_other_inputs_are_scored(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["company", "company_sector", "company_size", "machine_data"])
    book.save(tmp_path / "nobody.xlsx")
    firm = tmp_path / "firm.yaml"
    firm.write_text(SMALL.read_text("utf-8"), encoding="utf-8")
    proc = sme(
        "batch", "nobody.xlsx", "firm.yaml", "-p", "sample", "-o", "out", "-j", "1", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        "note: nobody.xlsx: a header row and no respondent under it: nobody in it was scored"
        in proc.stderr
    )
    assert "Lin Precision Parts" in (tmp_path / "out" / "summary.csv").read_text("utf-8-sig")
