"""The summary's order without keeping every firm's key in memory: an external sort.

``Order`` takes (sort key, line offset) pairs in any order. Up to ``RUN_SIZE`` of them are
kept in memory; beyond that they are sorted and spilled as runs to unnamed temporary files
in the output folder (removed by the system when closed, also when the run is killed), and
merged with ``heapq.merge`` at the end. ``finish`` gives the offsets in key order, the first
line of a key only (the lowest offset: the first line of a respondent scored twice), into a
temporary file of 8-byte numbers that ``Offsets`` reads back as often as asked; ``twice``
lists the offsets of the other lines of a key. Memory: ``RUN_SIZE`` keys and one buffered
reader per run, whatever the number of firms.
"""

from __future__ import annotations

import heapq
import os
import struct
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError, Where, display_path

RUN_SIZE = 20_000
_HEAD = struct.Struct("=IQ")  # a spilled pair: key length, offset
_WIDTH = array("Q").itemsize  # the final offsets: native 8-byte numbers
_BLOCK = 1 << 16


class Offsets:
    """Line offsets in order, in a temporary file (``len`` and repeated iteration)."""

    def __init__(self, handle: IO[bytes] | None, count: int, kept: array[int]) -> None:
        self._handle = handle
        self._count = count
        self._kept = kept  # when nothing was spilled: the offsets themselves

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[int]:
        if self._handle is None:
            yield from self._kept
            return
        fd = self._handle.fileno()
        position = 0
        while True:
            block = os.pread(fd, _BLOCK * _WIDTH, position)
            if not block:
                return
            position += len(block)
            yield from array("Q", block)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


class Order:
    """(key, offset) pairs in, offsets in key order out (see the module's docstring)."""

    def __init__(self, folder: Path, run_size: int = RUN_SIZE) -> None:
        self.folder = folder
        self.run_size = run_size
        self.pending: list[tuple[bytes, int]] = []
        self.runs: list[IO[bytes]] = []
        self.twice: list[int] = []  # offsets of lines whose key came before (finish)

    def add(self, key: bytes, offset: int) -> None:
        self.pending.append((key, offset))
        if len(self.pending) >= self.run_size:
            try:
                self._spill()
            except OSError as exc:
                raise self._error(exc) from None

    def _error(self, exc: OSError) -> InputError:
        return InputError(
            f"cannot write a temporary file of the summary's order: {exc.strerror or exc}",
            Where(display_path(self.folder)),
        )

    def _spill(self) -> None:
        self.pending.sort()
        handle = tempfile.TemporaryFile(dir=self.folder, prefix=".order.")  # noqa: SIM115
        try:
            write = handle.write
            for key, offset in self.pending:
                write(_HEAD.pack(len(key), offset))
                write(key)
            handle.flush()
            handle.seek(0)
        except BaseException:
            handle.close()
            raise
        self.runs.append(handle)
        self.pending = []

    def finish(self) -> Offsets:
        """The first offset of each key, in key order; ``twice`` the offsets left out."""
        try:
            return self._merge()
        except OSError as exc:
            raise self._error(exc) from None

    def _merge(self) -> Offsets:
        self.pending.sort()
        if not self.runs:
            kept = array("Q")
            last: bytes | None = None
            for key, offset in self.pending:
                if key == last:
                    self.twice.append(offset)
                else:
                    kept.append(offset)
                    last = key
            self.pending = []
            return Offsets(None, len(kept), kept)
        streams = [_read_run(handle) for handle in self.runs]
        streams.append(iter(self.pending))
        out = tempfile.TemporaryFile(dir=self.folder, prefix=".order.")  # noqa: SIM115
        count = 0
        try:
            buffer = array("Q")
            last = None
            for key, offset in heapq.merge(*streams):
                if key == last:
                    self.twice.append(offset)
                    continue
                last = key
                buffer.append(offset)
                count += 1
                if len(buffer) >= _BLOCK:
                    out.write(buffer.tobytes())
                    buffer = array("Q")
            out.write(buffer.tobytes())
            out.flush()
        except BaseException:
            out.close()
            raise
        finally:
            self.close()
        return Offsets(out, count, array("Q"))

    def close(self) -> None:
        """Drop the spilled runs (their files go with them)."""
        for handle in self.runs:
            handle.close()
        self.runs = []
        self.pending = []


def _read_run(handle: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """The (key, offset) pairs of one spilled run, in order."""
    reader = open(handle.fileno(), "rb", buffering=_BLOCK, closefd=False)  # noqa: SIM115
    with reader:
        while True:
            head = reader.read(_HEAD.size)
            if not head:
                return
            size, offset = _HEAD.unpack(head)
            yield reader.read(size), offset
