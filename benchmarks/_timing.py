"""Shared timing helpers for the benchmark scripts: best-of-N wall time of a whole process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def wall(cmd: Sequence[str | os.PathLike[str]], repeat: int = 7, cwd: Path = REPO) -> float:
    """Best wall time in seconds of running ``cmd`` to completion (output discarded)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def row(label: str, seconds: float, extra: str = "") -> None:
    print(f"{label:<52} {seconds * 1000:8.1f} ms  {extra}")


def cpu(cmd: Sequence[str | os.PathLike[str]], repeat: int = 7, cwd: Path = REPO) -> float:
    """Best CPU seconds (user + system) of running ``cmd`` to completion: on a machine shared
    with other jobs this moves far less than wall time."""
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, used)
    return best
