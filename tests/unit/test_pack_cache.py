"""The pack cache: a checked pack is taken from the cache while its files stay the same, a
changed file rebuilds it, a broken or foreign entry is ignored, and it can be turned off."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sme_assess.errors import PackError
from sme_assess.pack import cache as pack_cache
from sme_assess.pack.loading import load_pack


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SME_ASSESS_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "sme-assess" / "packs"


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pickle")) if cache.is_dir() else []


def test_a_checked_pack_is_cached_and_loads_the_same(sample_pack: Path, cache: Path) -> None:
    first = load_pack(sample_pack)
    assert len(_entries(cache)) == 1
    hit, _ = pack_cache.load_cached(sample_pack)
    assert hit is not None
    assert hit.questionnaire == first.questionnaire
    assert hit.catalogue == first.catalogue
    assert load_pack(sample_pack).questionnaire == first.questionnaire


def test_a_changed_pack_file_is_loaded_and_checked_again(sample_pack: Path, cache: Path) -> None:
    load_pack(sample_pack)
    qfile = sample_pack / "questionnaire.yaml"
    text = qfile.read_text(encoding="utf-8")
    qfile.write_text(text + "\n# edited\n", encoding="utf-8")
    hit, _ = pack_cache.load_cached(sample_pack)
    assert hit is None  # the key names the bytes: any edit misses
    # an edit that breaks the pack is found, not served from the cache
    qfile.write_text(text + "\nunknown_top_level_key: 1\n", encoding="utf-8")
    with pytest.raises(PackError):
        load_pack(sample_pack)


def test_a_corrupt_or_tampered_entry_is_ignored(sample_pack: Path, cache: Path) -> None:
    first = load_pack(sample_pack)
    (entry,) = _entries(cache)
    raw = entry.read_bytes()
    entry.write_bytes(raw.replace(b"weight", b"wieght", 1))
    assert pack_cache.load_cached(sample_pack)[0] is None  # checksum no longer matches
    entry.write_bytes(raw[: len(raw) // 2])  # truncated
    assert pack_cache.load_cached(sample_pack)[0] is None
    entry.write_bytes(b"not a cache entry")
    assert load_pack(sample_pack).questionnaire == first.questionnaire  # rebuilt
    assert pack_cache.load_cached(sample_pack)[0] is not None


class _Boom:
    """Unpickling this makes a folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_an_entry_holding_anything_but_models_is_refused(
    sample_pack: Path, cache: Path, tmp_path: Path
) -> None:
    """A pickle may run code: only the tool's models and plain data are unpickled, even from
    a well-formed entry whose key and checksum match."""
    import hashlib
    import pickle

    load_pack(sample_pack)
    (entry,) = _entries(cache)
    magic = pack_cache._MAGIC
    key, _, _ = entry.read_bytes()[len(magic) :].split(b"\n", 2)
    marker = tmp_path / "code-ran"
    payload = pickle.dumps((_Boom(marker), None, None))
    digest = hashlib.sha256(payload).hexdigest().encode()
    entry.write_bytes(magic + key + b"\n" + digest + b"\n" + payload)
    with pytest.raises(pickle.UnpicklingError, match=r"(posix|os)\.mkdir is not allowed"):
        pack_cache._ModelsOnly(io.BytesIO(payload)).load()
    assert pack_cache.load_cached(sample_pack)[0] is None
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_folder_others_may_write_or_a_link_is_not_trusted(
    sample_pack: Path, cache: Path, tmp_path: Path
) -> None:
    load_pack(sample_pack)
    (entry,) = _entries(cache)
    cache.chmod(0o777)  # another user could swap the entry
    assert pack_cache.load_cached(sample_pack)[0] is None
    cache.chmod(0o700)
    assert pack_cache.load_cached(sample_pack)[0] is not None
    moved = tmp_path / "elsewhere.pickle"
    entry.rename(moved)
    entry.symlink_to(moved)  # a link is never followed
    assert pack_cache.load_cached(sample_pack)[0] is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_may_write_is_not_trusted(sample_pack: Path, cache: Path) -> None:
    load_pack(sample_pack)
    (entry,) = _entries(cache)
    entry.chmod(0o666)
    assert pack_cache.load_cached(sample_pack)[0] is None


def test_no_cache_turns_it_off(
    sample_pack: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SME_ASSESS_NO_CACHE", "1")
    load_pack(sample_pack)
    assert _entries(cache) == []


def test_the_cache_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert pack_cache.cache_dir() == tmp_path / "elsewhere" / "sme-assess" / "packs"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored (XDG spec)
    assert pack_cache.cache_dir() == Path.home() / ".cache" / "sme-assess" / "packs"


def test_score_from_the_cache_prints_what_the_pack_read_from_its_files_gives(
    cache: Path, cli: Callable[..., Any]
) -> None:
    """A cached pack keeps the checked models and parsed conditions, not the files' parsed
    YAML: what `score` prints (the table in both languages, and the JSON result) is the same
    with the pack read from its files, taken from the cache, and with the cache off."""
    persona = Path(__file__).parents[1] / "fixtures" / "personas" / "textile_dyeing.yaml"
    for args in (["--lang", "en"], ["--lang", "zh"], ["--format", "json"]):
        outputs = []
        for env in ({}, {}, {"SME_ASSESS_NO_CACHE": "1"}):  # fills, hits, off
            result = cli("score", str(persona), *args, env=env)
            assert result.exit_code == 0, result.output
            outputs.append(result.stdout)
        assert len(_entries(cache)) == 1
        assert outputs[0] == outputs[1] == outputs[2]
        assert "绍兴柯桥锦泰印染有限公司" in outputs[0]


def test_a_hit_gives_each_model_back_as_checked_in_a_cheaper_form(
    sample_pack: Path, cache: Path
) -> None:
    """Each model comes back with the same values and the same fields the file set (what
    ``exclude_unset`` reads), stored as its class, values and set fields rather than as
    pydantic's state of four entries, whose unpickling took ~25 % more instructions (issue 15)."""
    first = load_pack(sample_pack)
    (entry,) = _entries(cache)
    assert b"__pydantic_fields_set__" not in entry.read_bytes()
    hit, _ = pack_cache.load_cached(sample_pack)
    assert hit is not None
    for cached, checked in (
        (hit.questionnaire, first.questionnaire),
        (hit.catalogue, first.catalogue),
    ):
        assert cached == checked
        assert cached.model_dump(exclude_unset=True) == checked.model_dump(exclude_unset=True)
        assert cached.model_dump_json() == checked.model_dump_json()


def test_an_entry_restoring_anything_but_a_model_is_refused(sample_pack: Path, cache: Path) -> None:
    """The one function an entry may call builds models only: given another class (even one
    the loader allows, such as set) the entry is refused and the pack loaded the slow way."""
    import hashlib
    import pickle

    load_pack(sample_pack)
    (entry,) = _entries(cache)
    magic = pack_cache._MAGIC
    key, _, _ = entry.read_bytes()[len(magic) :].split(b"\n", 2)

    class _Odd:
        def __reduce__(self) -> tuple[object, tuple[object, ...]]:
            return (pack_cache._model, (set, {}, set()))

    payload = pickle.dumps((_Odd(), None, None))
    digest = hashlib.sha256(payload).hexdigest().encode()
    entry.write_bytes(magic + key + b"\n" + digest + b"\n" + payload)
    with pytest.raises(pickle.UnpicklingError, match="is not a model"):
        pack_cache._ModelsOnly(io.BytesIO(payload)).load()
    assert pack_cache.load_cached(sample_pack)[0] is None
    assert load_pack(sample_pack).questionnaire is not None
