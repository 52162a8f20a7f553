"""A workbook cell as the text a person sees (dates as ISO, percent cells as '15%', numbers
never in a form the number reader could take two ways). Pure."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A spreadsheet cell as the text a person sees (percent cells as '15%')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if number_format and "%" in number_format:
            return _exact(f"{value * 100:.10g}") + "%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return _exact(f"{value:.10g}") if isinstance(value, float) else str(value)
    return str(value).strip()


_THREE_DECIMALS = re.compile(r"-?[1-9]\d{0,2}\.\d{3}")


def _exact(number: str) -> str:
    """A number cell's value is a number, never in doubt: 1.125 is written "1.1250", which the
    number reader cannot take for 1125 with a point grouping thousands (text.parse_number
    refuses a typed "1.125", which may be either)."""
    return number + "0" if _THREE_DECIMALS.fullmatch(number) else number
