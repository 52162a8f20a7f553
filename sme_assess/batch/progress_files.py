"""Where a batch's progress (``--id-column``) leaves the process: progress.csv (each firm's
T0 and T1 side by side, the exact changes), progress_ambiguous.csv (each visit of an id that
could not be matched with certainty) and the terminal's note, from what ``batch.progress``
works out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..atomic import write_bytes
from . import outputs as out
from .progress import (
    AMBIGUOUS_CSV,
    PROGRESS_CSV,
    Cell,
    CohortProgress,
    Visit,
    cohort_progress,
)
from .words import operator_words

if TYPE_CHECKING:
    from .state import _Run


def apply(run: _Run, lang: str) -> tuple[dict[out.Key, Cell] | None, CohortProgress | None]:
    """With ``--id-column``: progress.csv and progress_ambiguous.csv written, the progress
    cell of each summary row, a note for the terminal. Without: (None, None). Reads
    results.jsonl, so the summary rows can be streamed after it."""
    spec = run.options.id_column
    if not spec:
        return None, None
    from ..wording.messages import Namer

    namer = Namer.shared(run.q, run.pack.catalogue, lang)
    names = {c.id: namer.area(c.id) for c in run.q.categories}
    path = run.outdir / out.RESULTS
    with path.open(encoding="utf-8", errors="replace") as handle:
        cp, cells = cohort_progress(handle, run.done, spec, lang, names)
    write_bytes(run.outdir / PROGRESS_CSV, out.csv_rows(pair_rows(cp, list(names)), bom=True))
    write_bytes(run.outdir / AMBIGUOUS_CSV, out.csv_rows(ambiguous_rows(cp), bom=True))
    run.result.notes.append(_progress_note(cp, spec, len(run.done)))
    return cells, cp


def _progress_note(cp: CohortProgress, spec: str, done: int) -> str:
    """The terminal's note on the pairs found, in the operator's language."""
    _ = operator_words()
    said = [
        _.ngettext(
            "progress ({spec}): {n} firm assessed twice, {up} moved up a stage; {csv}",
            "progress ({spec}): {n} firms assessed twice, {up} moved up a stage; {csv}",
            len(cp.pairs),
            spec=spec,
            up=cp.moved_up,
            csv=PROGRESS_CSV,
        )
    ]
    if cp.ambiguous:
        said.append(
            _.ngettext(
                "{n} id ambiguous, not counted: {csv}",
                "{n} ids ambiguous, not counted: {csv}",
                len(cp.ambiguous),
                csv=AMBIGUOUS_CSV,
            )
        )
    if cp.no_id and cp.no_id == done:
        said.append(_("no respondent has {spec}: check the column or field name", spec=spec))
    elif cp.no_id:
        said.append(
            _.ngettext("{n} respondent without an id", "{n} respondents without an id", cp.no_id)
        )
    if any(p.by == "file order" for p in cp.pairs):
        said.append(_("pairs without dates are ordered by file order"))
    return _("; ").join(said)


def pair_rows(cp: CohortProgress, category_ids: Sequence[str]) -> list[list[Any]]:
    head = [
        "id",
        "company",
        "t0_source",
        "t0_row",
        "t0_date",
        "t1_source",
        "t1_row",
        "t1_date",
        "matched_by",
        "score_t0",
        "score_t1",
        "change",
        "stage_t0",
        "stage_t1",
        "moved_up",
        "miit_t0",
        "miit_t1",
        "passed_level_2_gate",
    ]
    head += [f"{cid}_change" for cid in category_ids]
    rows: list[list[Any]] = [head]
    for p in cp.pairs:
        row: list[Any] = [
            p.firm,
            p.t1.company or p.t0.company,
            p.t0.key[0],
            _row(p.t0),
            p.t0.date or "",
            p.t1.key[0],
            _row(p.t1),
            p.t1.date or "",
            p.by,
            p.t0.score,
            p.t1.score,
            p.change,
            p.t0.level,
            p.t1.level,
            p.moved_up,
            p.t0.miit,
            p.t1.miit,
            p.passed_gate,
        ]
        for cid in category_ids:
            a, b = p.t0.categories.get(cid), p.t1.categories.get(cid)
            row.append(None if a is None or b is None else round(b - a, 1))
        rows.append(row)
    return rows


def ambiguous_rows(cp: CohortProgress) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "reason", "source", "row", "company", "date"]]
    for amb in cp.ambiguous:
        for v in amb.visits:
            date = v.date or v.date_text or ""
            rows.append([amb.firm, amb.reason, v.key[0], _row(v), v.company, date])
    return rows


def _row(v: Visit) -> Any:
    return "" if v.key[1] is None else v.key[1]
