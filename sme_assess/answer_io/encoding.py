"""Which encoding a text file someone else wrote is in: UTF-8 (with or without a BOM), UTF-16
or UTF-32 with a BOM, else GB18030 (what Excel and Notepad on a Chinese Windows write); one
clear error when it is none of these. Shared by the table reader and the answers-file reader."""

from __future__ import annotations

import codecs

from ..errors import InputError, Where

CSV_HINT = "save it as CSV UTF-8"


def decode(raw: bytes, shown: str, hint: str = CSV_HINT) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (BOM or not), UTF-16/32 with BOM, GB18030.
    ``hint`` ends the error (what to do) when the bytes are none of these."""
    bom = raw.startswith(codecs.BOM_UTF8)
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        try:
            return raw.decode("utf-32"), "UTF-32"
        except UnicodeDecodeError:
            pass
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        return body.decode("utf-8"), "UTF-8 with BOM" if bom else "UTF-8"
    except UnicodeDecodeError as first:
        line = body[: first.start].count(b"\n") + 1
        problem = InputError(f"not text in UTF-8 or GB18030 ({hint})", Where(shown, line))
        if bom or looks_utf8(body):  # UTF-8 damaged here: as GB18030 it would be mojibake
            raise problem from None
        try:
            return body.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            raise problem from None


def looks_utf8(raw: bytes) -> bool:
    """Whether text that is not valid UTF-8 is UTF-8 with a few damaged bytes (a file cut or
    mended by hand) rather than another encoding: GB18030 text read as UTF-8 fails at almost
    every Chinese character, UTF-8 with a damaged byte at one or two."""
    sample = raw[: 1 << 20].decode("utf-8", errors="replace")
    wide = sum(1 for ch in sample if ord(ch) > 0x7F)
    bad = sample.count("\ufffd")
    return wide >= 20 and bad * 100 <= wide
