"""Fixtures of the CLI tests: a working folder of batch inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import FIXTURES

BATCH = FIXTURES / "batch"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the mixed inputs as in/ (paths stay short) and a
    Chinese Google Forms export, made the current folder."""
    shutil.copytree(BATCH / "mixed", tmp_path / "in")
    shutil.copy(BATCH / "zh_google.csv", tmp_path / "zh_google.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EMPTY = 'questionnaire: manufacturing-sme\nquestionnaire_version: "1.7.0"\nanswers: {}\n'


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """An answers file of the built-in pack with nothing answered."""
    path = tmp_path / "empty.yaml"
    path.write_text(EMPTY, encoding="utf-8")
    return path
