"""The one error hierarchy. The CLI turns these into a one-line message and an exit code."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Exit codes, documented in the README and in `sme-assess --help`.
EXIT_OK = 0
EXIT_FINDINGS = 1  # validation findings, or some inputs failed in a batch
EXIT_USAGE = 2  # bad usage, or input that cannot be read at all
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Where:
    """A place in an input: file, and where known line, column (1-based) or row."""

    path: str
    line: int | None = None
    col: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.row is not None:
            out += f" row {self.row}"
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


class SmeAssessError(Exception):
    """Base of every error the tool reports to a user. Never shown as a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, where: Where | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UsageError(SmeAssessError):
    """The command was called wrongly (unknown pack, conflicting options...)."""


class InputError(SmeAssessError):
    """An input file cannot be read or parsed."""


class PackError(InputError):
    """A questionnaire pack has errors; ``details`` holds every finding line."""

    def __init__(self, message: str, details: list[str], where: Where | None = None) -> None:
        super().__init__(message, where)
        self.details = details


class AnswersError(InputError):
    """An answers file does not fit its pack; ``details`` lists every problem."""

    def __init__(self, message: str, details: list[str], where: Where | None = None) -> None:
        super().__init__(message, where)
        self.details = details


class MappingError(InputError):
    """A ``--mapping`` file cannot be used; ``details`` lists every problem at file:line:col."""

    def __init__(self, message: str, details: list[str], where: Where | None = None) -> None:
        super().__init__(message, where)
        self.details = details


def unexpected(exc: BaseException) -> str:
    """One line for an error no input should cause (a bug, RecursionError, MemoryError):
    what batch writes in errors.csv and every command prints instead of a traceback."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read (RecursionError)"
    if isinstance(exc, MemoryError):
        return "too large to read: out of memory (MemoryError)"
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:299] + "…"
    return f"internal error: {type(exc).__name__}" + (f": {text}" if text else "")


_LONG_RUN = 200  # characters without a space a message line keeps of a value from an input


def shortened(text: str) -> str:
    """``text`` for one line on a terminal: a run of more than 200 characters without a
    space (a 100,000-character key, a 5,000-digit cell quoted back) keeps its start and end
    around an ellipsis, so the line stays readable; errors.csv keeps the whole text."""
    if len(text) <= _LONG_RUN:
        return text
    import re

    from .terminal_text import cluster_start

    def cut(found: re.Match[str]) -> str:
        run = found.group()
        return f"{run[: cluster_start(run, 120)]}…{run[cluster_start(run, len(run) - 40) :]}"

    return re.sub(rf"\S{{{_LONG_RUN + 1},}}", cut, text)


def display_path(path: Path | str) -> str:
    """A path as a user should see it: as typed when relative, else relative to the working
    folder when inside it. Cheap: batch calls it for every file."""
    p = Path(path)
    if not p.is_absolute() and ".." not in p.parts:
        return str(p)
    try:
        cwd = _resolved(os.getcwd())
        try:
            return str(p.relative_to(cwd))
        except ValueError:
            return str(p.resolve().relative_to(cwd))
    except (ValueError, OSError):
        return str(p)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


class PackNote(UserWarning):
    """Something a command that uses the pack must say, not only `validate` (a pack file not
    in UTF-8, read as the encoding named): the command line prints it as one warning line."""
