"""summary.xlsx as a consultant reads it: the summary rows with headers, profile values and
notes in the batch's language, the firm's name first, formats per column.

summary.csv and summary.parquet keep the column ids and raw values (stable, for machines);
summary.xlsx shows the same rows for people: ``SummarySheet.columns`` and ``row``. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..answer_io.xlsx_write import Column
from ..i18n import N_, NN_, NP_, Message, is_source_language, translator
from ..models import text_for
from ..pack.loading import Pack
from ..report.peer_view import score_text
from ..wording.estimate_text import is_no_estimate, is_range_label, points_shown, short_shown
from ..wording.note_shapes import NOTES

FREEZE = "B2"  # the header row and the firm's name (first column) stay in view
TITLE = N_("summary")

_HEADERS: dict[str, Message] = {
    "source": N_("Source file"),
    "row": N_("Row"),
    "company": N_("Company"),
    "sector": N_("Sector"),
    "size": N_("Size"),
    "region": N_("Region"),
    "language": N_("Language"),
    "score": N_("Overall score"),
    "level": NP_("summary sheet column", "Stage"),
    "level_name": N_("Stage name"),
    "coverage": N_("Coverage"),
    "confidence": NP_("summary sheet column", "Confidence"),
    "percentile": N_("Percentile in this batch"),
    "top_pain_points": N_("Top pain points"),
    "solution_1": N_("Solution 1"),
    "solution_2": N_("Solution 2"),
    "solution_3": N_("Solution 3"),
    "report": N_("Report"),
    "notes": NP_("summary sheet column", "Notes"),
    "progress": N_("Progress"),
    "_score": N_("{name} score"),
    "_coverage": N_("{name} coverage"),
    "_points": N_("{name} points (estimate)"),
    "_estimate": N_("{name} level (estimate)"),
    "_held_back_by": N_("{name} held back by"),
}
# a language column's values: each language by its own name
_LANGUAGES = {"en": "English", "zh": "中文"}
# scores whole, as the reports, the cohort page and ``compare`` show them (summary.csv and
# .parquet keep them exact)
_FORMATS = {"score": "0", "coverage": "0%", "confidence": "0%", "percentile": "0", "level": "0"}
_WIDTHS = {"source": 30, "company": 40, "report": 40, "region": 30}


class SummarySheet:
    """The XLSX view of the summary rows (``ids``: the CSV's columns, in its order)."""

    def __init__(self, pack: Pack, lang: str, ids: Sequence[str]) -> None:
        q = pack.questionnaire
        self.lang = lang
        self.ids = list(ids)
        first = self.ids.index("company")
        self.order = [first, *(i for i in range(len(self.ids)) if i != first)]
        self._ = translator(lang)
        self.title = self._(TITLE)

        def t(text: Any) -> str:
            return text_for(text, lang, q.default_language)

        names = {c.id: t(c.short_name or c.name) for c in q.categories}
        names |= {cw.id: t(cw.name) for cw in q.crosswalks}
        self.values: dict[int, dict[str, str]] = {}
        for profile in ("sector", "size", "region"):
            if profile in self.ids:
                self.values[self.ids.index(profile)] = _profile_labels(pack, profile, lang)
        if "language" in self.ids:
            self.values[self.ids.index("language")] = _LANGUAGES
        self.questions = {question.id: t(question.text) for question in q.questions()}
        # each gate's column, with its estimate's (whose label says whether there is one)
        scores = [i for i in self.ids if i == "score" or i.endswith("_score")]
        self.scores = [self.ids.index(i) for i in scores]
        self.points = [self.ids.index(i) for i in self.ids if i.endswith("_points")]
        self.held = {
            self.ids.index(i): self.ids.index(i[: -len("_held_back_by")] + "_estimate")
            for i in self.ids
            if i.endswith("_held_back_by") and i[: -len("_held_back_by")] + "_estimate" in self.ids
        }
        self.notes = self.ids.index("notes") if "notes" in self.ids else None
        self.progress = self.ids.index("progress") if "progress" in self.ids else None
        self.columns = [self._column(self.ids[i], names) for i in self.order]

    def _column(self, cid: str, names: dict[str, str]) -> Column:
        if cid in _HEADERS:
            header = self._.text(_HEADERS[cid])
            return Column(
                header,
                fmt=_FORMATS.get(cid, ""),
                scale=cid == "score",
                link=cid == "report",
                max_width=_WIDTHS.get(cid, 50),
            )
        for suffix in ("_score", "_coverage", "_points", "_estimate", "_held_back_by"):
            if cid.endswith(suffix):
                base = cid[: -len(suffix)]
                header = self._.text(_HEADERS[suffix], name=names.get(base, base))
                fmt = {"_score": "0", "_coverage": "0%", "_points": "0.0"}.get(suffix, "")
                return Column(header, fmt=fmt, scale=suffix == "_score")
        return Column(cid)

    def row(self, summary: Sequence[Any]) -> list[Any]:
        """A summary row (CSV order, ids) as the sheet shows it."""
        cells = list(summary)
        for i, labels in self.values.items():
            value = cells[i]
            if isinstance(value, str) and value:
                cells[i] = labels.get(value, value)
        for i in self.scores:  # the whole number the reports show, not Excel's rounding
            if isinstance(cells[i], float):
                cells[i] = int(score_text(cells[i]))
        for i in self.points:  # rounded down, as the reports: 39.98 never reads "40.0"
            if isinstance(cells[i], float):
                cells[i] = points_shown(cells[i])
        for i, est in self.held.items():
            label = str(cells[est] or "")
            if is_no_estimate(label):  # nothing estimated: no gate worth showing
                cells[i] = ""
            elif cells[i]:
                cells[i] = held_text(str(cells[i]), self.lang, is_range_label(label))
        if self.notes is not None and cells[self.notes]:
            cells[self.notes] = notes_text(str(cells[self.notes]), self.lang, self.questions)
        return [cells[i] for i in self.order]


def _profile_labels(pack: Pack, profile: str, lang: str) -> dict[str, str]:
    from .cohort import profile_names

    return profile_names(pack, profile, lang)


_HELD = re.compile(r"L(\d+): (.*)")
_HELD_PART = re.compile(r"(points|scenarios|mandatory)-([\d.]+)(?:@(\d+))?")


def held_text(code: str, lang: str, open_: bool = False) -> str:
    """The compact gate code of the CSV ("L3: points-6.2,scenarios-8@3") in words; ``open_``
    (the level is a range): said as counted on the answers given."""
    match = _HELD.fullmatch(code)
    if match is None:
        return code
    _ = translator(lang)
    parts = [  # a count of scenarios or items is whole; n picks its plural form; points
        # missing rounded up to a tenth, as the reports say them ("6.43" reads "6.5")
        _.text(
            _HELD_WORDS[kind],
            amount=short_shown(float(amount)) if kind == "points" else amount,
            rung=rung,
            n=int(float(amount)),
        )
        for kind, amount, rung in _HELD_PART.findall(match.group(2))
    ]
    values = dict(level=match.group(1), parts=_("; ").join(parts))
    if open_:
        return _("for level {level}, on the answers given (open questions as 0): {parts}", **values)
    return _("for level {level}: {parts}", **values)


_HELD_WORDS: dict[str, Message] = {
    "points": N_("{amount} points short"),
    "scenarios": NN_("{n} scenario short at rung {rung}", "{n} scenarios short at rung {rung}"),
    "mandatory": NN_(
        "{n} mandatory item short at rung {rung}", "{n} mandatory items short at rung {rung}"
    ),
}


def notes_text(notes: str, lang: str, questions: dict[str, str]) -> str:
    """The summary's notes in the sheet's language (English: as written)."""
    if is_source_language(lang):
        return notes
    _ = translator(lang)
    said: list[str] = []
    other = 0
    for note in _split(notes):
        for pattern, template in NOTES:
            match = pattern.fullmatch(note)
            if match is not None:
                values = {k: v for k, v in match.groupdict().items() if v is not None}
                if "q" in values:
                    values["q"] = _question(values["q"], questions)
                if "list" in values:
                    values["list"] = _(", ").join(
                        _question(x.strip(), questions) for x in values["list"].split(",")
                    )
                said.append(_(template, **values))
                break
        else:
            other += 1
    if other:
        said.append(
            _.ngettext(
                "{n} more note, in English in summary.csv",
                "{n} more notes, in English in summary.csv",
                other,
            )
        )
    return _("; ").join(said)


def _question(qid: str, questions: dict[str, str]) -> str:
    text = questions.get(qid)
    if text is None:
        return qid
    return f"“{text if len(text) <= 30 else text[:29] + '…'}”"


def _split(notes: str) -> list[str]:
    """The notes of one row (the batch joins them with "; ", which one note has inside)."""
    return [p for p in re.split(r"; (?!the pack is version)", notes) if p]
