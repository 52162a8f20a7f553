"""Fixtures of the end-to-end tests: a survey export written as a platform lays it out, its
columns checked with ``batch --check-mapping`` and its firms read with ``batch``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


class Export:
    """Exports written in one folder (the working directory) and read there by ``batch``."""

    def __init__(self, cli: Callable[..., Any], folder: Path) -> None:
        self.cli = cli
        self.folder = folder

    def check(self, name: str, text: str, *args: str, platform: str = "") -> Any:
        """``text`` written to ``name``, then ``batch --check-mapping name ARGS``: the result,
        once it has named ``platform`` and said of no column that it "matches no question"
        (a platform's own column taken for a question's is what these tests catch)."""
        (self.folder / name).write_text(text, encoding="utf-8")
        check = self.cli("batch", "--check-mapping", name, *args)
        assert platform in check.stdout, check.stdout
        assert "matches no question" not in check.stdout, check.stdout
        return check

    def answers(self, name: str, *args: str, out: str = "out") -> list[dict[str, Any]]:
        """Each firm's answers as ``batch name -o OUT --lenient ARGS`` read them (it exits 0, or
        1 where a firm's notes say something)."""
        result = self.cli("batch", name, "-o", out, "--lenient", *args)
        assert result.exit_code in (0, 1), result.output
        lines = (self.folder / out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["answers"] for line in lines]

    def summary(self, out: str = "out") -> str:
        """The summary.csv of the batch written to ``out``."""
        return (self.folder / out / "summary.csv").read_text(encoding="utf-8-sig")


@pytest.fixture
def export(cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Export:
    """Write a survey export in ``tmp_path`` (the working directory), check its mapping, read
    its firms."""
    monkeypatch.chdir(tmp_path)
    return Export(cli, tmp_path)
