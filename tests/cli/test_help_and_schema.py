"""The top-level CLI: fast --help with no heavy imports, --version, packs, schemas in sync."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sme_assess import __version__
from sme_assess.pack.schema_export import SCHEMA_NAMES, schema_text

from ..conftest import PACKS, REPO

HEAVY = (
    "weasyprint",
    "questionary",
    "openpyxl",
    "prompt_toolkit",
    "dask",
    "distributed",
    "pyarrow",
    "pyxform",
    "pydantic",
)


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from sme_assess.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        f"heavy = [m for m in sys.modules if m.split('.')[0] in {HEAVY!r}]\n"
        "print(','.join(sorted(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "", f"--help imported: {out.stdout.strip()}"


def test_help_lists_every_command_with_a_summary(cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "packs", "schema"):
        assert command in result.stdout
    assert "Exit codes" in result.stdout


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sme-assess {__version__}"


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sme_assess", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert __version__ in out.stdout


def test_packs_lists_builtin_packs_as_json(cli) -> None:
    result = cli("packs", "--format", "json")
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert "sample" in rows
    sample = rows["sample"]
    assert sample["languages"] == ["en", "zh"]
    assert sample["questions"] == 9 and sample["scored_questions"] == 6
    assert sample["solutions"] == 4 and sample["valid"] is True


def test_packs_table_shows_counts(cli) -> None:
    result = cli("packs")
    assert result.exit_code == 0
    assert "sample" in result.stdout and "1.0.0" in result.stdout


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_in_sync(name: str) -> None:
    committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), f"run `make schemas` to refresh {name}.schema.json"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_command_prints_a_json_schema(cli, name: str) -> None:
    result = cli("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_rejects_unknown_name(cli) -> None:
    result = cli("schema", "nonsense")
    assert result.exit_code == 2


def test_shipped_yaml_files_point_editors_at_the_schema() -> None:
    files = sorted(PACKS.glob("*/questionnaire.yaml")) + sorted(PACKS.glob("*/catalogue.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = path.stem
        assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", path
        assert (path.parent / "../../schemas" / f"{kind}.schema.json").resolve().is_file()


def test_questionnaire_schema_accepts_the_sample_pack() -> None:
    """The exported schema is not just well-formed: the shipped pack validates against it."""
    import jsonschema

    from sme_assess.pack.yamldoc import load_yaml

    schema = json.loads(schema_text("questionnaire"))
    data = load_yaml(Path(PACKS / "sample" / "questionnaire.yaml")).data
    jsonschema.validate(data, schema)
