"""--help speaks the user's language: Chinese with SME_ASSESS_LANG=zh, and a third language
that only a catalogue adds (no code) when the system asks for it (LANG=de_DE.UTF-8)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from ..conftest import REPO, compile_test_catalogues

LANGUAGE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "SME_ASSESS_LANG")


def _help(*args: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARS}
    clean.update({"COLUMNS": "200", **env})
    out = subprocess.run(
        [sys.executable, "-m", "sme_assess", *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=REPO,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout


def test_help_is_english_by_default() -> None:
    text = _help("--help", LANG="C.UTF-8")
    assert "Exit codes: 0 ok" in text and "Usage: " in text
    assert "Score an answers file" in text


def test_help_in_chinese_with_sme_assess_lang() -> None:
    text = _help("--help", SME_ASSESS_LANG="zh")
    assert "退出码" in text and "用法" in text
    assert "Exit codes" not in text
    for command in ("run", "score", "report", "batch", "validate"):
        assert f"  {command} " in text  # command names stay as typed
    score = _help("score", "--help", SME_ASSESS_LANG="zh")
    assert "--format" in score and "--lenient" in score
    assert "选项" in score and "Options" not in score
    assert "Score an answers file" not in score and "table or json" not in score


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_chinese_help_fits_a_narrow_terminal() -> None:
    """Chinese takes two columns a character: lines are wrapped by columns, not characters
    (a closing mark may pass the edge by one character rather than start a line)."""
    for args in (("--help",), ("score", "--help"), ("batch", "--help")):
        text = _help(*args, SME_ASSESS_LANG="zh", COLUMNS="60")
        wide = [line for line in text.splitlines() if _columns(line) > 60 + 2]
        assert not wide, wide
        assert "退出码" in text or "选项" in text


def test_a_third_language_added_by_a_catalogue_alone(tmp_path: Path) -> None:
    locale = compile_test_catalogues(tmp_path)
    env = {"SME_ASSESS_LOCALE_PATH": str(locale), "LANG": "de_DE.UTF-8"}
    text = _help("--help", **env)
    assert "Wie bereit kleine und mittlere Hersteller" in text
    assert "Aufruf: " in text and "Optionen" in text
    assert "Die Version zeigen." in text
    assert "Eine Antwortdatei bewerten" in text  # the command list, from the catalogue
    assert "Exit codes: 0 ok" in text  # not in the German catalogue: English, not blank
    score = _help("score", "--help", **env)
    assert "Eine Antwortdatei bewerten: Stufe, MIIT-Schätzung" in score
    assert "Tabelle oder JSON." in score
    assert "Answers file (JSON or YAML)." in score
    # without the catalogue on the path the same system language gets English
    plain = _help("--help", LANG="de_DE.UTF-8")
    assert "Wie bereit" not in plain and "Digital-transformation readiness" in plain
