"""A cache of packs that passed every check, so that `score`, `report` and `batch` do not parse
and re-check the same pack on every run (that was most of their start-up).

Where: ``$XDG_CACHE_HOME/sme-assess/packs/`` (default ``~/.cache/sme-assess/packs/``), one
file per pack folder, named by a hash of the folder's absolute path, so the cache never holds
more files than packs used. ``SME_ASSESS_NO_CACHE=1`` turns it off.

Key: the SHA-256 of both pack files' bytes, the tool's version, the Python version, and a
fingerprint of the tool's own modules (name, size, modification time), so a changed pack
file, tool or Python always rebuilds the entry; an edited checkout does too.

What: the checked models themselves, pickled, so that a hit neither parses nor validates
(the models' validators are not even built), and the pack's conditions in their parsed
form. Each model is stored as its class, its fields' values and the names of the fields the
file set, and restored by ``_model`` without pydantic's ``__setstate__`` (the state dict it
reads is never built); models of one frozen class that set the same fields share one set of
names (a frozen model never changes it; pydantic copies it for ``model_copy``). Not the
files' parsed YAML: only the pack's checks read it (to say where a problem is), and a pack
from the cache has passed them; a cached pack's documents name their files only, as the
packs batch hands its workers do (unpickling that data was half of a hit).

A pickle can run code when loaded, so an entry is only read when nobody else could have
written it: the cache folder and the file must be owned by this user and writable by nobody
else, both are opened without following links and checked on the open handles (no swap
between check and read), and the file must be a regular file. Loading is restricted to the
tool's model classes, ``_model`` and plain data (any other name in the stream is refused),
the key is
compared before anything is unpickled, and a SHA-256 of the payload catches truncation and
corruption. Written atomically; any problem reading or writing the cache is ignored and the
pack is loaded the slow way (the cache can only save time).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import __version__
from ..engine.condition_compile import plain_source, preload
from ..errors import InputError, display_path
from ..models import Catalogue, Questionnaire
from .file_bytes import read_bytes
from .reading import CATALOGUE_FILE, QUESTIONNAIRE_FILE, Pack
from .yamldoc import YamlDoc

FORMAT = 4
_MAGIC = b"sme-assess pack cache 4\n"
_PACKAGE = Path(__file__).resolve().parents[1]  # the whole sme_assess package
_CODE: list[str] = []
_MODELS = "sme_assess.models."
_PLAIN = {("builtins", "set"), ("builtins", "frozenset")}


def enabled() -> bool:
    return os.environ.get("SME_ASSESS_NO_CACHE", "").strip() not in ("1", "true", "yes")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sme-assess/packs`` (an absolute XDG_CACHE_HOME only, as the spec
    says), else ``~/.cache/sme-assess/packs``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "sme-assess" / "packs"


def _code_fingerprint() -> str:
    """The tool's own modules, by name, size and modification time (once per process; a
    scan with os.scandir, which costs half of Path.rglob on every start)."""
    if not _CODE:
        root = str(_PACKAGE)
        found: list[str] = []
        folders = [root]
        while folders:
            with contextlib.suppress(OSError), os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            folders.append(entry.path)
                    elif entry.name.endswith(".py"):
                        with contextlib.suppress(OSError):
                            st = entry.stat()
                            name = entry.path[len(root) + 1 :]
                            found.append(f"{name}:{st.st_size}:{st.st_mtime_ns};")
        _CODE.append(hashlib.sha256("".join(sorted(found)).encode()).hexdigest())
    return _CODE[0]


def _key(q_bytes: bytes, c_bytes: bytes) -> str:
    parts = [
        f"format={FORMAT}",
        f"tool={__version__}",
        f"python={sys.version}",
        f"code={_code_fingerprint()}",
        f"questionnaire={hashlib.sha256(q_bytes).hexdigest()}",
        f"catalogue={hashlib.sha256(c_bytes).hexdigest()}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _entry(root: Path) -> Path:
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]
    return cache_dir() / f"{name}.pickle"


def _trusted(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (POSIX; elsewhere: the user's profile)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def _read_entry(entry: Path) -> bytes | None:
    """The entry's bytes, when the folder and the file are this user's alone (else None)."""
    folder = os.open(entry.parent, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    try:
        if not _trusted(os.fstat(folder)):
            return None
        fd = os.open(entry.name, os.O_RDONLY | _NOFOLLOW, dir_fd=folder)
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _trusted(st):
                return None
            return handle.read()
    finally:
        os.close(folder)


_new = object.__new__
_set = object.__setattr__


def _model(cls: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> BaseModel:
    """A stored model as it was checked (what pydantic's ``__setstate__`` restores, for a
    model with no extra fields and no private attributes: all ``_Pickler`` stores so)."""
    if not issubclass(cls, BaseModel):
        raise pickle.UnpicklingError(f"{cls!r} is not a model")
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


class _Pickler(pickle.Pickler):
    """Stores a model as ``_model(class, values, fields set)``; the models of one frozen
    class that set the same fields share their set of names."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._sets: dict[tuple[type, frozenset[str]], set[str]] = {}

    def reducer_override(self, obj: Any) -> Any:
        if not isinstance(obj, BaseModel):
            return NotImplemented
        if obj.__pydantic_extra__ is not None or obj.__pydantic_private__ is not None:
            return NotImplemented  # pydantic's own form keeps them
        cls = type(obj)
        fields_set = obj.__pydantic_fields_set__
        if cls.model_config.get("frozen"):
            fields_set = self._sets.setdefault((cls, frozenset(fields_set)), fields_set)
        return _model, (cls, obj.__dict__, fields_set)


