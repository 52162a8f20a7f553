"""ODK Central "CSV" download (the form from ``sme-assess export --to xlsform``).

Headers are the field names with their groups joined by "-" (``group-question``,
``meta-instanceID``); cells are XML values, ticked choices space-separated; with "split
select multiples" each choice also gets a column ``group-question/choice`` holding 1 or 0.
Central adds SubmissionDate first and KEY, SubmitterID, SubmitterName, AttachmentsPresent,
AttachmentsExpected, Status, ReviewState, DeviceID, Edits, FormVersion last; none is an
answer. Group names are read as KoboToolbox's ``group/question`` paths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import HeaderSpec, Platform, has_headers, spec_of

# "group-subgroup-question" or "group-question/choice": XML names joined by "-"
_PATH = re.compile(r"^[A-Za-z_][\w.]*(?:-[A-Za-z_][\w.]*)+(?:/[\w.-]+)?$")
CENTRAL = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "ReviewState",
    "FormVersion",
)


def kobo_path(header: str) -> str:
    """``g1-g2-q/choice`` as KoboToolbox writes it: ``g1/g2/q/choice``."""
    if not _PATH.match(header):
        return header
    path, slash, choice = header.partition("/")
    return path.replace("-", "/") + slash + choice


@dataclass(frozen=True)
class OdkCentral(Platform):
    def detect(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
        return 85 if has_headers(headers, "SubmissionDate", *CENTRAL, need=4) else 0

    def headers(self, rows: Sequence[Sequence[str]]) -> list[HeaderSpec]:
        specs: list[HeaderSpec] = []
        for cell in rows[0]:
            header = str(cell or "").strip()
            path = kobo_path(header)
            spec = spec_of(path)
            names = (header,) if path != header else ()  # a mapping file may use either
            specs.append(HeaderSpec(path, spec.splits, spec.number, names=names))
        return specs


PLATFORM = OdkCentral(
    name="odk",
    title="ODK Central",
    metadata=frozenset(
        {
            "start",
            "end",
            "today",
            "deviceid",
            # XLSForm's other metadata questions, as a form may add them
            "username",
            "subscriberid",
            "simserial",
            "phonenumber",
            "meta/instanceid",
            "meta/instancename",
            "meta/audit",
            "key",
            "submitterid",
            "submittername",
            "attachmentspresent",
            "attachmentsexpected",
            "status",
            "reviewstate",
            "edits",
            "formversion",
        }
    ),
    labels_split_on_space=True,
)
