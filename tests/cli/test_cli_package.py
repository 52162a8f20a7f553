"""The CLI package: one small module per command group, and a command loads only its own
module (what keeps `sme-assess score` and `--help` quick)."""

from __future__ import annotations

import ast
import os
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


def test_score_imports_only_what_it_uses_and_ends_at_once(tmp_path: Path) -> None:
    """`sme-assess score` on a persona with the pack cache warm: its whole table is printed,
    no template engine, PDF, spreadsheet, prompt or cluster library is imported, nor the
    package metadata pydantic would scan for plugins the tool does not use, nor Rich's table
    of emoji codes (the tool prints ":name:" as written, panel titles too), nor `packs`'
    summaries (a frozen dataclass: ~5 million instructions to create); then the process
    ends with 0 without the interpreter's slow teardown (os._exit, after flushing)."""
    persona = REPO / "tests" / "fixtures" / "personas" / "job_shop.yaml"
    code = (
        "import os, sys\n"
        "from sme_assess.cli import main\n"
        "heavy = ('jinja2', 'babel', 'weasyprint', 'openpyxl', 'questionary',\n"
        "         'prompt_toolkit', 'dask', 'pyarrow', 'importlib.metadata',\n"
        "         'rich._emoji_codes', 'sme_assess.pack.summary')\n"
        "real_exit = os._exit\n"
        "def ended(code):\n"
        "    print('IMPORTED', *sorted(m for m in heavy if m in sys.modules))\n"
        "    print('ENDED AT ONCE', code)\n"
        "    sys.stdout.flush()\n"
        "    real_exit(code)\n"
        "os._exit = ended\n"
        f"sys.argv = ['sme-assess', 'score', {str(persona)!r}, '--lang', 'en']\n"
        "main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    for _fill_then_hit in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO
        )
    assert out.returncode == 0, out.stderr
    assert "Overall: 11.5/100" in out.stdout
    assert "band's range. 3 years = one-off + 36 months." in out.stdout  # the last panel
    assert out.stdout.strip().splitlines()[-2:] == ["IMPORTED", "ENDED AT ONCE 0"]


def test_validate_ends_at_once_with_its_exit_code(tmp_path: Path) -> None:
    """`validate` prints every finding, then ends without the interpreter's teardown with
    the exit code CI reads: 0 for a clean pack, 1 for findings (issue 2's speed)."""
    import shutil

    from ..conftest import SAMPLE

    broken = tmp_path / "pack"
    shutil.copytree(SAMPLE, broken)
    questionnaire = broken / "questionnaire.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    assert text.count('show_if: "has_erp == true"') == 1
    questionnaire.write_text(
        text.replace('show_if: "has_erp == true"', 'show_if: "has_epr == true"'),
        encoding="utf-8",
    )
    code = (
        "import os, sys\n"
        "from sme_assess.cli import main\n"
        "real_exit = os._exit\n"
        "def ended(code):\n"
        "    print('ENDED AT ONCE', code)\n"
        "    sys.stdout.flush()\n"
        "    real_exit(code)\n"
        "os._exit = ended\n"
        "sys.argv = ['sme-assess', 'validate', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "GITHUB_ACTIONS": "false"}
    for pack, exit_code in ((SAMPLE, 0), (broken, 1)):
        out = subprocess.run(
            [sys.executable, "-c", code, str(pack)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert out.returncode == exit_code, out.stderr
        assert out.stdout.strip().splitlines()[-1] == f"ENDED AT ONCE {exit_code}"
        if exit_code:
            assert "has_epr" in out.stdout and "questionnaire.yaml:" in out.stdout


def test_a_failed_score_ends_the_usual_way() -> None:
    """Only a command that finished may skip the shutdown: a missing answers file still
    exits 2 with its one-line error, through the normal exit."""
    out = subprocess.run(
        [sys.executable, "-m", "sme_assess", "score", "no-such-answers.yaml"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 2
    assert out.stderr.startswith("error: no-such-answers.yaml: no such file")


def test_score_runs_without_the_garbage_collector_other_commands_with_it() -> None:
    """`score` and `explain` print and end at once: their start-up's long-lived objects are
    not scanned by the cyclic garbage collector (it stays off); any other command, here
    `schema`, gets the collector back before it runs, and a caller of ``main`` in the same
    process has it back afterwards."""
    persona = REPO / "tests" / "fixtures" / "personas" / "job_shop.yaml"
    code = (
        "import gc, os, sys\n"
        "from sme_assess.cli import main\n"
        "seen = []\n"
        "class Out:\n"
        "    def __init__(self, real): self.real = real\n"
        "    def write(self, text):\n"
        "        seen.append(gc.isenabled())\n"
        "        return self.real.write(text)\n"
        "    def __getattr__(self, name): return getattr(self.real, name)\n"
        "sys.stdout = Out(sys.stdout)\n"
        "real_exit = os._exit\n"
        "def ended(code):\n"
        "    sys.stdout.flush()\n"
        "    sys.stderr.write(f'COLLECTOR {set(seen)} {gc.isenabled()} at once')\n"
        "    sys.stderr.flush()\n"
        "    real_exit(code)\n"
        "os._exit = ended\n"
        "sys.argv = ['sme-assess', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(f'COLLECTOR {set(seen)} {gc.isenabled()}')\n"
    )
    runs = {
        "score": ["score", str(persona)],
        "explain": ["explain", str(persona), "--category", "strategy"],
        "schema": ["schema", "answers"],
    }
    for name, args in runs.items():
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip(), name
        if name == "schema":
            assert out.stderr.endswith("COLLECTOR {True} True"), out.stderr
        else:
            assert out.stderr.endswith("COLLECTOR {False} False at once"), out.stderr


def test_pydantic_plugins_named_by_the_user_are_still_looked_for() -> None:
    """The tool skips pydantic's plugin scan only when plugins are off; a user who names
    plugins to leave out (PYDANTIC_DISABLE_PLUGINS=name) still gets the others loaded."""
    code = (
        "import sys\n"
        "import sme_assess.cli as c\n"
        "c._no_plugin_loader()\n"
        "from pydantic import TypeAdapter\n"
        "assert TypeAdapter(int).validate_python('3') == 3\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    for setting, scanned in (("1", "False"), ("some_plugin", "True")):
        env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": setting}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == scanned, setting