class _ModelsOnly(pickle.Unpickler):
    """Unpickles the tool's models, ``_model`` and plain data, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_model"):
            return _model
        if module.startswith(_MODELS) or (module, name) in _PLAIN:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pack cache")


def _read_files(root: Path) -> tuple[bytes, bytes] | None:
    try:  # never blocks on a named pipe; the pack's reader then says what is wrong
        return read_bytes(root / QUESTIONNAIRE_FILE), read_bytes(root / CATALOGUE_FILE)
    except InputError:
        return None


def condition_sources(q: Questionnaire, c: Catalogue) -> list[str]:
    """Every condition of the pack, as written."""
    found = [s.show_if for s in q.sections] + [x.show_if for x in q.questions()]
    found += [p.when for p in q.pain_points] + [f.when for f in c.facts] + [n.when for n in c.notes]
    found += [x for s in c.solutions for x in (s.in_place_if, s.not_applicable_if, s.indicated_if)]
    return [source for source in found if source]


def load_cached(root: Path) -> tuple[Pack | None, tuple[bytes, bytes] | None]:
    """The pack as cached for exactly these files, tool and Python (None on any miss), and
    the files' bytes as read now (for ``store``)."""
    if not enabled():
        return None, None
    files = _read_files(root)
    if files is None:
        return None, files
    try:
        raw = _read_entry(_entry(root))
        if raw is None or not raw.startswith(_MAGIC):
            return None, files
        key, digest, payload = raw[len(_MAGIC) :].split(b"\n", 2)
        if key.decode() != _key(*files):
            return None, files
        if hashlib.sha256(payload).hexdigest() != digest.decode():
            return None, files
        q, c, conditions = _ModelsOnly(io.BytesIO(payload)).load()
        if not isinstance(q, Questionnaire) or not isinstance(c, Catalogue):
            return None, files
        preload(conditions)  # parsed conditions: a cached pack needs no parser
        q_path, c_path = root / QUESTIONNAIRE_FILE, root / CATALOGUE_FILE
        pack = Pack(
            root,
            q,
            c,
            YamlDoc(display_path(q_path), "", None),
            YamlDoc(display_path(c_path), "", None),
        )
        return pack, files
    except Exception:  # a missing, stale, corrupt, foreign or tampered entry: the slow way
        return None, files


def store(root: Path, pack: Pack, files: tuple[bytes, bytes] | None = None) -> None:
    """Remember a pack that passed every check. ``files`` are the files' bytes as read
    before the pack was loaded: when they differ now (edited meanwhile), nothing is stored,
    so an entry's key always names the bytes its data came from."""
    if not enabled():
        return
    now = _read_files(root)
    if now is None or (files is not None and now != files):
        return
    files = now
    try:
        conditions = {
            source: plain_source(source)
            for source in condition_sources(pack.questionnaire, pack.catalogue)
        }
        data = (pack.questionnaire, pack.catalogue, conditions)
        buffer = io.BytesIO()
        _Pickler(buffer).dump(data)
        payload = buffer.getvalue()
        _ModelsOnly(io.BytesIO(payload)).load()  # only what a load would accept is stored
        header = f"{_key(*files)}\n{hashlib.sha256(payload).hexdigest()}\n".encode()
        from ..atomic import write_bytes

        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes(_entry(root), _MAGIC + header + payload)
    except Exception:  # a read-only home, a full disk: the cache only saves time
        return
