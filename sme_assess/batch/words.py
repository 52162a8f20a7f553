"""The language a batch speaks to the person running it: the interface language.

The terminal talks to the operator, so the progress, the notes, the mapping check and the end
summary are in the interface language, chosen as ``--help``'s (``SME_ASSESS_LANG``, else the
system's language when a catalogue has it, else English). ``batch --lang`` chooses the
language of what the batch writes for the firms and the programme (summary.xlsx, the reports,
the cohort page); the CSV files and errors.csv stay English, exact for scripts.
"""

from __future__ import annotations

from ..i18n import SOURCE_LANGUAGE, CatalogueMissing, Translator, interface_language, translator


def operator_words() -> Translator:
    """The interface language's words (English when its catalogue was never compiled: the
    CLI's help already says so on stderr; the core never prints)."""
    try:
        return translator(interface_language())
    except CatalogueMissing:
        return translator(SOURCE_LANGUAGE)


def place(source: str, row: int | None, _: Translator | None = None) -> str:
    """Where a respondent is, for the terminal: its file, and its row in a table."""
    if row is None:
        return source
    _ = _ or operator_words()
    return f"{source} " + _("row {row}", row=row)
