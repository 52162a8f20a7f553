"""`batch` on tables whose quiet reading would be wrong, found at the last review: a workbook
fraction (0.3) under a question answered in % (30 %, or 0.3 %?), Kobo's one column for the
n/a choice of a multiple choice without its combined column, and `--check-mapping` on
filled columns that match no question."""

from __future__ import annotations

import io
from pathlib import Path

from ..conftest import SAMPLE
from .test_batch_tables_for_certain import HEAD, here, read_csv, write

__all__ = ["here"]  # the fixture, shared with the other tables tests
EN = {"SME_ASSESS_LANG": "en", "GITHUB_ACTIONS": "false"}
ZH = {"SME_ASSESS_LANG": "zh", "GITHUB_ACTIONS": "false"}


def batch(cli, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return cli("batch", *args, "--pack", str(SAMPLE), "--jobs", "1", env=env or EN)


def one_line(text: str) -> str:
    return " ".join(text.split())


# -- --check-mapping: filled cells under a column that matches no question --


def test_check_mapping_finds_filled_cells_under_a_column_of_no_question(cli, here: Path) -> None:
    write(
        here / "firms.csv",
        [
            ",".join([*HEAD, "Favourite colour", "Empty note"]),
            "Acme,paper,20,counts,yes,3,week,blue,",
            "Beta,paper,40,counts,no,,week,,",
        ],
    )
    check = batch(cli, "--check-mapping", "firms.csv")
    assert check.exit_code == 1, check.stdout
    shown = one_line(check.stdout)
    assert (
        "H 'Favourite colour': ✗ 'blue' ×1 → not read: it matches no question → map the "
        "column to a question in --mapping columns, or to ignore" in shown
    )
    assert "1 filled cell under a column that matches no question (not read)" in shown
    assert "'Empty note':" not in shown  # a column of no question left empty costs nothing
    zh = batch(cli, "--check-mapping", "firms.csv", env=ZH)
    assert zh.exit_code == 1
    assert "1 个已填单元格所在的列对应不上任何问题（不读取）" in one_line(zh.stdout)
    # mapped to ignore: you know, and nothing more is said
    (here / "map.yaml").write_text("columns:\n  Favourite colour: ignore\n", encoding="utf-8")
    mapped = batch(cli, "--check-mapping", "firms.csv", "--mapping", "map.yaml")
    assert mapped.exit_code == 0, mapped.stdout
    assert "blue" not in mapped.stdout


# -- Kobo: the n/a choice's own column, the combined column left out of the download --


def _kobo_export(here: Path, drop_combined: bool) -> Path:
    from sme_assess.pack.loading import load_pack
    from sme_assess.publish.xlsform import build_xlsform

    from ..kobo_sim import kobo_csv

    q = load_pack(SAMPLE).questionnaire
    form = build_xlsform(q, q.default_language)
    base = {"company_sector": "machinery", "company_size": "small", "machine_data": "gateway"}
    firms = [
        ({**base, "sensors": "n/a", "has_erp": False}, {"company": "Not applicable"}),
        ({**base, "sensors": ["counts", "stops"], "has_erp": False}, {"company": "Ticks"}),
        ({**base, "has_erp": False}, {"company": "Unanswered"}),
    ]
    lines = kobo_csv(form, firms).decode("utf-8").splitlines()
    rows = [line.split(";") for line in lines]
    if drop_combined:  # "include all versions / split select_multiple only": no combined column
        at = rows[0].index("shop_floor/sensors")
        rows = [row[:at] + row[at + 1 :] for row in rows]
    name = here / ("split_only.csv" if drop_combined else "both.csv")
    name.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return name


def _scored(folder: Path) -> dict[str, dict[str, str]]:
    keep = ("score", "level", "coverage", "confidence", "equipment_score", "equipment_coverage")
    rows = read_csv(folder / "summary.csv")
    return {r["company"]: {k: r[k] for k in keep if k in r} for r in rows}


def test_kobo_na_column_without_the_combined_column_reads_not_applicable(
    cli, here: Path
) -> None:
    both = _kobo_export(here, drop_combined=False)
    split = _kobo_export(here, drop_combined=True)
    assert batch(cli, both.name, "-o", "both").exit_code == 0
    alone = batch(cli, split.name, "-o", "split")
    assert alone.exit_code == 0, alone.output
    with_combined, split_only = _scored(here / "both"), _scored(here / "split")
    assert split_only == with_combined
    # n/a is not "unanswered": the firm that said it is not scored as one that said nothing
    assert with_combined["Not applicable"] != with_combined["Unanswered"]
    check = batch(cli, "--check-mapping", split.name)
    assert check.exit_code == 0, check.stdout
    assert "shop_floor/sensors/na" in check.stdout
    assert "'n/a' of sensors" in one_line(check.stdout)
