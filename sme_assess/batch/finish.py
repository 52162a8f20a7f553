"""The end of a batch run: the summary (CSV, XLSX, Parquet), errors.csv, the cohort page
and PDF and (``--pdf``) the firms' reports with their peers, derived from results.jsonl on
disk and written atomically.

Memory does not grow with the number of firms: a first pass over the journal tallies the
cohort (each score counted by value, ``histogram``: exact quartiles, medians and percentile
ranks) and sorts where each firm's line is into input order, spilling sorted runs to
temporary files in the output folder (``order``); with ``--pdf`` a pass over the lines in
that order makes the reports (``reports``); a last pass streams the summary rows into the
three files. WeasyPrint is imported in a thread
while the workers score (``warm_up``), so that the cohort PDF is quick at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_bytes
from ..errors import InputError, Where, display_path
from ..terminal_text import visible
from . import outputs as out
from .duplicates import SameCompany, say_duplicates
from .lean import is_lean, names
from .summary_files import SummaryFiles
from .words import operator_words

if TYPE_CHECKING:
    from .cohort import Tally
    from .order import Offsets
    from .reports import ReportPass
    from .state import _Run


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


def _record(run: _Run, raw: bytes) -> out.Record | None:
    found = _record_and_data(run, raw)
    return None if found is None else found[0]


def _record_and_data(run: _Run, raw: bytes) -> tuple[out.Record, dict[str, Any]] | None:
    parsed = out.parse_results_line(raw.decode("utf-8", errors="replace"))
    if parsed is None:
        return None
    key, data, profile, report = parsed
    if is_lean(data):  # names are left out of lean lines: from the pack
        names(data, run.namer(str(data.get("language") or "")))
    return out.record_of(run.q, key[0], key[1], data, profile, report), data


def _read_error(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot read: {exc.strerror or exc}", Where(display_path(path)))


def _first_pass(
    run: _Run, path: Path, by_group: bool = False, same: SameCompany | None = None
) -> tuple[Tally, Offsets]:
    """The cohort tally and the offsets of the lines to write, in input order (the first
    line of a respondent scored twice; the tally counts only that one). ``by_group``:
    category scores by sector and size too (the peers of the reports). ``same``: the company
    names given more than once are found too."""
    from .cohort import Tally
    from .journal import lines_of
    from .order import Order

    tally = Tally([c.id for c in run.q.categories], by_group)
    order = Order(run.outdir)
    try:
        try:
            for offset, raw in lines_of(path) if path.is_file() else ():
                record = _record(run, raw)
                if record is None:
                    continue
                order.add(out.order_bytes(record.key), offset)
                tally.add(record.facts)
                if same is not None:
                    same.add(_company(record), offset)
        except OSError as exc:
            raise _read_error(path, exc) from None
        offsets = order.finish()
    finally:
        order.close()
    for raw in _lines(path, order.twice):  # rare: lines of a key seen before
        record = _record(run, raw)
        if record is not None:
            tally.remove(record.facts)
    if same is not None:
        same.finish(order.twice, lambda at: [_company(r) for r in _in_order(run, path, at)])
    return tally, offsets


def _lines(path: Path, offsets: Iterable[int]) -> Iterator[bytes]:
    """The lines at ``offsets``, in that order."""
    try:
        with path.open("rb") as handle:
            for offset in offsets:
                handle.seek(offset)
                yield handle.readline()
    except OSError as exc:
        raise _read_error(path, exc) from None


def _in_order(run: _Run, path: Path, offsets: Iterable[int]) -> Iterator[out.Record]:
    """The records at ``offsets``, in that order."""
    for raw in _lines(path, offsets):
        record = _record(run, raw)
        if record is not None:
            yield record


def _company(record: out.Record) -> str:
    return str(record.summary[out.COMPANY] or "")


def _report_pass(run: _Run, path: Path, offsets: Offsets, tally: Tally) -> ReportPass:
    """Each firm's PDF, with its peers in the cohort (see ``reports``)."""
    from ..report.cohort import today
    from ..wording.messages import pick_language
    from .lean import answers_of
    from .peers_of import CohortPeers
    from .reports import Firm, render_reports

    cohort = CohortPeers(run.pack, tally, today())

    def firms() -> Iterator[Firm]:
        for raw in _lines(path, offsets):
            found = _record_and_data(run, raw)
            if found is None:  # pragma: no cover - the first pass kept only lines that parse
                continue
            record, data = found
            lang = pick_language(run.q, run.options.lang, str(data.get("language") or ""))
            f = record.facts
            peers = cohort.for_firm(f.score, f.sector, f.size, lang)
            answers = answers_of(data) if "answers" in data else None
            yield _company(record), record.key, answers, peers

    return render_reports(run, firms(), len(offsets))


def _note_old_reports(run: _Run, made: ReportPass) -> None:
    """Say which PDFs in reports/ this run did not write (kept: they may be the user's)."""
    from .reports import not_written

    count, first = not_written(made, run.outdir / out.REPORTS)
    if count:
        listed = ", ".join(visible(n, newlines=False) for n in first)
        _ = operator_words()
        run.result.notes.append(
            _.ngettext(
                "{folder}/ keeps {n} PDF file this run did not write (from an earlier run, "
                "under a name no firm has now, or put there by hand; left as it is): {files}",
                "{folder}/ keeps {n} PDF files this run did not write (from an earlier run, "
                "under a name no firm has now, or put there by hand; left as they are): "
                "{files}",
                count,
                folder=out.REPORTS,
                files=listed + (", …" if count > len(first) else ""),
            )
        )


