"""The hostile-input corpus: every folder under tests/fixtures/hostile/ is one class of bad input
or fault, run as a real process, with what a user must see.

A case folder holds ``case.yaml``:

    class: what the case stands for (one line)
    args: [score, "{case}/answers.yaml"]   # sme-assess arguments; {case} = a private copy of
                                           # the folder, {out} = a fresh empty folder
    exit: 2                                # the exit code the user must get
    message: 'regex'                       # one line of stderr (or stdout) must match it
    max_seconds: 20                        # optional, default 30: the case must end in time
    generate: gen.py                       # optional: `python gen.py DIR` run first in the copy,
                                           # for inputs too big or too odd to commit
    env: {KEY: value}                      # optional extra environment
    stdin: "text"                          # optional standard input (default: none)
    files:                                 # optional: files that must exist afterwards, each
      "{out}/errors.csv": 'regex'          # with a regex its text must match
    absent: ["{out}/results.jsonl"]        # optional: files that must not exist afterwards

Every case asserts: the exit code, the message, no traceback anywhere in the output, the time
bound, and that no file of the case copy (the inputs) was modified, removed or added to
(outputs go to {out}).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


def _snapshot(folder: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            out[str(p.relative_to(folder))] = "->" + os.readlink(p)
        elif p.is_file():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _fill(value: str, case: Path, out: Path) -> str:
    return value.replace("{case}", str(case)).replace("{out}", str(out))


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_hostile_case(folder: Path, tmp_path: Path) -> None:
    spec: dict[str, Any] = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    case = tmp_path / "case"
    shutil.copytree(folder, case, symlinks=True)
    (case / "case.yaml").unlink()
    out = tmp_path / "out"
    out.mkdir()
    if spec.get("generate"):
        gen = case / spec["generate"]
        subprocess.run([sys.executable, str(gen), str(case)], check=True, timeout=120)
        gen.unlink()
    before = _snapshot(case)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    env.update({k: _fill(str(v), case, out) for k, v in (spec.get("env") or {}).items()})
    args = [_fill(str(a), case, out) for a in spec["args"]]
    limit = float(spec.get("max_seconds", 30))
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "sme_assess", *args],
        input=spec.get("stdin"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=limit + 30,
        cwd=tmp_path,
        env=env,
    )
    elapsed = time.monotonic() - started
    shown = proc.stdout + proc.stderr
    context = (
        f"{spec['class']}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"
    )
    assert "Traceback" not in shown, context
    assert proc.returncode == spec["exit"], context
    pattern = re.compile(spec["message"])
    assert any(pattern.search(line) for line in shown.splitlines()), context
    assert elapsed <= limit, f"took {elapsed:.1f} s (limit {limit} s)\n{context}"
    assert _snapshot(case) == before, f"inputs were modified\n{context}"
    for name, regex in (spec.get("files") or {}).items():
        path = Path(_fill(name, case, out))
        assert path.is_file(), f"{path} missing\n{context}"
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        assert re.search(regex, text), f"{path} does not match {regex!r}:\n{text[:2000]}"
    for name in spec.get("absent") or []:
        assert not Path(_fill(name, case, out)).exists(), f"{name} should not exist\n{context}"
