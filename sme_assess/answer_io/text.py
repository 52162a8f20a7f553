"""Text rules shared by every survey reader: comparing headers and labels, numbers, dates.

Pure functions: ``normalise`` (what "the same text" means), ``strip_numbering`` ("Q12. ",
"3、"), ``parse_number`` ("15%", "1,200", "3 years"), ``parse_date`` (survey timestamps),
``column_letter`` (0 -> A), ``texts_of`` (a pack's text in each of its languages) and
``printable`` (a file name that is not UTF-8, as text that can be written).
``number_doubt`` and ``date_doubt`` say why a cell that looks like a number or a date cannot
be read for certain ("1,5": a decimal comma or a thousands typo; "1.500": 1.5 or 1500;
"03/05/2024": 3 May or 5 March), as ``i18n.Said`` messages (``words``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..i18n import Said
from . import words

_NUMBERING = re.compile(
    r"^\s*(?:(?:[Qq]|问题|题目|第)\s*)?\d+(?:\.\d+)*\s*(?:题)?\s*(?:[.．、:：)）\]-]\s*|\s+)"
    r"|^\s*[(（]\s*\d+\s*[)）]\s*"
)
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")  # "1,5", "12,50", "1,5000": not thousands
# one separator before exactly three digits: "1.500" is 1.5 with a decimal point, 1500 where
# the point groups thousands (German, Spanish, Indonesian...); "1,500" is 1500, or 1.5 where
# the comma is the decimal mark (a ;-separated file: Excel writes those where it is)
_POINT_GROUP = re.compile(r"^[-+]?[1-9]\d{0,2}\.\d{3}$")
_COMMA_GROUP = re.compile(r"^[-+]?[1-9]\d{0,2},\d{3}$")
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
_DATE_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")


@lru_cache(maxsize=1 << 13)  # bounded small: parts of multi-choice cells rarely repeat
def normalise(text: str) -> str:
    """Text for comparison: NFKC, case-folded, punctuation and symbols as spaces, one space.
    (Cached: the same labels come back in every row.)"""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = [" " if unicodedata.category(ch)[0] in "PSZC" and ch not in "%'/" else ch for ch in text]
    return " ".join("".join(out).replace("'", "").split())


def strip_numbering(header: str) -> str:
    """'Q12. Text', '12) Text', '第3题 Text', '(1) Text' -> 'Text'."""
    return _NUMBERING.sub("", header, count=1)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as a spreadsheet shows it)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def texts_of(text: Any, languages: Sequence[str]) -> list[tuple[str, str]]:
    """(language, text) for a pack text: one plain string, or one per language."""
    if isinstance(text, str):
        return [(lang, text) for lang in languages[:1]] or [("", text)]
    if isinstance(text, Mapping):
        return [(str(lang), str(value)) for lang, value in text.items()]
    return []


def parse_number(
    text: str, units: Sequence[str] = (), decimal_comma: bool = False
) -> int | float | None:
    """'15', '15%', '1,200', '1 200', '3 years' (the question's unit) -> a number. A number that
    reads two ways is not read (``number_doubt`` says why): a comma followed by other than
    three digits ("1,5": a decimal comma, or a typo for "1,500"?), one point before three
    digits ("1.500": 1.5, or 1500 with the point grouping thousands?) and, where the comma
    may be the decimal mark (``decimal_comma``: a ;-separated file), one comma before three
    digits ("1,500")."""
    t = _number_text(text, units)
    if _POINT_GROUP.match(t) or (decimal_comma and _COMMA_GROUP.match(t)):
        return None
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _NUMBER.match(t):
        return None
    value = float(t)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() and "e" not in t.lower() else value


def _number_text(text: str, units: Sequence[str]) -> str:
    """A number cell without its unit, percent sign and digit-group spaces."""
    t = unicodedata.normalize("NFKC", text).strip()
    for unit in units:
        unit_n = unicodedata.normalize("NFKC", unit).strip()
        if unit_n and t.casefold().endswith(unit_n.casefold()) and len(t) > len(unit_n):
            t = t[: -len(unit_n)].strip()
            break
    t = t.rstrip("%").strip()
    return re.sub(r"(?<=\d)[\s\u00a0\u202f'](?=\d{3}\b)", "", t)


def number_doubt(text: str, units: Sequence[str] = (), decimal_comma: bool = False) -> Said | None:
    """Why a cell that looks like a number is not read as one (None: it is not in doubt)."""
    t = _number_text(text, units)
    if _DECIMAL_COMMA.match(t) and not _THOUSANDS.match(t):
        whole, _, part = t.partition(",")
        return Said(words.DECIMAL_COMMA, number=f"{whole}.{part}")
    if _POINT_GROUP.match(t) or (decimal_comma and _COMMA_GROUP.match(t)):
        grouped = t.replace(".", "").replace(",", "")
        decimal = t.replace(",", ".").rstrip("0").rstrip(".")
        one, other = (decimal, grouped) if "." in t else (grouped, decimal)
        return Said(words.THOUSANDS_EITHER_WAY, one=one, other=other)
    return None


def parse_date(text: str) -> dt.date | None:
    """The date in a survey timestamp: ISO, '2024/05/01 10:11:12 GMT+8', '5/13/2024 10:11',
    '13/5/2024', '2024年5月1日'. A d/m/y or m/d/y date whose day and month are both 12 or
    less ('03/05/2024') is None (``date_doubt`` says why): no platform we read writes one in
    a fixed order (wjx, Tencent, Jinshuju, Qualtrics, KoboToolbox and ODK write the year
    first; Google and Microsoft Forms follow the account's or sheet's locale)."""
    try:
        found = _DATE_YMD.search(text)
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = _DATE_MDY.match(text.strip())
        if found:
            a, b, year = int(found[1]), int(found[2]), int(found[3])
            year += 2000 if year < 100 else 0
            if a > 12:
                return dt.date(year, b, a)
            if b > 12 or a == b:
                return dt.date(year, a, b)
            return None
    except ValueError:
        return None
    return None


def date_doubt(text: str) -> Said | None:
    """Why a date cell is not read (None: it is read, or holds no d/m/y date at all)."""
    if parse_date(text) is not None or _DATE_YMD.search(text):
        return None
    found = _DATE_MDY.match(text.strip())
    if found is None:
        return None
    return Said(words.DATE_EITHER_WAY, a=int(found[1]), b=int(found[2]))


# An XLSX formula cell saved without its value (a file written by a script): the reader
# gives this mark and the formula, never "" (an empty cell would be a question unanswered).
# XML cannot hold U+0000, so no cell of a workbook reads as the mark itself.
UNCALCULATED = "\x00formula:"


def uncalculated(cell: str) -> str | None:
    """The formula of a cell saved without its value (None: the cell is a value)."""
    return cell[len(UNCALCULATED) :] if cell.startswith(UNCALCULATED) else None


def uncalculated_why(formula: str) -> Said:
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    return Said(words.FORMULA, formula=shown)


def printable(shown: str) -> str:
    """A path as shown, its bytes that are not UTF-8 (a name from another system's encoding,
    kept by Python as surrogates) written as \\xff: results.jsonl, errors.csv and the summary
    cannot hold surrogates, and two such names stay two names."""
    try:
        shown.encode("utf-8")
    except UnicodeEncodeError:
        return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return shown
