"""A cache of packs that passed every check, so that `score`, `report` and `batch` do not parse
and re-check the same pack on every run (that was most of their start-up).

Where: ``$XDG_CACHE_HOME/sme-assess/packs/`` (default ``~/.cache/sme-assess/packs/``), one
file per pack folder, named by a hash of the folder's absolute path, so the cache never holds
more files than packs used. ``SME_ASSESS_NO_CACHE=1`` turns it off.

Key: the SHA-256 of both pack files' bytes, the tool's version, the Python version, and a
fingerprint of the tool's own modules (name, size, modification time), so a changed pack
file, tool or Python always rebuilds the entry; an edited checkout does too.

Safety: the file is JSON (never pickle): the documents' plain data, as parsed from the YAML.
Loading it validates that data with the models again, so a tampered file cannot run code and
cannot hold what the schema refuses; what it could skip is the pack's cross-checks, so a file
not owned by this user, or writable by others, is never read. A SHA-256 of the payload in the
file catches truncation and corruption. Written atomically; any problem reading or writing
the cache is ignored and the pack is loaded the slow way (the cache can only save time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import display_path
from .loading import CATALOGUE_FILE, QUESTIONNAIRE_FILE, Pack
from .models import Catalogue, Questionnaire
from .yamldoc import YamlDoc

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_CODE: list[str] = []


def enabled() -> bool:
    return os.environ.get("SME_ASSESS_NO_CACHE", "").strip() not in ("1", "true", "yes")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sme-assess/packs`` (an absolute XDG_CACHE_HOME only, as the spec
    says), else ``~/.cache/sme-assess/packs``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "sme-assess" / "packs"


def _code_fingerprint() -> str:
    """The tool's own modules, by name, size and modification time (once per process)."""
    if not _CODE:
        digest = hashlib.sha256()
        for path in sorted(_PACKAGE.rglob("*.py")):
            with contextlib.suppress(OSError):
                st = path.stat()
                digest.update(
                    f"{path.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns};".encode()
                )
        _CODE.append(digest.hexdigest())
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
    return cache_dir() / f"{name}.json"


def _trusted(path: Path) -> bool:
    """Owned by this user and writable by nobody else (POSIX; elsewhere: the user's profile)."""
    if not hasattr(os, "getuid"):
        return True
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _read_files(root: Path) -> tuple[bytes, bytes] | None:
    try:
        return (root / QUESTIONNAIRE_FILE).read_bytes(), (root / CATALOGUE_FILE).read_bytes()
    except OSError:
        return None


_PAIRS = "\u0000pairs"  # a mapping whose keys are not all strings (levels: 1, 2, ...)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_PAIRS: [[k, _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode_object(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and _PAIRS in obj:
        return {k: v for k, v in obj[_PAIRS]}
    return obj


def _pack(root: Path, qdata: Any, cdata: Any) -> Pack:
    """The pack from the documents' data; raises (pydantic's ValidationError) if it does
    not fit the models."""
    q_path, c_path = root / QUESTIONNAIRE_FILE, root / CATALOGUE_FILE
    return Pack(
        root,
        Questionnaire.model_validate(qdata),
        Catalogue.model_validate(cdata),
        YamlDoc(display_path(q_path), "", qdata),
        YamlDoc(display_path(c_path), "", cdata),
    )


def load_cached(root: Path) -> tuple[Pack | None, tuple[bytes, bytes] | None]:
    """The pack as cached for exactly these files, tool and Python (None on any miss), and
    the files' bytes as read now (for ``store``)."""
    if not enabled():
        return None, None
    files = _read_files(root)
    if files is None:
        return None, None
    try:
        entry = _entry(root)
        if not _trusted(entry):
            return None, files
        envelope = json.loads(entry.read_bytes())
        payload = envelope["payload"]
        if envelope.get("key") != _key(*files):
            return None, files
        if hashlib.sha256(payload.encode()).hexdigest() != envelope.get("sha256"):
            return None, files
        data = json.loads(payload, object_hook=_decode_object)
        return _pack(root, data["questionnaire"], data["catalogue"]), files
    except Exception:  # a missing, stale, corrupt or tampered entry: load the slow way
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
    data = {"questionnaire": pack.qdoc.data, "catalogue": pack.cdoc.data}
    try:
        payload = json.dumps(_encode(data), ensure_ascii=False, allow_nan=False)
        if json.loads(payload, object_hook=_decode_object) != data:  # not plain data
            return
        envelope = {
            "key": _key(*files),
            "sha256": hashlib.sha256(payload.encode()).hexdigest(),
            "payload": payload,
        }
        from .atomic import write_bytes

        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes(_entry(root), json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
    except Exception:  # a read-only home, a full disk: the cache only saves time
        return
