"""Fuzzing the CSV and XLSX readers: whatever the bytes, reading gives rows or one InputError
(never another exception), in bounded time; and the CLI on such files exits 0, 1 or 2 without
a traceback."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sme_assess.answer_io.tabular import read_table
from sme_assess.errors import InputError

from . import hostile_xlsx as H

FUZZ = settings(
    max_examples=60,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# CSV-ish text: delimiters, quotes, line ends, spaces, letters, Chinese, a NUL.
CSV_TEXT = st.text(alphabet=st.sampled_from(list(',;\t|"\r\n x1%企\x00')), max_size=400)


def _read(name: str, data: bytes) -> None:
    """Read every row; only InputError may come out, quickly."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.monotonic()
        try:
            table = read_table(path)
            for _, cells in table.rows():
                assert all(isinstance(c, str) for c in cells)
        except InputError as exc:
            assert "\n" not in exc.message
            assert name in str(exc)
        assert time.monotonic() - started < 5


@FUZZ
@given(st.binary(max_size=600))
def test_csv_bytes_read_or_fail_cleanly(data: bytes) -> None:
    _read("fuzz.csv", data)


@FUZZ
@given(CSV_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_csv_text_read_or_fail_cleanly(text: str, encoding: str) -> None:
    _read("fuzz.csv", ("company,q1\r\n" + text).encode(encoding, errors="replace"))


def _mutate(data: bytes, rng: random.Random, flips: int) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


@FUZZ
@given(st.integers(0, 2**32), st.integers(1, 8))
def test_xlsx_with_flipped_bytes_reads_or_fails_cleanly(seed: int, flips: int) -> None:
    _read("fuzz.xlsx", _mutate(H.base(), random.Random(seed), flips))


XML_BITS = st.sampled_from(
    [
        "<row>",
        "</row>",
        '<row r="0">',
        '<row r="99999999999">',
        '<c r="XFD1">',
        '<c r="A1" t="s">',
        '<c r="B2" t="b">',
        '<c t="d">',
        '<c s="99">',
        '<c r="1A">',
        "</c>",
        "<v>",
        "</v>",
        "<is><t>",
        "</t></is>",
        "<rPh>",
        "</rPh>",
        "&amp;",
        "&bogus;",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "1e999",
        "-7",
        "text 企业",
        " ",
    ]
)


@FUZZ
@given(st.lists(XML_BITS, max_size=40))
def test_xlsx_with_odd_sheet_xml_reads_or_fails_cleanly(bits: list[str]) -> None:
    body = H.header_row() + "".join(bits)
    _read("fuzz.xlsx", H.rewrite(H.base(), {H.SHEET: H.sheet_xml(body)}))


def test_cli_on_a_folder_of_fuzzed_files_exits_cleanly(tmp_path: Path) -> None:
    """`batch --check-mapping` and `batch` over damaged files beside good ones: exit 0, 1 or 2,
    no traceback, in bounded time."""
    rng = random.Random(20240501)
    folder = tmp_path / "in"
    folder.mkdir()
    base = H.base()
    for i in range(4):
        (folder / f"flipped{i}.xlsx").write_bytes(_mutate(base, rng, rng.randint(1, 6)))
    csv_text = (H.ROWS[0], H.ROWS[1])
    good = "\r\n".join(",".join(f'"{c}"' for c in row) for row in csv_text) + "\r\n"
    for i in range(3):
        raw = good.encode()
        (folder / f"fuzzed{i}.csv").write_bytes(_mutate(raw, rng, rng.randint(1, 10)))
    (folder / "good.csv").write_text(good, encoding="utf-8")
    with zipfile.ZipFile(folder / "empty.xlsx", "w"):
        pass
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    for args in (
        ["batch", "--check-mapping", str(folder), "-p", "sample"],
        ["batch", str(folder), "-p", "sample", "-o", str(tmp_path / "out"), "-j", "1"],
    ):
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "sme_assess", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
            env=env,
        )
        shown = proc.stdout + proc.stderr
        assert "Traceback" not in shown, shown[-3000:]
        assert proc.returncode in (0, 1, 2), shown[-3000:]
        assert time.monotonic() - started < 90
    errors = (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig")
    assert "empty.xlsx" in errors
