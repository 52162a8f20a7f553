"""`batch --lang zh`: summary.xlsx in Chinese for people, summary.csv in ids for machines."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl

from ..conftest import FIXTURES

PERSONAS = FIXTURES / "personas"
PROGRESS = FIXTURES / "progress"


def test_a_chinese_batch_gives_a_chinese_sheet_and_an_id_csv(cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(PERSONAS, folder)
    shutil.copy(PROGRESS / "auto_parts_after.yaml", folder / "zz_auto_parts_after.yaml")
    out = tmp_path / "out"
    result = cli(
        "batch", str(folder), "-o", str(out), "--lang", "zh", "--id-column", "company", "-j", "1"
    )
    assert result.exit_code == 0, result.output

    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"sector", "size", "region", "coverage", "percentile"} <= set(rows[0])
    assert "auto_parts" in {r["sector"] for r in rows}  # ids, unchanged
    assert sorted(r["progress"][:3] for r in rows if r["progress"]) == ["T0 ", "T1:"]

    sheet = openpyxl.load_workbook(out / "summary.xlsx").active
    assert sheet.title == "汇总" and sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}7"
    headers = [c.value for c in sheet[1]]
    assert not [h for h in headers if "_" in str(h)], headers
    col = {h: i for i, h in enumerate(headers)}
    body = [[c for c in r] for r in sheet.iter_rows(min_row=2)]
    firms = {r[col["企业名称"]].value: r for r in body}
    auto = firms["Changzhou Jinlun Auto Parts Co., Ltd."]
    assert auto[col["行业"]].value == "汽车零部件"
    assert str(auto[col["地区"]].value).startswith("华东")
    assert auto[col["覆盖率"]].number_format == "0%"
    # whole, as the reports show it (summary.csv keeps it exact)
    assert auto[col["总分"]].number_format == "0"
    assert isinstance(auto[col["总分"]].value, int)
    progress = [r[col["进展"]].value for r in body if r[col["进展"]].value]
    assert len(progress) == 2 and all(p.startswith(("T0，", "T1：")) for p in progress)
    # the change is the difference of the whole scores the sheet shows (62 -> 64: +2), not
    # a one-decimal figure beside them
    twice = [r for r in body if r[col["进展"]].value]
    t0, t1 = sorted(twice, key=lambda r: str(r[col["进展"]].value))
    change = t1[col["总分"]].value - t0[col["总分"]].value
    assert (t0[col["总分"]].value, change) == (62, 2)
    assert f"以来 {change:+d}；" in str(t1[col["进展"]].value) or str(
        t1[col["进展"]].value
    ).endswith(f"以来 {change:+d}")
    assert all(r[col["报告"]].hyperlink is None for r in body)  # no --pdf, no links
    scales = [str(cf.sqref) for cf in sheet.conditional_formatting]
    assert len(scales) == 1 + len([h for h in headers if str(h).endswith(" 得分")])


def test_a_cell_longer_than_a_spreadsheet_holds_is_cut_and_says_so(cli, tmp_path: Path) -> None:
    """A firm with 3,000 answers set aside (--lenient): its notes run to 100,000 characters.
    Excel holds 32,767 in a cell and "repairs" a longer one away; the sheet's cell keeps the
    start and says how much is left out; summary.csv keeps it whole."""
    import yaml

    data = yaml.safe_load((PERSONAS / "job_shop.yaml").read_text(encoding="utf-8"))
    data["answers"].update({f"zz_unknown_{i}": 1 for i in range(3_000)})
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "many.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    result = cli("batch", str(folder), "-o", str(out), "--lenient", "-j", "1")
    assert result.exit_code == 0, result.output
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        csv.field_size_limit(1 << 24)
        (row,) = list(csv.DictReader(handle))
    whole = max(row.values(), key=len)
    assert whole.count("zz_unknown_") == 3_000
    sheet = openpyxl.load_workbook(out / "summary.xlsx").active
    longest = max((str(c.value) for r in sheet.iter_rows() for c in r if c.value), key=len)
    assert len(longest) <= 32_767
    assert "zz_unknown_0 " in longest[:100] and "zz_unknown_2999 " not in longest
    assert longest.endswith("more characters: a cell holds 32,767]")
