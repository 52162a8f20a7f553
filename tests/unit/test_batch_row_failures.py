"""A table row that cannot be scored says why in its own errors.csv line: the problem found
in the answers, and what the reader saw in the cell that gave it (a head count in a size
column is not "not answered" to the person who typed it)."""

from __future__ import annotations

from pathlib import Path

from sme_assess.answer_io.mapping import Matcher
from sme_assess.batch.failure import Failed
from sme_assess.batch.work import Item, Setup, process
from sme_assess.engine.evaluation import Options
from sme_assess.pack.loading import load_pack


def test_a_required_profile_question_its_cell_cannot_answer_names_the_cell(
    sample_pack: Path,
) -> None:
    path = sample_pack / "questionnaire.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "        profile: size\n"
    assert marker in text
    path.write_text(text.replace(marker, marker + "        required: true\n"), encoding="utf-8")
    pack = load_pack(sample_pack)
    matcher = Matcher(pack.questionnaire)
    headers = ["company", "员工人数", "machine_data", "networked_share", "has_erp"]
    plan = matcher.plan([*headers, "erp_age", "daily_entry"])
    cells = ("Firm", "150", "paper", "20", "yes", "3", "week")
    outcome = process(Setup(pack, matcher, Options()), plan, Item("t.csv", 2, cells=cells))
    assert isinstance(outcome, Failed)
    # the size column it was read from, as written
    assert "company_size: required question is not answered (column B, '员工人数')" in (
        outcome.problems
    )
    assert (
        "company_size: '150' matches no option: kept as the firm's size, the question is not "
        "answered" in outcome.problems
    )


def test_a_required_question_left_empty_in_a_row_names_its_column_and_header() -> None:
    """ "machine_data: required question is not answered" said nothing of where: the row has
    a column for it (else it is refused for having none), and that cell is empty."""
    from ..conftest import SAMPLE

    pack = load_pack(SAMPLE)
    matcher = Matcher(pack.questionnaire)
    headers = ["company", "networked_share", "How do machine counts and stops reach the office?"]
    plan = matcher.plan([*headers, "sensors", "has_erp", "erp_age", "daily_entry"])
    cells = ("Firm", "20", "", "counts", "yes", "3", "week")
    outcome = process(Setup(pack, matcher, Options()), plan, Item("t.csv", 2, cells=cells))
    assert isinstance(outcome, Failed)
    assert (
        "machine_data: required question is not answered (column C, "
        "'How do machi… stops reach the office?')"  # a long header cut in the middle
        in outcome.problems
    )


def test_a_required_question_read_one_column_per_option_names_its_columns() -> None:
    from ..conftest import SAMPLE

    pack = load_pack(SAMPLE)
    matcher = Matcher(pack.questionnaire)
    plan = matcher.plan(
        [
            "company",
            "machine_data/paper",
            "machine_data/spreadsheet",
            "machine_data/gateway",
            *("networked_share", "sensors", "has_erp", "erp_age", "daily_entry"),
        ]
    )
    assert [c.kind for c in plan.columns[1:4]] == ["option"] * 3
    cells = ("Firm", "", "", "", "20", "counts", "yes", "3", "week")
    outcome = process(Setup(pack, matcher, Options()), plan, Item("t.csv", 2, cells=cells))
    assert isinstance(outcome, Failed)
    assert (
        "machine_data: required question is not answered (columns B to D, one per option: "
        "none ticked)" in outcome.problems
    )
