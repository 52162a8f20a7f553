"""A KoboToolbox data export, made from answers and the XLSForm `sme-assess export` writes.

KoboToolbox's "XML values and headers" export with groups in the header (formpack's layout):
a column per field named ``group/field``, a select_multiple as the space-separated choice
names followed by one ``group/field/choice`` column per choice holding 1 or 0, then Kobo's
own metadata columns (``_id``, ``_uuid``, ``_submission_time``...), separated by ``;``.
Every cell is filled from the form's own names and choices, so a name the form gets wrong
shows up as a cell that does not read back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from sme_assess.models import NA, UNKNOWN
from sme_assess.publish.xlsform import XlsForm

KOBO_METADATA = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
)
SPECIAL = {NA: "na", UNKNOWN: "unknown", True: "yes", False: "no"}


def kobo_columns(form: XlsForm) -> list[tuple[str, dict[str, str], str | None]]:
    """(header, survey row, choice) for every export column, in form order."""
    groups: list[str] = []
    out: list[tuple[str, dict[str, str], str | None]] = []
    for row in form.survey:
        kind = row["type"]
        if kind == "begin_group":
            groups.append(row["name"])
            continue
        if kind == "end_group":
            groups.pop()
            continue
        if kind == "note":
            continue
        path = "/".join([*groups, row["name"]])
        out.append((path, row, None))
        if kind.startswith("select_multiple "):
            list_name = kind.split()[1]
            for choice in form.choices:
                if choice["list_name"] == list_name:
                    out.append((f"{path}/{choice['name']}", row, choice["name"]))
    return out


def choice_names(form: XlsForm, list_name: str) -> set[str]:
    return {c["name"] for c in form.choices if c["list_name"] == list_name}


def cell(form: XlsForm, row: Mapping[str, str], value: Any) -> str:
    """What Kobo shows for one field's value; asserts that a choice exists in the form."""
    kind = row["type"]
    if value is None:
        return ""
    if kind.startswith(("select_one ", "select_multiple ")):
        names = choice_names(form, kind.split()[1])
        values = value if isinstance(value, list) else [value]
        coded = [SPECIAL.get(v, v) if isinstance(v, bool) or v in SPECIAL else v for v in values]
        missing = [c for c in coded if c not in names]
        assert not missing, f"{row['name']}: {missing} are not choices of the form"
        return " ".join(str(c) for c in coded)
    return str(value)


def fields_of(
    form: XlsForm, answers: Mapping[str, Any], respondent: Mapping[str, str]
) -> dict[str, Any]:
    """The value of each form field for one firm (helpers of n/a-capable numbers included)."""
    values: dict[str, Any] = dict(respondent)
    names = {row["name"]: row for row in form.survey}
    for qid, answer in answers.items():
        if f"{qid}_answer" in names:  # a number or text that allows n/a / don't know
            if answer in (NA, UNKNOWN):
                values[f"{qid}_answer"] = answer
                values[qid] = answer
            else:
                values[f"{qid}_answer"] = "value"
                values[f"{qid}_value"] = answer
                values[qid] = answer
        else:
            values[qid] = answer
    return values


def kobo_csv(form: XlsForm, firms: Sequence[tuple[Mapping[str, Any], Mapping[str, str]]]) -> bytes:
    columns = kobo_columns(form)
    headers = [c[0] for c in columns] + list(KOBO_METADATA)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(headers)
    for index, (answers, respondent) in enumerate(firms, start=1):
        values = fields_of(form, answers, respondent)
        line: list[str] = []
        for _, row, choice in columns:
            value = values.get(row["name"])
            if choice is None:
                line.append(cell(form, row, value))
            elif value is None or value == "":
                line.append("")
            else:
                ticked = cell(form, row, value).split()
                line.append("1" if choice in ticked else "0")
        line += [
            str(1000 + index),
            f"uuid-{index}",
            "2026-05-01T10:00:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vabc123",
            "",
            str(index),
        ]
        writer.writerow(line)
    return buffer.getvalue().encode("utf-8")
