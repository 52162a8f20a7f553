"""ODK Central's CSV download of the form `export --to xlsform` writes scores every firm as
its answers file does, with no mapping: groups joined by "-" (``profile-company_sector``),
"split select multiples" columns ``group-question/choice``, Central's own columns around
them. (Made here from the committed KoboToolbox XML-values export of the same firms: the
same names and values, laid out as Central lays them out.)"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from sme_assess.answer_io.intake import open_export
from sme_assess.answer_io.mapping import Matcher
from sme_assess.batch.work import answers_from
from sme_assess.engine.evaluation import evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.locate import pack_for

from .test_platform_exports import COMMITTED, PLATFORMS, scores

TAIL = [
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def central_header(kobo: str) -> str:
    """``group/question/choice`` as Central writes it: ``group-question/choice``."""
    parts = kobo.split("/")
    if len(parts) == 1:
        return kobo
    return "-".join(parts[:2]) + "".join("/" + p for p in parts[2:])


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(pack_for(None, None))


def test_every_firm_of_an_odk_central_download_scores_as_its_answers_file(
    pack: Pack, tmp_path: Path
) -> None:
    sheet = openpyxl.load_workbook(PLATFORMS / "kobo_xml_values.xlsx").active
    assert sheet is not None
    rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    keep = [i for i, h in enumerate(rows[0]) if not h.startswith("_")]
    table = [["SubmissionDate", *(central_header(rows[0][i]) for i in keep), *TAIL]]
    assert "profile-regulated_by/gmp" in table[0]
    for n, row in enumerate(rows[1:]):
        meta = [f"uuid:{n}", f"uuid:{n}", "5", "Alice", "0", "0", "", "", "", "0", "1"]
        table.append([f"2024-05-0{1 + n % 9}T10:00:00.000Z", *(row[i] for i in keep), *meta])
    path = tmp_path / "central.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    matcher = Matcher(pack.questionnaire)
    export = open_export(path, matcher)
    assert export.platform.name == "odk"
    expected = COMMITTED["kobo_xml_values.xlsx"]
    seen = 0
    for number, cells in export.rows():
        read = matcher.row(export.plan, cells)
        assert read.header_like is None and read.missing == [], number
        firm = expected[number]
        assert read.doc["respondent"]["company"] == firm["company"]
        assert read.doc["respondent"]["date"].startswith("2024-05-0")
        want = Answers.model_validate(
            {"questionnaire": pack.questionnaire.id, "answers": firm["answers"]}
        )
        assert scores(evaluate(pack, answers_from(read.doc))) == scores(evaluate(pack, want))
        seen += 1
    assert seen == len(expected) == 20
