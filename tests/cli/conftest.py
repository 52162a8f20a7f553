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