def _with_report(record: out.Record, index: int, name: str, made: ReportPass) -> None:
    """The summary row's report (or why there is none)."""
    if made.written[index]:
        record.summary[out.REPORT] = name
        return
    note = f"report not written: {made.errors.get(index, 'unknown reason')}"
    notes = record.summary[out.NOTES]
    record.summary[out.NOTES] = "; ".join(x for x in (notes, note) if x)


def finish(run: _Run) -> None:
    """Commit results.jsonl, then write summary.csv/.xlsx/.parquet, errors.csv,
    cohort.html/.pdf. On an interrupt the cohort PDF is left out (remade on --resume)."""
    run.close_journals()  # results.jsonl on disk first: it is what --resume goes by
    path = run.outdir / out.RESULTS
    peers = run.options.pdf and not run.options.full_results  # else made while scoring
    same = None if run.options.id_column else SameCompany(run.outdir)
    try:
        tally, offsets = _first_pass(run, path, by_group=peers, same=same)
    finally:
        if same is not None:
            same.order.close()
    try:
        _write_outputs(run, tally, offsets, peers, same)
    finally:
        offsets.close()


def _write_outputs(
    run: _Run, tally: Tally, offsets: Offsets, peers: bool, same: SameCompany | None = None
) -> None:
    from ..report.cohort import CohortPage, cohort_string, render_cohort_html, today
    from ..wording.messages import pick_language
    from .cohort import stats_of
    from .progress import Cell
    from .progress_files import apply as apply_progress
    from .summary_sheet import SummarySheet

    result, q, outdir = run.result, run.q, run.outdir
    path = outdir / out.RESULTS
    scores = tally.overall
    made = None
    if peers and not result.interrupted:
        made = _report_pass(run, path, offsets, tally)
        result.interrupted = made.interrupted
        if not made.interrupted:
            _note_old_reports(run, made)
    if 0 < len(scores) < out.MIN_COHORT:
        _ = operator_words()
        result.notes.append(
            _.ngettext(
                "{n} scored firm is too few to rank ({least} at least): the percentile "
                "column is left empty",
                "{n} scored firms are too few to rank ({least} at least): the percentile "
                "column is left empty",
                len(scores),
                least=out.MIN_COHORT,
            )
            + (_(", and the reports say so") if peers else "")
        )

    columns = out.summary_columns(q)
    langs = [lang for lang, _ in run.languages.most_common() if lang]
    lang = pick_language(q, run.options.lang, *(langs[:1]))
    cells, progress = apply_progress(run, lang)
    if cells is not None:
        columns = [*columns, "progress"]
    summary = SummaryFiles(outdir, columns, SummarySheet(run.pack, lang, columns))
    records = _in_order(run, path, offsets)
    names: Iterator[str] = iter(())
    if made is not None:
        from .reports import report_names

        records, both = itertools.tee(records)
        names = report_names((_company(r), r.key) for r in both)
    try:
        for index, record in enumerate(records):
            if made is not None:
                _with_report(record, index, next(names), made)
            record.summary[out.PERCENTILE] = out.percentile(scores, record.facts.score)
            twice = same.note(record.summary) if same is not None else None
            if twice is not None:
                notes = record.summary[out.NOTES]
                record.summary[out.NOTES] = "; ".join(x for x in (notes, twice) if x)
            if cells is None:
                summary.add(record.summary)
            else:
                summary.add(record.summary, cells.get(record.key, Cell("", "")))
        summary.commit()
    except BaseException:
        summary.discard()
        raise

    stats = stats_of(run.pack, tally, len(run.failures), lang, cohort_string("not_given", lang))
    page = CohortPage(
        stats,
        pack_title=_text(q.title, lang, q.default_language),
        pack_id=q.id,
        pack_version=q.version,
        date=today(),
        progress=progress,
    )
    html = render_cohort_html(page)

    failures = sorted(run.failures, key=lambda f: out.order_key(f.key))
    error_rows = [list(out.ERROR_COLUMNS), *map(out.error_row, failures)]
    write_bytes(outdir / out.ERRORS, out.csv_rows(error_rows, bom=True))
    write_bytes(outdir / out.COHORT_HTML, html.encode("utf-8"))
    say_duplicates(run.outdir, run.result.notes, same)
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
    else:
        if run.warm is not None:
            run.warm.join()
        try:
            write_bytes(outdir / out.COHORT_PDF, make_cohort_pdf(html, lang))
            written.append(out.COHORT_PDF)
        except InputError as exc:
            (outdir / out.COHORT_PDF).unlink(missing_ok=True)
            _ = operator_words()
            result.notes.append(_("{file} not written: {why}", file=out.COHORT_PDF, why=exc))
    if summary.reports:
        written.append(out.REPORTS + "/")
    if progress is not None:
        written += list(out.PROGRESS_FILES)
    if same is not None and same.groups:
        written.append(out.DUPLICATES)
    result.written = written
    result.failures = failures
    result.scored = len(offsets)
    result.new = run.scored
    result.readable = (
        run.readable or result.skipped > 0 or any(f.row is not None or f.problems for f in failures)
    )


def _text(text: Any, lang: str, default: str) -> str:
    from ..models import text_for

    return text_for(text, lang, default)
