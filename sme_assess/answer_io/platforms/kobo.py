"""KoboToolbox export (xlsx or csv, ";"-separated by default).

Headers are the question names ("XML values and headers": ``group/question``, option codes,
ticked codes space-separated) or labels ("Labels"); a select_multiple also gets one column
per option, ``question/option`` holding 1 or 0, which is what is read when present.
Columns starting with "_" (``_id``, ``_uuid``, ``_submission_time`` ...), start, end,
today, deviceid and meta/ are not answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .base import Platform, has_headers


@dataclass(frozen=True)
class Kobo(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        marks = ("_uuid", "_submission_time", "_index", "_id", "_validation_status", "__version__")
        return (
            85
            if has_headers(headers, *marks, need=2)
            or any(str(h).startswith(("_uuid", "_submission_time")) for h in headers)
            else 0
        )


PLATFORM = Kobo(
    name="kobo",
    title="KoboToolbox",
    metadata=frozenset(
        {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid"}
        | {"phonenumber", "formhub/uuid"}
    ),
    labels_split_on_space=True,
)
