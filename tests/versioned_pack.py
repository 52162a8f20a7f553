"""A copy of the sample pack at another version, with a migration from 1.0.0 and optionally
a short form: what answers and drafts of an earlier version are tested against (never the
built-in pack, whose content changes on its own)."""

from __future__ import annotations

from pathlib import Path

from .conftest import SAMPLE

MIGRATIONS = """
migrations:
  - version: 1.0.0
    added: [daily_entry]
    questions: {machine_level: machine_data}
    options:
      machine_data: {typed: spreadsheet}
    dropped:
      networked_pct:
        en: it was a percentage of machines; the question now asks a share it can score
        zh: 以前按百分比估，现在按可评分的比例问
"""

SHORT_FORM = """
duration: {min_minutes: 6, max_minutes: 9}
short_form:
  questions: [machine_data, office]
  duration: {min_minutes: 3, max_minutes: 4}
  description: {en: The machines and the office only., zh: 只问设备和办公室。}
"""


def bumped(
    root: Path, version: str = "1.1.0", migrations: bool = True, short_form: bool = False
) -> Path:
    """``root``/pack: the sample pack at ``version``, with the migration from 1.0.0 and a
    short form (machine_data and the office section) when asked."""
    pack = root / "pack"
    pack.mkdir()
    (pack / "catalogue.yaml").write_text(
        (SAMPLE / "catalogue.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = (SAMPLE / "questionnaire.yaml").read_text(encoding="utf-8")
    text = text.replace("version: 1.0.0", f"version: {version}", 1)
    text += (MIGRATIONS if migrations else "") + (SHORT_FORM if short_form else "")
    (pack / "questionnaire.yaml").write_text(text, encoding="utf-8")
    return pack
