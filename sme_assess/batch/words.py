"""The language a batch speaks to the person running it: the interface language.

The terminal talks to the operator, so the progress, the notes, the mapping check and the end
summary are in the interface language, chosen as ``--help``'s (``SME_ASSESS_LANG``, else the
system's language when a catalogue has it, else English). ``batch --lang`` chooses the
language of what the batch writes for the firms and the programme (summary.xlsx, the reports,
the cohort page); the CSV files and errors.csv stay English, exact for scripts: a failure's
message is said in the operator's language on the terminal only (:func:`said`).
"""

from __future__ import annotations

from ..i18n import (
    N_,
    SOURCE_LANGUAGE,
    CatalogueMissing,
    Said,
    Translator,
    interface_language,
    is_source_language,
    shaped,
    translator,
)


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


# What errors.csv says of a file or row not scored (English there, exact for scripts) that is
# not the table reader's (those are ``i18n.Said``, said by their message: ``answer_io.words``),
# as the batch builds it; the terminal says it in the operator's language.
SHAPES = (
    N_("not a regular file (a named pipe, socket or device): not read"),
    N_(
        "a folder holding an unzipped workbook, not an .xlsx file: not read (zip the files in "
        "it, not the folder, back into one .xlsx, or save the workbook again from Excel)"
    ),
    N_("line {position}: {what}"),
)
_INNER = ("what",)
_LINE_COLUMN = N_("line {line}, column {col}")
_LINE = N_("line {line}")


def said(text: str, _: Translator | None = None) -> str:
    """A failure's message or problem, as errors.csv has it, in the operator's language: by
    its message when it is ``Said`` (the table reader's), else when its shape is known (the
    batch's own, or a command's error); else as written. File names, ids and cell texts stay
    as they are."""
    _ = _ or operator_words()
    if isinstance(text, Said):
        return text.in_(_)
    if is_source_language(_.lang):
        return text
    from ..cli.error_words import detail, message

    def value(name: str, given: str) -> str:
        if name in _INNER:
            return said(given, _)
        if name == "position":  # "4:1" (line:column) or "4"
            line, colon, col = given.partition(":")
            return _(_LINE_COLUMN, line=line, col=col) if colon else _(_LINE, line=line)
        return given

    own = shaped(text, SHAPES, _, value)
    if own is not None:
        return own
    whole = message(text, _)  # a command's error, said as the command says it
    return whole if whole != text else detail(text, _)
