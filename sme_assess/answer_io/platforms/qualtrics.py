"""Qualtrics "CSV / Excel" export, three header rows.

Row 1: the column names (StartDate, EndDate, Status, IPAddress, Progress, Duration (in
seconds), Finished, RecordedDate, ResponseId, Recipient..., then Q1, Q2, Q3_1 ...); row 2:
the question texts ("Question - row" for a matrix row, "Question - Selected Choice" for a
choice; a Text iQ "Q2 - Topics" derived from a typed answer is no answer), in the survey's
language, its own columns too ("Anfangsdatum" over StartDate: known by the code above them);
row 3: {"ImportId":"QID1"}. Older exports have rows 1 and 2 only;
the legacy exporter's row 1 is V1, V2 ... for its own columns (ResponseID, ResponseSet,
StartDate ... in row 2). Ticked options in one cell are comma-separated; "_TEXT" columns hold
what was typed for "Other".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import OTHER_TYPED, HeaderSpec, Platform, generic_splits, has_headers

# {"ImportId":"QID2_TEXT_<id>Topics"} over "Q2 - Topics": what Text iQ made of a typed
# answer ({"ImportId":"QID2_TEXT"} is the answer itself, "QID3_4_TEXT" an "Other" text)
_DERIVED = re.compile(r'"ImportId"\s*:\s*"[^"]*_TEXT_[^"]+"', re.I)
DERIVED = "what Qualtrics Text iQ derived from a typed answer (topics), not an answer"


def _legacy(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bool:
    """The legacy exporter: V1, V2 ... over ResponseID, ResponseSet, StartDate ... ."""
    return (
        has_headers(headers, "V1", "V2", "V3", need=3)
        and bool(rows)
        and has_headers(rows[0], "ResponseID", "ResponseSet", "StartDate", "EndDate", need=3)
    )


def _import_row(row: Sequence[str]) -> bool:
    cells = [str(c or "").strip() for c in row if str(c or "").strip()]
    return bool(cells) and sum(1 for c in cells if c.startswith('{"ImportId"')) >= len(cells) / 2


@dataclass(frozen=True)
class Qualtrics(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        if has_headers(headers, "ResponseId", "ResponseID", "ResponseID", need=1) and has_headers(
            headers, "StartDate", "EndDate", "Finished", "RecordedDate", need=2
        ):
            return 95
        return 90 if (len(rows) > 1 and _import_row(rows[1])) or _legacy(headers, rows) else 0

    def header_count(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        return 3 if len(rows) > 1 and _import_row(rows[1]) else 2

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        codes = [str(c or "").strip() for c in rows[0]]
        texts = [str(c or "").strip() for c in rows[1]] if len(rows) > 1 else []
        ids = [str(c or "").strip() for c in rows[2]] if len(rows) > 2 else []
        specs: list[HeaderSpec] = []
        for i, code in enumerate(codes):
            text = texts[i] if i < len(texts) and texts[i] else code
            text = text.replace(" - Selected Choice", "").replace(" - 所选选项", "")
            if code.upper().endswith("_TEXT"):
                specs.append(HeaderSpec(text, ignore=OTHER_TYPED, names=(code,)))
                continue
            if i < len(ids) and _DERIVED.search(ids[i]):
                specs.append(HeaderSpec(text, ignore=DERIVED, names=(code,)))
                continue
            specs.append(HeaderSpec(text, generic_splits(text), names=(code,)))
        return specs


PLATFORM = Qualtrics(
    name="qualtrics",
    title="Qualtrics (three header rows)",
    header_rows=3,
    separators=",",
    metadata=frozenset(
        {
            "startdate",
            "enddate",
            "start date",
            "end date",
            "status",
            "response type",
            "ipaddress",
            "ip address",
            "progress",
            "duration in seconds",
            "finished",
            "recordeddate",
            "recorded date",
            "responseid",
            "response id",
            "recipientlastname",
            "recipientfirstname",
            "recipientemail",
            "recipient last name",
            "recipient first name",
            "recipient email",
            "externalreference",
            "external data reference",
            "locationlatitude",
            "locationlongitude",
            "location latitude",
            "location longitude",
            "distributionchannel",
            "distribution channel",
            "userlanguage",
            "user language",
            # the legacy exporter's
            "responseset",
            "externaldatareference",
            "emailaddress",
            "locationaccuracy",
        }
    ),
)
