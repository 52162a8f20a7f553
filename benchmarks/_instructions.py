"""Instructions and mispredicted branches per firm of ``evaluate``, counted by valgrind's
callgrind (``--branch-sim=yes``), which other processes on a busy machine do not change.

A child (``_evaluate_child.py``) loads the pack and the answers, evaluates the first third
to warm up, then the two thirds it has not seen (300 firms: 100, then 200); the same child
evaluating none after its warm-up is counted too, and the difference over the firms of
those two thirds is the figure. The hash seed is fixed
(``PYTHONHASHSEED=0``) so that two counts of the same tree agree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

_COLLECTED = re.compile(r"Collected : (\d+) (\d+) (\d+) (\d+) (\d+)")


class Counts(NamedTuple):
    instructions: float
    mispredicted: float  # conditional and indirect branches


def _count(args: list[str], env: Mapping[str, str]) -> Counts:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--branch-sim=yes", "--callgrind-out-file=/dev/null",
         sys.executable, *args],
        capture_output=True, text=True, check=True, env={**env, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    found = _COLLECTED.search(done.stderr)
    assert found is not None, done.stderr[-2000:]
    ir, _bc, bcm, _bi, bim = (int(g) for g in found.groups())
    return Counts(ir, bcm + bim)


def instructions_per_firm(
    child: Path, pack_dir: Path, answers_file: Path, firms: int, env: Mapping[str, str]
) -> Counts | None:
    """Per firm, what evaluating the last two thirds of the answers file (``firms`` in all)
    costs after its first third; None when valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return None
    args = [str(child), str(pack_dir), str(answers_file), "2"]
    whole = _count([*args, "2"], env)
    none = _count([*args, "0"], env)
    timed = 2 * (firms // 3)
    return Counts(
        (whole.instructions - none.instructions) / timed,
        (whole.mispredicted - none.mispredicted) / timed,
    )
