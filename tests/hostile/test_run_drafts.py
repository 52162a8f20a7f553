"""Hostile use of `run`'s drafts, each in a real pseudo-terminal (`run` refuses to start
without one): the run ends with the right exit code and one line saying what is wrong, and
every file that was there (answers, drafts) is byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .. import drafts
from ..conftest import FIXTURES, SAMPLE
from ..interactive.driver import CTRL_C, ENTER, Pty

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

EXE = Path(sys.executable).parent / "sme-assess"
ANSWERS = FIXTURES / "answers" / "sample_small.yaml"
DRAFT = drafts.draft({"company_sector": "food"}, respondent={"company": "Acme"})
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def _env() -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"}
    env.pop("SME_ASSESS_VIA_MAKE", None)
    return env


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _lines(term: Pty) -> list[str]:
    text = _ESCAPES.sub("", term.everything)
    return [line for line in text.split("\n") if line.strip()]


def _start(tmp: Path, *args: str) -> Pty:
    return Pty([str(EXE), "run", *args], tmp, _env(), rows=24, cols=80)


def _draft(tmp: Path) -> list[str]:
    (tmp / "d.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    return ["--pack", str(SAMPLE), "--draft", str(tmp / "d.json")]


def _answers_as_draft(tmp: Path) -> list[str]:
    (tmp / "a.yaml").write_bytes(ANSWERS.read_bytes())
    return ["--pack", str(SAMPLE), "--draft", str(tmp / "a.yaml")]


def _folder_as_draft(tmp: Path) -> list[str]:
    (tmp / "drafts").mkdir()
    return ["--pack", str(SAMPLE), "--draft", str(tmp / "drafts")]


def _folder_to_resume(tmp: Path) -> list[str]:
    (tmp / "drafts").mkdir()
    return ["--resume", str(tmp / "drafts")]


def _garbage_to_resume(tmp: Path) -> list[str]:
    (tmp / "d.json").write_text('{"kind": "sme-assess-draft", "answers": 3}', encoding="utf-8")
    return ["--resume", str(tmp / "d.json")]


def _long_key_draft_to_resume(tmp: Path) -> list[str]:
    """A draft whose answers hold a 12,000-character key (more than an answers file takes):
    it was 'internal error: ValidationError … this is a bug'."""
    draft = {**DRAFT, "answers": {**DRAFT["answers"], "x" * 12_000: "a"}}
    (tmp / "d.json").write_text(json.dumps(draft), encoding="utf-8")
    return ["--resume", str(tmp / "d.json")]


def _answers_out_is_draft(tmp: Path) -> list[str]:
    (tmp / "d.json").write_text(json.dumps(DRAFT), encoding="utf-8")
    return ["--resume", str(tmp / "d.json"), "--answers-out", str(tmp / "d.json")]


def _draft_under_a_file(tmp: Path) -> list[str]:
    (tmp / "a.yaml").write_bytes(ANSWERS.read_bytes())
    return ["--pack", str(SAMPLE), "--draft", str(tmp / "a.yaml" / "d.json")]


CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "existing-draft-without-resume": (_draft, r"d\.json already exists; continue it with --resume"),
    "answers-file-as-draft": (_answers_as_draft, r"a\.yaml already exists"),
    "folder-as-draft": (_folder_as_draft, r"--draft .*drafts is a folder; name a file"),
    "folder-to-resume": (_folder_to_resume, r"drafts: is a folder, not a file"),
    "not-a-draft": (_garbage_to_resume, r"d\.json: not a draft or answers file"),
    "long-key-draft": (_long_key_draft_to_resume, r"d\.json: not a draft or answers file"),
    "answers-out-is-the-draft": (_answers_out_is_draft, r"--answers-out .*d\.json is the draft"),
    "draft-under-a-file": (_draft_under_a_file, r"cannot create the draft's folder"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_draft_misuse_is_one_line_and_changes_nothing(case: str, tmp_path: Path) -> None:
    setup, message = CASES[case]
    args = setup(tmp_path)
    before = _snapshot(tmp_path)
    term = _start(tmp_path, *args)
    assert term.wait() == 2
    lines = _lines(term)
    # one line; a file that is not a draft gets its findings below it, indented
    assert len([line for line in lines if not line.startswith("  ")]) == 1, lines
    assert lines[0].startswith("error: ") and re.search(message, lines[0]), lines[0]
    assert "Traceback" not in term.everything
    assert _snapshot(tmp_path) == before


def test_a_second_run_on_a_draft_in_use_names_the_first(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    draft.write_text(json.dumps(DRAFT), encoding="utf-8")
    first = _start(tmp_path, "--resume", str(draft))
    first.wait_screen("How many people work for you?")
    try:
        before = _snapshot(tmp_path)
        second = _start(tmp_path, "--resume", str(draft))
        assert second.wait() == 2
        lines = _lines(second)
        assert len(lines) == 1, lines
        assert re.search(
            rf"d\.json is in use by another run \(process {first.proc.pid} on "
            rf"{re.escape(socket.gethostname())}, started \d{{4}}-\d\d-\d\dT",
            lines[0],
        ), lines[0]
        assert _snapshot(tmp_path) == before
    finally:
        first.send(CTRL_C)
        assert first.wait() == 130
    assert json.loads(draft.read_text(encoding="utf-8"))["answers"] == DRAFT["answers"]
    assert not (tmp_path / "d.json.lock").exists()


def test_resuming_an_answers_file_never_writes_to_it(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_bytes(ANSWERS.read_bytes())
    term = _start(tmp_path, "--resume", str(answers), "--draft", str(tmp_path / "new.json"))
    term.wait_screen("Review your answers")
    term.send(CTRL_C)
    assert term.wait() == 130
    assert answers.read_bytes() == ANSWERS.read_bytes()
    saved = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert saved["kind"] == "sme-assess-draft" and saved["answers"]["networked_share"] == 5


def test_an_interrupted_run_says_how_to_resume_and_that_command_works(tmp_path: Path) -> None:
    draft = tmp_path / "d.json"
    term = _start(tmp_path, "--pack", str(SAMPLE), "--draft", str(draft))
    term.wait_screen("Company name")
    term.send("Acme" + ENTER)
    term.wait_screen("What do you mainly make?")
    term.send(CTRL_C)
    assert term.wait() == 130
    said = " ".join(_lines(term))
    command = said.split("continue with: ", 1)[1].split()
    assert command[-3:] == ["run", "--resume", str(draft)]
    again = Pty(command, tmp_path, _env(), rows=24, cols=80)
    again.wait_screen("What do you mainly make?")
    again.send(CTRL_C)
    assert again.wait() == 130
