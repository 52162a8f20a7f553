"""What a batch writes, as data: summary rows, error rows, results lines, report file names,
CSV cells made safe to open in a spreadsheet.

Pure helpers; the writing itself (atomic) is in ``journal`` and ``finish``.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..models import Questionnaire
from .failure import Failed

if TYPE_CHECKING:
    from .histogram import Histogram

SUMMARY_CSV = "summary.csv"
SUMMARY_XLSX = "summary.xlsx"
SUMMARY_PARQUET = "summary.parquet"
RESULTS = "results.jsonl"
ERRORS = "errors.csv"
COHORT_HTML = "cohort.html"
COHORT_PDF = "cohort.pdf"
REPORTS = "reports"
PROGRESS_FILES = ("progress.csv", "progress_ambiguous.csv")  # with --id-column
DUPLICATES = "duplicates.csv"  # a company name in more than one submission (batch.duplicates)
OUTPUT_FILES = (
    SUMMARY_CSV,
    SUMMARY_XLSX,
    SUMMARY_PARQUET,
    RESULTS,
    ERRORS,
    COHORT_HTML,
    COHORT_PDF,
    *PROGRESS_FILES,
    DUPLICATES,
)

ERROR_COLUMNS = ("source", "row", "company", "error", "problems")
BATCH_KEYS = ("source", "row", "profile", "report")  # added to each results.jsonl line

Key = tuple[str, int | None]


def summary_columns(q: Questionnaire) -> list[str]:
    head = [
        "source",
        "row",
        "company",
        "sector",
        "size",
        "region",
        "language",
        "score",
        "level",
        "level_name",
        "coverage",
        "confidence",
        "percentile",
    ]
    for cat in q.categories:
        head += [f"{cat.id}_score", f"{cat.id}_coverage"]
    for cw in q.crosswalks:
        head += [f"{cw.id}_points", f"{cw.id}_estimate", f"{cw.id}_held_back_by"]
    return [*head, "top_pain_points", "solution_1", "solution_2", "solution_3", "report", "notes"]


PERCENTILE = 12  # index of the percentile column (filled in when the cohort is complete)
COMPANY = 2
LANGUAGE = 6
REPORT = -2  # the report column
NOTES = -1


@dataclass(frozen=True)
class Facts:
    """What the cohort overview needs of one respondent (small, kept for every row)."""

    score: float | None
    level: int | None
    categories: dict[str, float | None]
    pains: tuple[str, ...]
    solutions: tuple[str, ...]  # the top three, by rank
    sector: str | None
    size: str | None


@dataclass
class Record:
    """A scored respondent's summary row and cohort facts (made from its results line)."""

    key: Key
    summary: list[Any]
    facts: Facts


