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


# What errors.csv says of a file or row not scored (English there, exact for scripts), as
# the batch builds it; the terminal says it in the operator's language.
SHAPES = (
    N_("not a regular file (a named pipe, socket or device): not read"),
    N_("not a firm: {texts} of its {filled} answer cells are question texts or header words: "
       "it looks like a header row, not a firm (give --source for the platform that wrote the "
       "export)"),
    N_("{n} question answered differently in two columns, so it cannot be scored right "
       "(remove or map the wrong column with --mapping, or --lenient to score the first "
       "column's answer)"),
    N_("{n} questions answered differently in two columns, so it cannot be scored right "
       "(remove or map the wrong column with --mapping, or --lenient to score the first "
       "column's answer)"),
    N_("{n} question it was asked has no column in this file, so it cannot be scored right "
       "(map it with --mapping, or --lenient to score without it)"),
    N_("{n} questions it was asked have no column in this file, so it cannot be scored right "
       "(map them with --mapping, or --lenient to score without them)"),
    N_("line {position}: {what}"),
    # a failure's problems (its first is shown after the failure)
    N_("{qid}: column {first} says {said}, column {other} says {other_said}"),
    N_("{qid}: no column"),
    N_("{qid}: {text} matches no option: kept as the firm's {field}, the question is not "
       "answered"),
    N_("{qid}: {text} read as '{value}' (part of its label)"),
    N_("{qid}: 'other' answer not scored: {other}"),
    # a row or a cell that cannot be read for certain (answer_io.plan, answer_io.text/cells)
    N_("the row has {cells} cells and the header {width}: an answer holding a comma (or the "
       "delimiter) without quotes shifts every cell after it, so no cell of the row can be "
       "trusted (cells past the header: {filled}); correct the row, or export the file again "
       "with quoted cells"),
    N_("cells right of the last header (column {column} on) hold {filled}: not read (give the "
       "column a header, or delete it)"),
    N_("the row ends after column {column} with {cells} cells, the header has {width}: the "
       "questions of columns {first} on are read as not answered (right only if the row was "
       "cut short on purpose: a line break in an answer without quotes also ends a row early)"),
    N_("column {column} has no header but holds {text}: not read (give it a header, or delete "
       "it)"),
    N_("{qid}: column {column}: {shown} holds a formula (={formula}) whose value was never "
       "calculated (a file written by a script): open and save the file in Excel or WPS, or "
       "export values"),
    N_("{qid}: column {column}: holds a formula (={formula}) whose value was never calculated "
       "(a file written by a script): open and save the file in Excel or WPS, or export "
       "values; left empty"),
    N_("{qid}: column {column}: {shown} is a numeric code: {title} numbers a yes/no question's "
       "choices in the order its author made them, or as recoded (1/2, 0/1, either way round), "
       "so it may mean yes or no; export the choice texts (labels), or say what each code "
       "means in --mapping values"),
    N_("{qid}: column {column}: {shown} is a number with a comma not followed by three digits: "
       "{number} (a decimal comma) or a typo for thousands? Write it with a decimal point or "
       "without the comma"),
    # the same, as --check-mapping says why a value is not read
    N_("holds a formula (={formula}) whose value was never calculated (a file written by a "
       "script): open and save the file in Excel or WPS, or export values"),
    N_("is a numeric code: {title} numbers a yes/no question's choices in the order its author "
       "made them, or as recoded (1/2, 0/1, either way round), so it may mean yes or no; export "
       "the choice texts (labels), or say what each code means in --mapping values"),
    N_("is a number with a comma not followed by three digits: {number} (a decimal comma) or a "
       "typo for thousands? Write it with a decimal point or without the comma"),
    N_("date: {shown} could be day {a} of month {b} or day {b} of month {a}: the export does "
       "not say which comes first, so the date is not used (export dates as YYYY-MM-DD)"),
)
_INNER = ("what",)
_LINE_COLUMN = N_("line {line}, column {col}")
_LINE = N_("line {line}")


def said(text: str, _: Translator | None = None) -> str:
    """A failure's message or problem, as errors.csv has it, in the operator's language when
    its shape is known (the batch's own, or a command's error); else as written. File names,
    ids and cell texts stay as they are."""
    _ = _ or operator_words()
    if is_source_language(_.lang):
        return text
    from ..cli.error_words import detail, message
    from ..pack.findings_words import WORDS

    def value(name: str, given: str) -> str:
        if name in _INNER:
            return said(given, _)
        if name == "position":  # "4:1" (line:column) or "4"
            line, colon, col = given.partition(":")
            return _(_LINE_COLUMN, line=line, col=col) if colon else _(_LINE, line=line)
        known = WORDS["kind"].get(given) if name == "field" else None
        return _.text(known) if known is not None else given

    own = shaped(text, SHAPES, _, value)
    if own is not None:
        return own
    whole = message(text, _)  # a command's error, said as the command says it
    return whole if whole != text else detail(text, _)
