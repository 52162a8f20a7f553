"""Pairing T0 and T1 in a batch: by date, by file order only when no date, never guessed."""

from __future__ import annotations

from sme_assess.batch.progress import Visit, firm_id, id_fields, match


def visit(
    order: int, firm: str, date: str | None, level: int = 1, miit: int | None = None
) -> Visit:
    return Visit(order, (f"f{order}.json", None), firm, "", date, 10.0 * level, level, {}, miit)


def test_ids_are_normalised_and_every_part_is_needed() -> None:
    assert id_fields("company + region") == ("company", "region")
    respondent = {"company": " Lin  Precision ", "region": "East"}
    assert firm_id(respondent, ("company", "region")) == "linprecision+east"
    assert firm_id({"company": "Lin"}, ("company", "region")) is None
    assert firm_id({"uscc": "91330000ma0000a01x"}, ("uscc",)) == "91330000ma0000a01x"


def test_pairs_follow_the_dates_not_the_file_order() -> None:
    [pair], ambiguous = match([visit(0, "a", "2026-12-01", 2), visit(1, "a", "2026-03-01", 1)])
    assert ambiguous == []
    assert (pair.t0.date, pair.t1.date, pair.by, pair.moved_up) == (
        "2026-03-01",
        "2026-12-01",
        "date",
        True,
    )


def test_the_miit_level_2_gate_needs_an_estimate_on_both_sides() -> None:
    pairs, _ = match(
        [
            visit(0, "a", "2026-01-01", miit=1),
            visit(1, "a", "2026-06-01", miit=2),
            visit(2, "b", "2026-01-01", miit=2),
            visit(3, "b", "2026-06-01", miit=3),
            visit(4, "c", "2026-01-01"),
            visit(5, "c", "2026-06-01", miit=2),
        ]
    )
    assert [p.passed_gate for p in pairs] == [True, False, False]


def test_what_cannot_be_paired_for_certain_is_listed_not_guessed() -> None:
    pairs, ambiguous = match(
        [
            visit(0, "three", "2026-01-01"),
            visit(1, "three", "2026-02-01"),
            visit(2, "three", "2026-03-01"),
            visit(3, "same", "2026-01-01"),
            visit(4, "same", "2026-01-01"),
            visit(5, "half", "2026-01-01"),
            visit(6, "half", None),
            visit(7, "undated", None),
            visit(8, "undated", None),
            visit(9, "single", "2026-01-01"),
        ]
    )
    assert {a.firm for a in ambiguous} == {"three", "same", "half"}
    [pair] = pairs
    assert (pair.firm, pair.by, pair.t0.order, pair.t1.order) == ("undated", "file order", 7, 8)
