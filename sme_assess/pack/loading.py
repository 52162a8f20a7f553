"""Load a pack for use: from the pack cache, else read and checked; PackError if it is not valid.

Reading (files -> models, schema findings) lives in ``reading`` and the semantic rules in
``validation``; this module only puts them together for the commands that use a pack, and
keeps the names most of the code imports a pack by (``Pack``, ``load_pack``...).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PackError, PackNote, Where, display_path
from .reading import (
    CATALOGUE_FILE,
    QUESTIONNAIRE_FILE,
    Pack,
    PackLoad,
    read_pack,
    schema_findings,
    validate_doc,
)

__all__ = [
    "CATALOGUE_FILE",
    "QUESTIONNAIRE_FILE",
    "Pack",
    "PackLoad",
    "PackNote",
    "load_pack",
    "read_pack",
    "schema_findings",
    "validate_doc",
]


def load_pack(root: Path) -> Pack:
    """Load a pack for use: raises PackError listing every error if it is not valid.

    A pack that passed is remembered in the pack cache (``cache``) and taken from there
    while its files, the tool and Python stay the same. The cache and the rules are
    imported here, when a pack is loaded, not when this module is: code that only needs the
    ``Pack`` type (most of the engine) does not pay for them at start-up."""
    from .cache import load_cached, store

    cached, files = load_cached(root)
    if cached is not None:
        return cached
    from .validation import check_pack  # only a pack the cache does not hold is checked

    loaded = read_pack(root)
    findings = list(loaded.findings)
    if loaded.pack is not None:
        findings.extend(check_pack(loaded.pack))
    errors = [f for f in findings if f.level == "error"]
    if errors or loaded.pack is None:
        details = [f"{f.path}:{f.line}:{f.col}: {f.rule} {f.message}" for f in errors]
        raise PackError(
            f"the pack has {len(errors)} {'error' if len(errors) == 1 else 'errors'}; "
            "run `sme-assess validate` on it",
            details,
            Where(display_path(root)),
        )
    notes = [f for f in findings if f.rule == "file-encoding"]
    if notes:  # said on every use, so never kept in the cache (a hit would not say it)
        import warnings

        for f in notes:
            warnings.warn(PackNote(f"{f.path}: {f.message}"), stacklevel=2)
        return loaded.pack
    store(root, loaded.pack, files)
    return loaded.pack
