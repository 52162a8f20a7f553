"""Instructions and mispredicted branches per firm of ``evaluate``, counted by valgrind's
callgrind (``--branch-sim=yes``), which other processes on a busy machine do not change.

A child (``_evaluate_child.py``) loads the pack and the answers (every firm different:
random answers), evaluates the first third to warm up (compiled forms, generated code,
the memos keyed by answers), then the two thirds it has not seen (300 firms: 100, then
100 and 100 more). Three counts of the same child: evaluating none after its warm-up, one
part, both parts; the differences are what the firms of each part cost. If the second
part costs clearly less per firm than the first, the memos are still warming up and a
count over more firms would flatter the engine further.

What is held fixed, so that a count is steady and two trees compare: the hash seed
(``PYTHONHASHSEED=0``), the firms (the caller's answers file), and the pack cache: before
counting, the child runs once uncounted, so every counted run takes the pack from the
cache. (Until 2026-12-01 the first counted run built the pack and filled the cache and
the second took it from there: what loading the pack without the cache costs, ~840
million instructions for the built-in pack, went into the figure divided by the counted
firms: +4.2M per firm at 300 firms, +8.4M at 150. A tree without the cache, such as
c00d92d, was not affected.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

_COLLECTED = re.compile(r"Collected : (\d+) (\d+) (\d+) (\d+) (\d+)")
HASH_SEED = "0"


class Counts(NamedTuple):
    instructions: float
    mispredicted: float  # conditional and indirect branches


class PerFirm(NamedTuple):
    """Per firm: both counted parts together, the first part and the second."""

    both: Counts
    first: Counts
    second: Counts
    firms: int  # in each part


def _count(args: list[str], env: Mapping[str, str]) -> Counts:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--branch-sim=yes", "--callgrind-out-file=/dev/null",
         sys.executable, *args],
        capture_output=True, text=True, check=True, env={**env, "PYTHONHASHSEED": HASH_SEED},
    )  # fmt: skip
    found = _COLLECTED.search(done.stderr)
    assert found is not None, done.stderr[-2000:]
    ir, _bc, bcm, _bi, bim = (int(g) for g in found.groups())
    return Counts(ir, bcm + bim)


def _per(more: Counts, less: Counts, firms: int) -> Counts:
    return Counts(
        (more.instructions - less.instructions) / firms,
        (more.mispredicted - less.mispredicted) / firms,
    )


def instructions_per_firm(
    child: Path, pack_dir: Path, answers_file: Path, firms: int, env: Mapping[str, str]
) -> PerFirm | None:
    """Per firm, what evaluating the last two thirds of the answers file (``firms`` in all)
    costs after its first third, and each of those thirds alone; None when valgrind is not
    installed."""
    if shutil.which("valgrind") is None:
        return None
    args = [str(child), str(pack_dir), str(answers_file), "2"]
    # uncounted: fills the pack cache (a tree that has one), so that every count below
    # loads the pack the same way
    subprocess.run(
        [sys.executable, *args, "0"],
        capture_output=True, check=True, env={**env, "PYTHONHASHSEED": HASH_SEED},
    )  # fmt: skip
    # the counts do not depend on the machine's load: run side by side
    with ThreadPoolExecutor(3) as pool:
        none, one, two = pool.map(lambda rounds: _count([*args, rounds], env), ("0", "1", "2"))
    part = firms // 3
    return PerFirm(_per(two, none, 2 * part), _per(one, none, part), _per(two, one, part), part)
