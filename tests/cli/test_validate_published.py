"""`validate` catches a released version of a pack whose questions changed without a new
version (pack 1.4.0 was given a show-if on two outcome questions after its release): the pack
records each released version's fingerprint under `published`."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import PACKS

NOT_CI = {"GITHUB_ACTIONS": "false"}
SHOW_IF = "        show_if: \"digital_stage not in ['none', 'learning', 'planned']\"\n"


def _copy(dest: Path) -> Path:
    shutil.copytree(PACKS / "manufacturing-sme", dest)
    return dest


def _edit(pack: Path, old: str, new: str, count: int = 1) -> None:
    path = pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_show_if_added_or_removed_without_a_new_version_fails_validate(
    cli, tmp_path: Path
) -> None:
    pack = _copy(tmp_path / "pack")
    _edit(pack, SHOW_IF, "", count=2)  # 1.4.0's change, undone in a released 1.7.0
    result = cli("validate", str(pack), env=NOT_CI)
    assert result.exit_code == 1, result.output
    assert "published-version-changed" in result.output
    assert "differ from published version 1.7.0" in result.output
    assert "give the pack a new version and a migration" in result.output


def test_a_new_option_without_a_new_version_fails_validate(cli, tmp_path: Path) -> None:
    pack = _copy(tmp_path / "pack")
    _edit(
        pack,
        "          - {value: none, label: {en: None of these, zh: 都没有}, exclusive: true}\n"
        "      # 1.6.0: how die and mould changes",
        "          - {value: rolling, label: {en: Rolling mills, zh: 轧机}}\n"
        "          - {value: none, label: {en: None of these, zh: 都没有}, exclusive: true}\n"
        "      # 1.6.0: how die and mould changes",
    )
    result = cli("validate", str(pack), env=NOT_CI)
    assert result.exit_code == 1
    assert "published-version-changed" in result.output


def test_rewording_keeps_the_fingerprint(cli, tmp_path: Path) -> None:
    """Wording is said by a migration's `reworded`, not a new version's fingerprint."""
    pack = _copy(tmp_path / "pack")
    _edit(pack, "zh: 生产上主要靠下面哪些设备和模具？", "zh: 厂里主要靠哪些设备和模具干活？")
    result = cli("validate", "--strict", str(pack), env=NOT_CI)
    assert result.exit_code == 0, result.output


def test_a_new_version_asks_for_its_line_and_strict_fails_until_it_is_recorded(
    cli, tmp_path: Path
) -> None:
    pack = _copy(tmp_path / "pack")
    _edit(pack, "version: 1.7.0\ntitle:", "version: 1.7.1\ntitle:")
    assert cli("validate", str(pack), env=NOT_CI).exit_code == 0  # a warning only
    strict = cli("validate", "--strict", str(pack), env=NOT_CI)
    assert strict.exit_code == 1
    assert "published-version-unrecorded" in strict.output
    line = '"1.7.1": "79a568d0917dd49e"'
    assert line in strict.output
    _edit(pack, '  "1.7.0": "79a568d0917dd49e"\n', f'  "1.7.0": "79a568d0917dd49e"\n  {line}\n')
    assert cli("validate", "--strict", str(pack), env=NOT_CI).exit_code == 0