def _top_pains(data: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    pains = sorted(data.get("pain_points", []), key=lambda p: (-p["severity"], p["id"]))
    return pains[:n]


def _top_solutions(data: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    return sorted(data.get("recommendations", []), key=lambda r: r["rank"])[:n]


def held_code(held: dict[str, Any] | None) -> str:
    """The gate that holds an estimate back, compact: "L3: points-6.2,scenarios-8@3"."""
    if not held:
        return ""
    parts = []
    if held.get("points_short", 0) > 0:
        parts.append(f"points-{held['points_short']:g}")
    if held.get("scenarios_short", 0) > 0:
        parts.append(f"scenarios-{held['scenarios_short']}@{held['at_rung']}")
    if held.get("mandatory_short", 0) > 0:
        parts.append(f"mandatory-{held['mandatory_short']}@{held['at_rung']}")
    return f"L{held['level']}: " + ",".join(parts)


def _profile_answer(q: Questionnaire, data: dict[str, Any], profile: str) -> str:
    """The answer to the pack's profile question ``profile`` (an option value), or ''."""
    answers = data.get("answers") or {}
    for question in q.questions():
        if question.profile == profile:
            value = answers.get(question.id)
            if isinstance(value, str) and value not in ("n/a", "unknown"):
                return value
    return ""


def record_of(
    q: Questionnaire,
    source: str,
    row: int | None,
    data: dict[str, Any],
    profile: dict[str, str | None],
    report: str,
) -> Record:
    """The summary row and cohort facts of one result (the Result model as JSON data)."""
    overall = data["overall"]
    respondent = data.get("respondent", {})
    by_cat = {c["id"]: c for c in data.get("categories", [])}
    cells: list[Any] = [
        source,
        "" if row is None else row,
        respondent.get("company", ""),
        profile.get("sector") or "",
        profile.get("size") or "",
        respondent.get("region") or _profile_answer(q, data, "region"),
        data.get("language", ""),
        overall.get("score"),
        overall.get("level"),
        overall.get("level_name"),
        overall.get("coverage"),
        overall.get("confidence"),
        None,
    ]
    for cat in q.categories:
        found = by_cat.get(cat.id, {})
        cells += [found.get("score"), found.get("coverage")]
    by_cw = {e["framework"]: e for e in data.get("estimates", [])}
    for cw in q.crosswalks:
        est = by_cw.get(cw.id)
        cells += (
            ["", "", ""]
            if est is None
            else [est["points"], est["level_label"], held_code(est.get("held_back_by"))]
        )
    solutions = _top_solutions(data)
    names = [s["name"] for s in solutions] + ["", "", ""]
    cells += ["; ".join(p["name"] for p in _top_pains(data)), *names[:3], report]
    notes = data.get("notes")  # the batch's notes, kept in the line since results_line has them
    cells.append(notes if isinstance(notes, str) else "; ".join(data.get("ignored", [])))
    facts = Facts(
        score=overall.get("score"),
        level=overall.get("level"),
        categories={c: by_cat.get(c, {}).get("score") for c in (x.id for x in q.categories)},
        pains=tuple(p["id"] for p in data.get("pain_points", [])),
        solutions=tuple(s["solution"] for s in solutions),
        sector=profile.get("sector"),
        size=profile.get("size"),
    )
    return Record((source, row), cells, facts)


def results_line(
    source: str,
    row: int | None,
    profile: dict[str, str | None],
    report: str,
    result_json: str,
    notes: str | None = None,
) -> str:
    """One results.jsonl line: the batch keys (and the summary's notes), then the Result's
    own keys (one JSON object)."""
    keys: dict[str, Any] = {"source": source, "row": row, "profile": profile}
    keys["report"] = report or None
    if notes is not None:
        keys["notes"] = notes
    head = json.dumps(keys, ensure_ascii=False)
    body = result_json.strip()
    if body == "{}" or not body.startswith("{"):
        return head + "\n"
    return head[:-1] + ", " + body[1:] + "\n"


def parse_results_line(line: str) -> tuple[Key, dict[str, Any], dict[str, Any], str] | None:
    """(key, result data, profile, report) from a results.jsonl line; None if it is broken."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or "source" not in data or "overall" not in data:
        return None
    source = data.pop("source")
    row = data.pop("row", None)
    profile = data.pop("profile", None) or {}
    report = data.pop("report", None) or ""
    if not isinstance(source, str) or not (row is None or isinstance(row, int)):
        return None
    return (source, row), data, profile, report


MIN_COHORT = 5  # fewer scored firms give no percentile: in the summary as in the reports


def fill_percentiles(records: Sequence[Record]) -> None:
    """Percentile rank of each overall score in the cohort: the share of scored respondents
    below it, counting ties as half (0-100, whole numbers); none in a cohort of fewer than
    MIN_COHORT scored firms (a rank among three firms says little)."""
    from .histogram import Histogram

    scores = Histogram(r.facts.score for r in records if r.facts.score is not None)
    for record in records:
        record.summary[PERCENTILE] = percentile(scores, record.facts.score)


def percentile(scores: Histogram, score: float | None) -> int | None:
    """The percentile rank of ``score`` among the cohort's ``scores`` (see fill_percentiles)."""
    n = len(scores)
    if score is None or n < MIN_COHORT:
        return None
    below, equal = scores.rank(score)
    return round(100 * (below + 0.5 * equal) / n)


def error_row(failed: Failed) -> list[Any]:
    problems = " | ".join(failed.problems)
    return [
        failed.source,
        "" if failed.row is None else failed.row,
        failed.company,
        failed.message,
        problems,
    ]


# --- CSV for spreadsheets ---------------------------------------------------------------------

# Excel, LibreOffice and Google Sheets run a cell that starts with one of these as a formula
# (=HYPERLINK(...), +1+1, -2+3, @SUM(...)), also after a tab or a carriage return (OWASP,
# "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: text starting like a formula gets a
    single quote in front (OWASP's advice); numbers (scores, rows) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_rows(rows: Sequence[Sequence[Any]], *, bom: bool = False) -> bytes:
    """Rows as CSV (UTF-8, comma, CRLF) with every text cell neutralised; ``bom`` for the
    start of a file (Excel then shows Chinese right)."""
    from ..answer_io.tabular import csv_bytes

    data = csv_bytes([[neutralise(v) for v in row] for row in rows])
    return data if bom else data.removeprefix(codecs.BOM_UTF8)


_NATURAL = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[Any, ...]:
    """'file2' before 'file10'."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in _NATURAL.split(text))


def order_key(key: Key) -> tuple[Any, ...]:
    return (natural_key(key[0]), -1 if key[1] is None else key[1])


def order_bytes(key: Key) -> bytes:
    """``order_key`` as bytes that sort the same way, a few dozen bytes per respondent
    instead of a tuple of objects (the end of a run sorts every respondent by it). Each
    part of the natural key is marked by 0x01 (text: its UTF-8 and a 0x00; number: its
    digit count and digits) and the key ends with 0x00, the row and the source as given
    (names the natural order ties, "F1.json" and "f01.json", stay apart)."""
    parts = [b""]
    for i, part in enumerate(_NATURAL.split(key[0])):
        if i % 2:  # a number
            digits = str(int(part)).encode()
            parts.append(b"\x01" + len(digits).to_bytes(2, "big") + digits)
        else:
            parts.append(b"\x01" + part.casefold().encode("utf-8", "surrogatepass") + b"\x00")
    row = 0 if key[1] is None else key[1] + 1
    exact = key[0].encode("utf-8", "surrogatepass")
    return b"".join(parts) + b"\x00" + row.to_bytes(8, "big") + exact


# --- report file names ------------------------------------------------------------------------

_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
    | {"com¹", "com²", "com³", "lpt¹", "lpt²", "lpt³"}
)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_NAME_BYTES = 120


def safe_stem(name: str, fallback: str = "respondent") -> str:
    """A file name stem from a company name: no folders, no reserved or hidden names, no
    control characters, at most MAX_NAME_BYTES of UTF-8; letters of any script are kept."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"_+", "_", text).strip(" ._-")
    while ".." in text:
        text = text.replace("..", ".")
    encoded = text.encode("utf-8")[:MAX_NAME_BYTES]
    text = encoded.decode("utf-8", errors="ignore").strip(" ._-")
    if not text:
        text = fallback
    if text.split(".")[0].strip().casefold() in _WINDOWS_RESERVED:
        text = "_" + text
    return text


def report_name(
    company: str, source: str, row: int | None, taken: set[str], suffix: str = ".pdf"
) -> str:
    """A unique file name for a respondent's report; on a collision the row (or the source
    file's name) is added, then a counter. ``taken`` holds case-folded names and is updated."""
    stem = safe_stem(company)
    if row is not None:
        where = f"row {row}"
    else:
        where = safe_stem(source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0], "file")
    candidates = [stem, f"{stem} ({where})"]
    candidates += [f"{stem} ({where}) {i}" for i in range(2, 10_000)]
    for candidate in candidates:
        name = candidate + suffix
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
    raise RuntimeError("no free report name")  # pragma: no cover
