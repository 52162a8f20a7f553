"""A plain, non-editable `pip install .` still finds the built-in packs and the compiled
message catalogues."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ..conftest import REPO

pytestmark = pytest.mark.slow


def test_wheel_install_ships_packs_and_schemas(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheel_dir.glob("sme_assess-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies come from the test environment; the package itself only from the wheel.
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [venv / "bin" / "sme-assess", "packs", "--format", "json"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    rows = {row["id"]: row for row in json.loads(out.stdout)}
    assert "sample" in rows and rows["sample"]["valid"]
    where = subprocess.run(
        [py, "-c", "import sme_assess.resources as r; print(r.data_dir('questionnaires'))"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    assert str(purelib) in where, "packs must come from the installed wheel, not the checkout"
    assert (Path(where).parent / "schemas" / "questionnaire.schema.json").is_file()
    assert (Path(where).parent / "report_templates").is_dir()
    # the build compiled the Chinese catalogue into the wheel: --help in Chinese from it
    assert (purelib / "sme_assess" / "locale" / "zh" / "LC_MESSAGES" / "sme_assess.mo").is_file()
    helped = subprocess.run(
        [venv / "bin" / "sme-assess", "--help"],
        cwd=outside,
        capture_output=True,
        text=True,
        env={**env, "SME_ASSESS_LANG": "zh", "COLUMNS": "100"},
        check=True,
    ).stdout
    assert "用法" in helped or "选项" in helped, helped[:300]
