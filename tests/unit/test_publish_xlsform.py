"""`sme-assess export --to xlsform`: the form compiles with pyxform (the reference XLSForm
compiler; with ODK Validate when Java is there) and says what the pack says."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sme_assess.errors import InputError
from sme_assess.pack.loading import load_pack
from sme_assess.publish.xlsform import build_xlsform, language_column, xlsform_bytes

from ..conftest import PACKS
from .packs_factory import questionnaire

BUILTIN_PACKS = [PACKS / "manufacturing-sme", PACKS / "sample"]


def convert(data: bytes, validate: bool = False) -> tuple[str, list[str]]:
    from pyxform.xls2xform import convert as pyxform_convert

    warnings: list[str] = []
    result = pyxform_convert(data, warnings=warnings, validate=validate, file_type=".xlsx")
    return result.xform, warnings


@pytest.mark.parametrize("pack", BUILTIN_PACKS, ids=lambda p: p.name)
def test_the_form_compiles_with_pyxform_without_warnings(pack: Path) -> None:
    q = load_pack(pack).questionnaire
    for lang in q.languages:
        xform, warnings = convert(xlsform_bytes(q, lang))
        assert warnings == []
        assert f'id="{q.id}"' in xform and f'version="{q.version}"' in xform
        for question in q.questions():
            assert f"/{question.id}" in xform


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@pytest.mark.parametrize("pack", BUILTIN_PACKS, ids=lambda p: p.name)
def test_odk_validate_accepts_the_form(pack: Path) -> None:
    """ODK Validate (JavaRosa, what ODK Collect runs) parses every relevant and constraint."""
    q = load_pack(pack).questionnaire
    _, warnings = convert(xlsform_bytes(q, q.default_language), validate=True)
    assert warnings == []


def sheet(data: bytes, name: str) -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_sections_are_groups_and_both_languages_are_labels() -> None:
    q = load_pack(PACKS / "manufacturing-sme").questionnaire
    data = xlsform_bytes(q, "en")
    survey = sheet(data, "survey")
    groups = [r["name"] for r in survey if r["type"] == "begin_group"]
    assert groups == [s.id for s in q.sections]
    first = next(r for r in survey if r["name"] == "company_sector")
    assert first["type"] == "select_one company_sector" and first["required"] == "yes"
    assert first["label::English (en)"] and first["label::Chinese (zh)"]
    assert first["label::English (en)"] != first["label::Chinese (zh)"]
    # respondent fields that no profile question covers come first, outside the groups
    assert [r["name"] for r in survey[:3]] == ["company", "contact", "date"]
    assert survey[2]["type"] == "today"
    settings = sheet(data, "settings")[0]
    assert settings["form_id"] == q.id and settings["default_language"] == "English (en)"
    choices = sheet(data, "choices")
    sector = [c["name"] for c in choices if c["list_name"] == "company_sector"]
    assert sector == [o.value for o in q.question("company_sector").options]  # type: ignore[union-attr]


def test_rules_become_relevant_and_constraints() -> None:
    q = load_pack(PACKS / "manufacturing-sme").questionnaire
    form = build_xlsform(q, "zh")
    rows = {r["name"]: r for r in form.survey}
    assert rows["erp_shopfloor_data"]["relevant"] == "selected(${systems_in_use}, 'erp')"
    assert rows["backup_restore_test"]["relevant"] == (
        "(${backup} = 'scheduled' or ${backup} = 'offsite')"
    )
    assert rows["priorities"]["constraint"] == "count-selected(.) <= 3"
    assert (
        "(not(selected(., 'none')) or count-selected(.) = 1)"
        in rows["systems_in_use"]["constraint"]
    )
    # a number that allows "don't know": chosen first, the number, then what is read back
    assert rows["equipment_networked_pct_answer"]["type"] == (
        "select_one equipment_networked_pct_answer"
    )
    value = rows["equipment_networked_pct_value"]
    assert value["constraint"] == ". >= 0 and . <= 100"
    assert value["relevant"] == "${equipment_networked_pct_answer} = 'value'"
    assert rows["equipment_networked_pct"]["type"] == "calculate"
    names = {c["name"] for c in form.choices if c["list_name"] == "equipment_networked_pct_answer"}
    assert names == {"value", "unknown"}


def small(question: dict[str, Any], *others: dict[str, Any]) -> Any:
    return questionnaire([*others, question])


def test_a_show_if_xpath_cannot_say_exactly_is_refused_naming_the_question() -> None:
    a = {"id": "a", "type": "number", "text": "a"}
    b = {"id": "b", "type": "number", "text": "b", "show_if": "a > c"}
    c = {"id": "c", "type": "number", "text": "c"}
    with pytest.raises(InputError, match=r"question 'b'.*'a > c'.*two answers"):
        build_xlsform(questionnaire([a, c, b]), "en")


def test_an_option_named_like_the_na_choice_is_refused() -> None:
    q = small(
        {
            "id": "q",
            "type": "single_choice",
            "text": "q",
            "allow_na": True,
            "options": [{"value": "na", "label": "N/A"}, {"value": "b", "label": "B"}],
        }
    )
    with pytest.raises(InputError, match=r"question 'q'.*option 'na'"):
        build_xlsform(q, "en")


def test_a_generated_name_that_clashes_with_a_question_is_refused() -> None:
    q = small(
        {"id": "n", "type": "number", "text": "n", "allow_unknown": True},
        {"id": "n_value", "type": "text", "text": "x"},
    )
    with pytest.raises(InputError, match=r"'n_value'.*rename"):
        build_xlsform(q, "en")


def test_a_language_without_a_known_name_keeps_its_tag() -> None:
    assert language_column("zh-Hant") == "Chinese (zh-Hant)"
    assert language_column("xx") == "xx (xx)"


def test_a_kobo_option_column_named_like_a_question_is_read_as_the_option() -> None:
    """Kobo's `section/digital_rules/master_data` is option 'master_data' of digital_rules,
    not the question master_data (reader fix in answer_io/mapping.py)."""
    from sme_assess.answer_io.mapping import Matcher

    q = load_pack(PACKS / "manufacturing-sme").questionnaire
    plan = Matcher(q).plan(
        ["data_systems/master_data", "strategy_people/digital_rules/master_data"]
    )
    first, second = plan.columns
    assert (first.kind, first.target) == ("question", "master_data")
    assert (second.kind, second.target, second.option) == ("option", "digital_rules", "master_data")


def test_a_choice_that_would_read_back_as_another_answer_is_refused() -> None:
    """An option labelled "NA" would take the `na` choice's cells: n/a would score as it."""
    q = small(
        {
            "id": "q",
            "type": "single_choice",
            "text": "q",
            "allow_na": True,
            "options": [{"value": "x", "label": "NA"}, {"value": "b", "label": "B"}],
        }
    )
    with pytest.raises(InputError, match=r"question 'q'.*“na” would read back as 'x'"):
        build_xlsform(q, "en")
