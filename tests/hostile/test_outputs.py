"""Outputs that cannot be abused (issue 10, area `out`): what the corpus cannot check.

Raw bytes on stdout and stderr (no ESC reaches a terminal), a secret that must appear in no
output, devices and pipes as `-o`, a PDF refused on a terminal, and refusals that come before
any work (an unwritable `-o` is said even when the answers file is broken too).
"""

from __future__ import annotations

import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES

SMALL = FIXTURES / "answers" / "sample_small.yaml"
ESCAPES = FIXTURES / "hostile" / "out-score-escape-company" / "answers.yaml"
ESC = b"\x1b"


def sme(
    *args: str, cwd: Path, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "160", "PYTHONUNBUFFERED": "1"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "sme_assess", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("score", str(ESCAPES)),
        ("score", str(ESCAPES), "--target-level", "2"),
        ("explain", str(ESCAPES)),
        ("report", str(ESCAPES), "-o", "-"),
        ("report", str(ESCAPES), "-o", "-", "--format", "html"),
        ("report", str(ESCAPES), "-o", "out.md"),
    ],
    ids=["score", "score-target", "explain", "report-md-stdout", "report-html-stdout", "report"],
)
def test_escape_sequences_from_answers_never_reach_the_terminal(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    proc = sme(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert ESC not in proc.stdout and ESC not in proc.stderr
    assert b"\x07" not in proc.stdout and "\u202e".encode() not in proc.stdout
    shown = proc.stdout.decode() + proc.stderr.decode()
    if "out.md" in args:
        shown = (tmp_path / "out.md").read_text(encoding="utf-8")
    if args[0] != "explain":  # explain shows no company name
        assert "Evil\\x1b" in shown  # shown as text, so the user sees something is odd


def test_error_messages_quoting_names_and_contents_show_escapes(tmp_path: Path) -> None:
    bad = tmp_path / "answers.yaml"
    bad.write_text(
        'questionnaire: sample\nanswers:\n  company_size: "sm\\e]0;owned\\a"\n', encoding="utf-8"
    )
    for args, lines in (
        (("score", str(tmp_path / "no\x1b[2Jsuch.yaml")), 1),
        (("score", str(bad)), 3),  # the summary, then one line per problem
        (("report", str(SMALL), "-o", "name\x1b[31m"), 1),
        (("template", "--lang", "f\x1b[2Jr"), 1),
    ):
        proc = sme(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert ESC not in proc.stderr and ESC not in proc.stdout, args
        assert b"\x07" not in proc.stderr
        assert b"\\x1b" in proc.stderr or b"\\x07" in proc.stderr, (args, proc.stderr)
        assert len(proc.stderr.decode().strip().splitlines()) == lines, proc.stderr


def _brand_with_link(tmp_path: Path, template: str) -> tuple[Path, str]:
    secret = "S3CRET-" + "9" * 12
    (tmp_path / "private.txt").write_text(secret + "\n", encoding="utf-8")
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "notes.txt").symlink_to(tmp_path / "private.txt")
    (brand / "report.html.j2").write_text(template, encoding="utf-8")
    return brand, secret


@pytest.mark.parametrize(
    "template",
    [
        '{% extends "base/report.html.j2" %}'
        '{% block brand %}{% include "notes.txt" %}{% endblock %}',
        '{% extends "base/report.html.j2" %}'
        "{% block logo %}<img src=\"{{ asset('notes.txt') }}\">{% endblock %}",
        '{% extends "base/report.html.j2" %}'
        "{% block logo %}<img src=\"{{ asset('../private.txt') }}\">{% endblock %}",
        '{% extends "base/report.html.j2" %}'
        '{% block logo %}<img src="notes.txt"><img src="../private.txt">{% endblock %}',
    ],
    ids=["include-link", "asset-link", "asset-dotdot", "img-src"],
)
@pytest.mark.parametrize("ext", ["html", "pdf"])
def test_a_template_folder_cannot_put_a_file_from_elsewhere_in_the_report(
    template: str, ext: str, tmp_path: Path
) -> None:
    brand, secret = _brand_with_link(tmp_path, template)
    out = tmp_path / f"report.{ext}"
    proc = sme("report", str(SMALL), "-o", str(out), "--template", str(brand), cwd=tmp_path)
    written = out.read_bytes() if out.exists() else b""
    for blob in (proc.stdout, proc.stderr, written):
        assert secret.encode() not in blob
    if "asset(" not in template and "include" not in template:
        # the PDF renderer refuses the links (the HTML keeps the src as text, fetched by no one)
        assert proc.returncode == 0, proc.stderr.decode()
    else:
        assert proc.returncode == 2, proc.stderr.decode()
        assert b"outside the template folder" in proc.stderr
        assert not out.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace /dev/full")
def test_root_cannot_replace_a_device_with_a_report(tmp_path: Path) -> None:
    before = os.lstat("/dev/full")
    for args in (
        ("report", str(SMALL), "-o", "/dev/full", "--format", "md"),
        ("template", "-o", "/dev/full"),
    ):
        proc = sme(*args, cwd=tmp_path)
        assert proc.returncode == 2
        assert b"/dev/full: is not a regular file" in proc.stderr
        after = os.lstat("/dev/full")
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_named_pipe_as_output_is_refused_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    proc = sme("report", str(SMALL), "-o", str(fifo), cwd=tmp_path)
    assert proc.returncode == 2
    assert b"is not a regular file" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_file_is_refused_and_both_are_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "sheet.csv"
    link.symlink_to(target)
    proc = sme("template", "-o", str(link), cwd=tmp_path)
    assert proc.returncode == 2
    assert b"is a symbolic link" in proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_an_unwritable_output_is_said_before_the_answers_are_read(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [unclosed\n", encoding="utf-8")
    (tmp_path / "folder.pdf").mkdir()
    proc = sme("report", str(broken), "-o", str(tmp_path / "folder.pdf"), cwd=tmp_path)
    assert proc.returncode == 2
    assert b"folder.pdf: is a folder" in proc.stderr
    assert b"broken.yaml" not in proc.stderr


def test_report_to_stdout_pdf_refused_on_a_terminal_but_not_in_a_pipe(tmp_path: Path) -> None:
    main, follower = pty.openpty()
    try:
        proc = sme(
            "report", str(SMALL), "-o", "-", "--format", "pdf", cwd=tmp_path, stdout=follower
        )
    finally:
        os.close(follower)
        os.close(main)
    assert proc.returncode == 2
    assert b"a PDF cannot be shown on a terminal" in proc.stderr
    piped = sme("report", str(SMALL), "-o", "-", "--format", "pdf", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr.decode()
    assert piped.stdout.startswith(b"%PDF-")
    assert not (tmp_path / "-").exists()


def test_report_to_stdout_json_is_the_result(tmp_path: Path) -> None:
    import json

    proc = sme("report", str(SMALL), "-o", "-", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["respondent"]["company"] == "Lin Precision Parts"
    assert proc.stderr == b""


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_shows_escapes_in_file_names_and_lines(tmp_path: Path, fmt: str) -> None:
    import shutil

    from ..conftest import SAMPLE

    pack = tmp_path / "pack\x1b]0;owned\x07"
    shutil.copytree(SAMPLE, pack)
    questionnaire = pack / "questionnaire.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    questionnaire.write_text(text.replace("  - id: equipment", '  - id: "eq\\e[2J"', 1))
    proc = sme("validate", str(pack), "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert ESC not in proc.stdout + proc.stderr and b"\x07" not in proc.stdout + proc.stderr
    assert b"pack\\x1b]0;owned\\x07" in proc.stdout
