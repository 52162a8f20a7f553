"""Where the shipped data lives: inside the wheel (``_data``) or, in a checkout, the repo root."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (questionnaires, report_templates, schemas) shipped with the tool."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
