"""The end of a batch run: the summary (CSV, XLSX, Parquet), errors.csv and the cohort page and PDF,
derived from the results kept in memory (the same as results.jsonl) and written atomically.

The XLSX is made in a worker process while the main process writes the rest and renders the
cohort PDF; WeasyPrint is imported in a thread while the workers score (``warm_up``).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from ..atomic import write_bytes
from ..errors import InputError
from . import outputs as out
from .parquet import summary_parquet

if TYPE_CHECKING:
    from .run import _Run


def make_xlsx(columns: list[str], rows: list[list[Any]]) -> bytes:
    """summary.xlsx (run in a worker while the main process writes the rest)."""
    from ..answer_io.tabular import table_xlsx

    return table_xlsx([columns, *rows], "summary", freeze="D2")


def warm_up(languages: Sequence[str]) -> None:
    """Import WeasyPrint and ask fontconfig about fonts while the workers score (the main
    process is mostly waiting then), so that the cohort PDF is quick at the end."""
    try:
        import weasyprint  # noqa: F401

        from ..report.fonts import fonts_for

        for lang in languages:
            fonts_for(lang)
    except Exception:  # pragma: no cover - only a head start; rendering reports problems
        pass


def make_cohort_pdf(html: str, lang: str) -> bytes:
    from ..report.cohort import render_cohort_pdf

    return render_cohort_pdf(html, lang)


def finish(run: _Run, pool: Executor | None) -> None:
    """Commit results.jsonl, then write summary.csv/.xlsx, errors.csv, cohort.html/.pdf.
    On an interrupt the cohort PDF is left out (it is remade on --resume)."""
    from ..messages import pick_language
    from ..report.cohort import CohortPage, cohort_string, render_cohort_html, today
    from .cohort import cohort_stats

    result, q, outdir = run.result, run.q, run.outdir
    run.close_journals()  # results.jsonl on disk first: it is what --resume goes by
    records = sorted(run.records.values(), key=lambda r: out.order_key(r.key))
    out.fill_percentiles(records)
    columns = out.summary_columns(q)
    rows = [r.summary for r in records]
    xlsx_job = pool.submit(make_xlsx, columns, rows) if pool is not None else None

    langs = [lang for lang, _ in run.languages.most_common() if lang]
    lang = pick_language(q, run.options.lang, *(langs[:1]))
    stats = cohort_stats(
        run.pack,
        [r.facts for r in records],
        len(run.failures),
        lang,
        cohort_string("not_given", lang),
    )
    page = CohortPage(
        stats,
        pack_title=_text(q.title, lang, q.default_language),
        pack_id=q.id,
        pack_version=q.version,
        date=today(),
    )
    html = render_cohort_html(page)

    write_bytes(outdir / out.SUMMARY_CSV, out.csv_rows([columns, *rows], bom=True))
    write_bytes(outdir / out.SUMMARY_PARQUET, summary_parquet(columns, rows))
    failures = sorted(run.failures, key=lambda f: out.order_key(f.key))
    error_rows = [list(out.ERROR_COLUMNS), *map(out.error_row, failures)]
    write_bytes(outdir / out.ERRORS, out.csv_rows(error_rows, bom=True))
    write_bytes(outdir / out.COHORT_HTML, html.encode("utf-8"))
    written = [
        out.SUMMARY_CSV,
        out.SUMMARY_XLSX,
        out.SUMMARY_PARQUET,
        out.RESULTS,
        out.ERRORS,
        out.COHORT_HTML,
    ]

    if result.interrupted:
        (outdir / out.COHORT_PDF).unlink(missing_ok=True)
    else:  # here, while a worker writes the XLSX
        if run.warm is not None:
            run.warm.join()
        try:
            write_bytes(outdir / out.COHORT_PDF, make_cohort_pdf(html, lang))
            written.append(out.COHORT_PDF)
        except InputError as exc:
            (outdir / out.COHORT_PDF).unlink(missing_ok=True)
            result.notes.append(f"{out.COHORT_PDF} not written: {exc}")
    xlsx = xlsx_job.result() if xlsx_job is not None else make_xlsx(columns, rows)
    write_bytes(outdir / out.SUMMARY_XLSX, xlsx)
    if any(r.summary[out.REPORT] for r in records):
        written.append(out.REPORTS + "/")
    result.written = written
    result.failures = failures
    result.scored = len(records)
    result.new = run.scored
    result.readable = (
        run.readable or result.skipped > 0 or any(f.row is not None or f.problems for f in failures)
    )


def _text(text: Any, lang: str, default: str) -> str:
    from ..models import text_for

    return text_for(text, lang, default)
