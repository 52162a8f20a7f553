"""Which encoding a text file someone else wrote is in: UTF-8 (with or without a BOM), UTF-16
or UTF-32 with a BOM or without one (told by its NUL bytes), else GB18030 (what Excel and
Notepad on a Chinese Windows write); one clear error when it is none of these. Shared by the
table reader, the answers-file reader and the pack reader."""

from __future__ import annotations

import codecs

from ..errors import InputError, Where

CSV_HINT = "save it as CSV UTF-8"


def decode(raw: bytes, shown: str, hint: str = CSV_HINT) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (BOM or not), UTF-16/32 with BOM or with
    the NUL bytes of mostly-ASCII text in them, GB18030. ``hint`` ends the error (what to do)
    when the bytes are none of these."""
    wide = _wide_without_bom(raw)
    if wide:
        try:
            return raw.decode(wide), f"{wide.upper()} without a byte order mark"
        except UnicodeDecodeError:
            family = "UTF-32" if "32" in wide else "UTF-16"
            why = f"{family} without a byte order mark, and damaged: save it as UTF-8"
            raise InputError(why, Where(shown)) from None
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
            text = body.decode("gb18030")
        except UnicodeDecodeError:
            raise problem from None
        if not plausible_gb18030(body):
            why = (
                "not UTF-8, and as GB18030 it reads as rare characters: probably Latin-1 or "
                f"Windows-1252, not guessed ({hint})"
            )
            raise InputError(why, Where(shown, line)) from None
        return text, "GB18030"


def _wide_without_bom(raw: bytes) -> str:
    """The codec of UTF-16/UTF-32 text saved without a BOM, "" for other bytes: JSON, YAML
    and CSV are mostly ASCII, which UTF-16 writes as one NUL byte in every two (before the
    character in big-endian, after it in little-endian), UTF-32 as three in every four. A
    UTF-8 file never holds so many NULs in a row of places (a stray NUL is damage)."""
    if raw.startswith(_BOMS):
        return ""
    sample = raw[:4096]
    if len(sample) < 4 or sample.count(0) * 3 < len(sample):
        return ""
    for name, size, spots in _WIDE:
        cut = sample[: len(sample) - len(sample) % size]
        units = len(cut) // size
        if units and all(
            sum(1 for i in range(spot, len(cut), size) if cut[i] == 0) * 10 >= units * 9
            for spot in spots
        ):
            return name
    return ""


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
# codec, bytes per unit, which bytes of a unit are NUL for ASCII text
_WIDE = (
    ("utf-32-le", 4, (1, 2, 3)),
    ("utf-32-be", 4, (0, 1, 2)),
    ("utf-16-le", 2, (1,)),
    ("utf-16-be", 2, (0,)),
)


def looks_utf8(raw: bytes) -> bool:
    """Whether text that is not valid UTF-8 is UTF-8 with a few damaged bytes (a file cut or
    mended by hand) rather than another encoding: GB18030 text read as UTF-8 fails at almost
    every Chinese character, UTF-8 with a damaged byte at one or two."""
    sample = raw[: 1 << 20].decode("utf-8", errors="replace")
    wide = sum(1 for ch in sample if ord(ch) > 0x7F)
    bad = sample.count("\ufffd")
    return wide >= 20 and bad * 100 <= wide


def plausible_gb18030(raw: bytes) -> bool:
    """Whether bytes that decode as GB18030 are Chinese text rather than Latin-1 or
    Windows-1252 that happens to decode: Chinese text is mostly characters of GB2312 (both
    bytes 0xA1 or above), while a Western accented letter followed by a plain letter (é then
    t) pairs a high byte with an ASCII one, which GB18030 reads as a rare character. At least
    as many common characters as rare ones (a name such as 王镕 has both) is taken as Chinese;
    bytes without any (the first block of a file, all ASCII) have nothing to misread."""
    common = rare = 0
    i, end = 0, min(len(raw), 1 << 20)
    while i < end:
        lead = raw[i]
        if lead < 0x80:
            i += 1
            continue
        trail = raw[i + 1] if i + 1 < len(raw) else 0
        if 0x30 <= trail <= 0x39:  # a four-byte sequence: outside GBK, rare in Chinese text
            rare += 1
            i += 4
            continue
        if 0xA1 <= lead <= 0xF7 and trail >= 0xA1:
            common += 1
        else:
            rare += 1
        i += 2
    return common >= rare
