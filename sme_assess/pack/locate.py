"""Find packs: the built-in ones, a pack by id or path, and every pack under a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, UsageError, Where
from ..resources import data_dir
from .reading import CATALOGUE_FILE, QUESTIONNAIRE_FILE

DEFAULT_PACK = "manufacturing-sme"


def builtin_root() -> Path:
    return data_dir("questionnaires")


def is_pack_dir(path: Path) -> bool:
    return (path / QUESTIONNAIRE_FILE).is_file() or (path / CATALOGUE_FILE).is_file()


def builtin_packs() -> dict[str, Path]:
    """Built-in pack id (its folder name) -> folder."""
    root = builtin_root()
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and is_pack_dir(p)}


def resolve_pack(spec: str | None) -> Path:
    """A pack folder from ``--pack``: a built-in id, or a path to a pack folder or its file."""
    packs = builtin_packs()
    if spec is None:
        if DEFAULT_PACK in packs:
            return packs[DEFAULT_PACK]
        if packs:
            return next(iter(packs.values()))
        raise UsageError("no built-in pack is installed; give one with --pack PATH")
    if spec in packs:
        return packs[spec]
    path = Path(spec)
    if path.is_file() and path.name in (QUESTIONNAIRE_FILE, CATALOGUE_FILE):
        path = path.parent
    if path.is_dir() and is_pack_dir(path):
        return path
    known = ", ".join(packs) or "none"
    raise UsageError(
        f"unknown pack '{spec}': not a built-in pack ({known}) nor a folder with "
        f"{QUESTIONNAIRE_FILE}"
    )


def pack_for(
    spec: str | None,
    questionnaire: str | None,
    named_in: Callable[[], Where] | None = None,
) -> Path:
    """``--pack`` when given; else the built-in pack an answers file or draft names; else
    the default built-in pack (a file that names no pack). A file that names a pack that is
    not built in is refused (``named_in`` says where the file names it), not scored against
    another."""
    if spec is None and questionnaire is not None:
        unknown = unknown_pack(questionnaire)
        if unknown:
            where = named_in() if named_in else None
            raise InputError(f"questionnaire '{questionnaire}': {unknown}", where)
        spec = questionnaire
    return resolve_pack(spec)


def unknown_pack(questionnaire: str) -> str:
    """Why answers for ``questionnaire`` have no pack (a typo, or a pack of one's own to
    give with --pack); "" for a built-in pack."""
    packs = builtin_packs()
    if questionnaire in packs:
        return ""
    return f"unknown pack (known: {', '.join(packs) or 'none'}); give its folder with --pack"


def find_packs(path: Path) -> list[Path]:
    """Pack folders named by a path: the pack a file belongs to, or every pack under a folder."""
    if path.is_file():
        return [path.parent] if is_pack_dir(path.parent) else []
    if is_pack_dir(path):
        return [path]
    found = {p.parent for p in path.rglob(QUESTIONNAIRE_FILE)}
    found |= {p.parent for p in path.rglob(CATALOGUE_FILE)}
    return sorted(p for p in found if not any(part.startswith(".") for part in p.parts[-3:]))
