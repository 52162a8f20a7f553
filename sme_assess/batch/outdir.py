"""The output folder of a batch: checked writable before any work, locked while a run writes
to it, cleared of our own stale temporary files, refused when it holds results already.

Only our own files are ever removed: the outputs named in ``outputs.OUTPUT_FILES``, the
reports in ``reports/`` (with --force) and temporary files named the way ``atomic`` names
them (``.summary.csv.k3j9x_2a.tmp``) for those outputs.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError, display_path
from . import outputs as out
from .words import operator_words

# atomic.py's temporary names: "." + target name + "." + 8 characters of mkstemp + ".tmp"
_OUR_TEMP = re.compile(
    r"\.(" + "|".join(re.escape(n) for n in out.OUTPUT_FILES) + r")\.[a-z0-9_]{8}\.tmp"
)
_REPORT_TEMP = re.compile(r"\..+\.pdf\.[a-z0-9_]{8}\.tmp", re.DOTALL)

# Derived at the end of a run from results.jsonl; removed when a run starts so that a run
# killed before its end never leaves a summary that looks complete but is not.
DERIVED = (out.SUMMARY_CSV, out.SUMMARY_XLSX, out.SUMMARY_PARQUET, out.COHORT_HTML, out.COHORT_PDF)


def _ours(path: Path) -> bool:
    name = path.name
    if name == out.REPORTS:
        return path.is_dir() and not any(path.iterdir())
    return name in out.OUTPUT_FILES or bool(_OUR_TEMP.fullmatch(name))


def had_no_results(outdir: Path) -> bool:
    """True when OUTDIR holds only our own files and no scored respondent (an earlier run
    whose inputs were all unreadable): starting again there loses nothing."""
    results = outdir / out.RESULTS
    try:
        if results.is_file() and results.stat().st_size > 0:
            return False
        return all(_ours(p) for p in outdir.iterdir())
    except OSError:
        return False


def clean_stale_temps(outdir: Path) -> list[str]:
    """Remove the temporary files that runs killed mid-write left (our names only)."""
    removed: list[str] = []
    folders = [(outdir, _OUR_TEMP), (outdir / out.REPORTS, _REPORT_TEMP)]
    for folder, pattern in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            path = folder / name
            if pattern.fullmatch(name) and path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(name)
    return removed


def _cannot_write(outdir: Path, exc: OSError) -> UsageError:
    why = exc.strerror or type(exc).__name__
    _ = operator_words()
    return UsageError(
        _("-o {outdir}: cannot write there: {why}", outdir=display_path(outdir), why=why)
    )


def open_outdir(
    outdir: Path,
    *,
    resume: bool,
    force: bool,
    before_clearing: Callable[[], None] = lambda: None,
) -> OutdirLock:
    """Make OUTDIR ready for a run and lock it (the caller releases the lock).

    Refuses a non-empty OUTDIR unless resuming or forced (or it holds no results: an
    earlier run of unreadable inputs); --force clears our outputs only. Checks that OUTDIR
    can be written to, before any work starts; removes our stale temporary files, then
    (once ``before_clearing``, e.g. reading the earlier results back, has not refused the
    folder) the outputs derived from results.jsonl: they are written again at the end."""
    _ = operator_words()
    if force and resume:
        raise UsageError(_("use either --resume (continue) or --force (start again), not both"))
    try:
        exists = outdir.exists()
        if exists and not outdir.is_dir():
            raise UsageError(_("-o {outdir}: not a folder", outdir=display_path(outdir)))
        busy = exists and any(outdir.iterdir())
    except OSError as exc:
        raise _cannot_write(outdir, exc) from None
    if busy and not (force or resume) and not had_no_results(outdir):
        raise UsageError(
            _(
                "-o {outdir} is not empty: use --resume to continue an earlier run or --force "
                "to replace its results",
                outdir=display_path(outdir),
            )
        )
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        probe = outdir / f".{out.RESULTS}.probe_00.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise _cannot_write(outdir, exc) from None
    lock = OutdirLock(outdir).acquire()
    try:
        clean_stale_temps(outdir)
        before_clearing()
        if busy and not resume:  # --force, or an OUTDIR with no results
            for name in out.OUTPUT_FILES:
                (outdir / name).unlink(missing_ok=True)
            reports = outdir / out.REPORTS
            if force and reports.is_dir():
                for pdf in reports.glob("*.pdf"):
                    pdf.unlink()
        for name in DERIVED:
            (outdir / name).unlink(missing_ok=True)
    except OSError as exc:
        lock.release()
        raise _cannot_write(outdir, exc) from None
    except BaseException:
        lock.release()
        raise
    return lock


class OutdirLock:
    """An exclusive lock on OUTDIR (flock on the folder itself) while a run writes there,
    so that two runs never write into one folder; released when the process ends, however
    it ends. Where flock is not available the lock does nothing."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self._fd: int | None = None

    def acquire(self) -> OutdirLock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            return self
        try:
            fd = os.open(self.outdir, os.O_RDONLY)
        except OSError:
            return self
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            _ = operator_words()
            raise UsageError(
                _(
                    "-o {outdir}: another batch is writing there; wait for it to end or "
                    "choose another folder",
                    outdir=display_path(self.outdir),
                )
            ) from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OutdirLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
