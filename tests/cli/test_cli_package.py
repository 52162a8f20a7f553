"""The CLI package: one small module per command group, and a command loads only its own
module (what keeps `sme-assess score` and `--help` quick)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sme_assess.cli

from ..conftest import REPO

CLI = Path(sme_assess.cli.__file__).parent
COMMAND_MODULES = {"run", "scoring", "compare", "batch", "publish", "checks", "doctor"}


def test_every_cli_module_is_small_and_says_its_job() -> None:
    modules = sorted(CLI.glob("*.py"))
    assert {p.stem for p in modules} >= COMMAND_MODULES | {"common", "group"}
    for path in modules:
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 450, f"{path.name}: split it by responsibility"
        doc = ast.get_docstring(ast.parse(source))
        assert doc, f"{path.name} has no docstring"


def _loaded_after(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from sme_assess.cli import app\n"
        f"r = CliRunner().invoke(app, {list(args)!r})\n"
        "assert r.exit_code == 0, r.output\n"
        "print(' '.join(m for m in sys.modules if m.startswith('sme_assess.cli.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return {name.rsplit(".", 1)[1] for name in out.stdout.split()}


def test_help_loads_no_command_module() -> None:
    assert _loaded_after("--help") & COMMAND_MODULES == set()


def test_a_command_loads_only_its_own_module() -> None:
    persona = REPO / "tests" / "fixtures" / "personas" / "electronics_assembler.yaml"
    assert _loaded_after("score", str(persona)) & COMMAND_MODULES == {"scoring"}
    assert _loaded_after("schema", "answers") & COMMAND_MODULES == {"checks"}


def test_a_commands_help_imports_no_model_and_no_heavy_library() -> None:
    """`sme-assess batch --help` shows text: no pydantic (its import is most of a start),
    no WeasyPrint, openpyxl or dask."""
    for args in (["score", "--help"], ["batch", "--help"], ["run", "--help"]):
        code = (
            "import sys\n"
            "from sme_assess.cli import app\n"
            "from typer.testing import CliRunner\n"
            f"r = CliRunner().invoke(app, {args!r})\n"
            "assert r.exit_code == 0, r.output\n"
            "heavy = ('pydantic', 'weasyprint', 'openpyxl', 'dask', 'questionary', 'pyarrow')\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
        )
        assert out.stdout.strip() == "", f"{args[0]} --help imported: {out.stdout.strip()}"
