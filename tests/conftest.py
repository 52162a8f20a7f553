"""Shared fixtures: where the repo's packs are, and a way to run the CLI in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
PACKS = REPO / "questionnaires"
SAMPLE = PACKS / "sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def compile_test_catalogues(root: Path) -> Path:
    """The test catalogues (tests/fixtures/locale: a third language, German) compiled with
    Babel into ``root/<lang>/LC_MESSAGES/``, as a translator's build would; name ``root`` in
    SME_ASSESS_LOCALE_PATH to add the language by catalogue alone."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (FIXTURES / "locale").glob("*/LC_MESSAGES/sme_assess.po"):
        lang = po.parent.parent.name
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        folder = root / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "sme_assess.mo").open("wb") as f:
            write_mo(f, catalog)
    return root


@pytest.fixture
def sample_pack(tmp_path: Path) -> Path:
    """A private copy of the sample pack that a test may break."""
    dest = tmp_path / "pack"
    shutil.copytree(SAMPLE, dest)
    return dest


@pytest.fixture
def tier_priced_pack(tmp_path: Path) -> Path:
    """The built-in pack with one step priced by its cost tier only (machine-data gateways,
    "¥50,000-300,000"): since catalogue 1.7.0 every built-in step has typical figures, and
    a plan's money is a range only where a step has none (what the range tests show)."""
    pack = tmp_path / "manufacturing-sme"
    shutil.copytree(PACKS / "manufacturing-sme", pack)
    catalogue = pack / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("  - id: machine_data_gateway\n")
    figure = "    one_off_cny: 100000\n"
    at = text.index(figure, start)
    catalogue.write_text(text[:at] + text[at + len(figure) :], encoding="utf-8")
    return pack


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run ``sme-assess ARGS`` in-process; returns click's Result (exit_code, stdout, stderr)."""
    from sme_assess.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> object:
        # a wide terminal so that assertions on text are not broken by wrapping
        full_env = {"COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
        return runner.invoke(app, list(args), env=full_env, input=input, catch_exceptions=False)

    return run


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The pack cache of this test run (and of the processes it starts) lives in a temporary
    folder, never in the user's ~/.cache."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
