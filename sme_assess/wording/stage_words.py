"""The tool's own stage as a result shows it beside its label, on the screen."""

from __future__ import annotations

from .messages import label


def stage_text(level: int | None, level_name: str | None, lang: str) -> str:
    """ "Stage 2 · Connected"; a result with nothing scored has no stage, and says so plainly
    ("not enough answers for a stage", never "Stage None")."""
    if level is None:
        return label("stage_none", lang)
    return f"{label('stage_n', lang, n=level)} · {level_name or ''}"
