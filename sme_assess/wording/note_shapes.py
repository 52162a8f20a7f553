"""The notes a result carries in English, with question ids (exact: summary.csv keeps them),
matched to the words that say them in another language: one table for summary.xlsx
(``batch.summary_sheet``) and the score screen's answers not counted (``terminal.views``).
A note of another form is said as written."""

from __future__ import annotations

import re

from ..i18n import N_

# The notes a batch writes (English, with question ids: exact, in summary.csv) said in
# the sheet's language, question ids shown as question texts. A note of another form is
# counted, not shown in English ("{n} more notes, in English in summary.csv").
_Q = r"(?P<q>[\w.]+)"
NOTES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (
            _Q + r": not asked, because of earlier answers",
            N_("{q}: not asked because of earlier answers; this answer is not counted"),
        ),
        (
            _Q + r": no such question in this questionnaire(?:; did you mean .*)?",
            N_("{q} is not a question of this questionnaire; this answer is not counted"),
        ),
        (_Q + r": required question is not answered", N_("{q}: required, not answered")),
        (
            r"questionnaire_version: answers were given for version (?P<a>\S+); "
            r"the pack is version (?P<b>\S+)",
            N_("answered for version {a} of the questionnaire, now version {b}"),
        ),
        (
            _Q + r": 'other' answer not scored: (?P<x>.*)",
            N_("{q}: the “other” answer is not scored ({x})"),
        ),
        (
            _Q + r": (?P<x>'.*'|\".*\") read as '(?P<v>[^']*)' \(part of its label\)",
            N_("{q}: {x} read as “{v}” from part of an option's label (a guess: check it)"),
        ),
        *(  # a sector or size cell that matches no option (kept as text: answer_io.matcher)
            (
                _Q + rf": (?P<x>'.*'|\".*\") matches no option: kept as the firm's {field}, "
                "the question is not answered",
                template,
            )
            for field, template in (
                ("sector", N_("{q}: {x} matches no option; kept as the firm's sector, unanswered")),
                ("size", N_("{q}: {x} matches no option; kept as the firm's size, unanswered")),
                ("region", N_("{q}: {x} matches no option; kept as the firm's region, unanswered")),
            )
        ),
        (
            r"column (?P<c>[A-Z]+) \((?P<h>.*)\): 'other' answer not scored: (?P<x>.*)",
            N_("column {c} ({h}): the “other” answer is not scored ({x})"),
        ),
        (  # answer_io.plan.unread_cells: a cell with content that no answer is read from
            _Q + r": column (?P<c>[A-Z]+) \((?P<h>.*)\) holds (?P<x>.*) and is not read: its "
            r"option is none of the question's.*",
            N_(
                "{q}: column {c} ({h}) holds {x}, which is not read: its option is none of the "
                "question's, so this answer is lost (map the column in --mapping)"
            ),
        ),
        (
            r"column (?P<c>[A-Z]+) \((?P<h>.*)\) holds (?P<x>.*) and is not read: .*",
            N_(
                "column {c} ({h}) holds {x}, which is not read: the column answers no question "
                "(map it in --mapping, or to ignore)"
            ),
        ),
        (  # answer_io.plan.row_shape
            r"cells right of the last header \(column (?P<c>[A-Z]+) on\) hold (?P<x>.*): not "
            r"read .*",
            N_("cells right of the last header (column {c} on) hold {x}, which is not read"),
        ),
        (
            r"column (?P<c>[A-Z]+) has no header but holds (?P<x>.*): not read .*",
            N_("column {c} has no header but holds {x}, which is not read"),
        ),
        (
            r"scored without \(no column\): (?P<list>.*)",
            N_("questions with no column in the table, scored without: {list}"),
        ),
        (  # engine.answers_notes.language_notes
            r"language: '(?P<x>.*)' is not a language of this questionnaire \([^)]*\) nor of "
            r"the tool: the result is in (?P<lang>\S+)",
            N_(
                "the answers ask for the language “{x}”, which neither the questionnaire nor "
                "the tool has: the result is in {lang}"
            ),
        ),
        (r"report not written: .*", N_("report not written (the reason is in summary.csv)")),
        (  # batch.duplicates.NOTE
            r"the same company name as (?P<n>\d+) other submissions? \(see duplicates\.csv\): "
            r"(both|all) are scored, count the firm once",
            N_(
                "the same company name as {n} other submission(s) (see duplicates.csv): "
                "all are scored, count the firm once"
            ),
        ),
        (
            _Q + r": (expected |text is longer|.* is (below|above) the).*",
            N_("{q}: the answer is not valid and not counted (the reason is in summary.csv)"),
        ),
    )
)
