"""`validate` as a function: the packs named by some paths, and every finding in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError, display_path
from .findings import Finding, Severity
from .locate import find_packs
from .reading import read_pack
from .validation import check_pack, check_questionnaire


@dataclass
class CheckRun:
    packs: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == Severity.WARNING)

    @property
    def unreadable(self) -> bool:
        return any(f.rule == "file-unreadable" for f in self.findings)


def check_paths(paths: list[Path]) -> CheckRun:
    """Validate every pack the paths name. Raises UsageError for a path that is no pack."""
    folders: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{display_path(path)}: no such file or folder")
        found = find_packs(path)
        if not found:
            raise UsageError(
                f"{display_path(path)}: no pack here (a pack is a folder with questionnaire.yaml "
                "and catalogue.yaml)"
            )
        for folder in found:
            if folder.resolve() not in {f.resolve() for f in folders}:
                folders.append(folder)
    run = CheckRun()
    for folder in folders:
        loaded = read_pack(folder)
        run.packs.append(display_path(folder))
        run.findings.extend(loaded.findings)
        if loaded.pack is not None:
            run.findings.extend(check_pack(loaded.pack))
        elif loaded.questionnaire is not None and loaded.qdoc is not None:
            # the catalogue is broken: still check everything the questionnaire alone allows
            run.findings.extend(check_questionnaire(loaded.questionnaire, loaded.qdoc))
    run.findings.sort(key=Finding.sort_key)
    return run
