"""What the table reader says of a row or cell it cannot read for certain, in one place.

Each refusal and note is a message here (English, marked for the catalogues), said with
its values as an ``i18n.Said``: as a string it is the English that errors.csv and
summary.csv keep; the terminal says it in the operator's language by its message, never by
matching the English (rewording one here is rewording its every use, and the catalogue test
fails until it is translated again). ``MESSAGES`` lists them all; a test says each in
English and Chinese.
"""

from __future__ import annotations

from ..i18n import N_, NN_, NP_, Message

# a row's shape (plan.row_shape)
SHIFTED_ROW = N_(
    "the row has {cells} cells and the header {width}: an answer holding a comma (or the "
    "delimiter) without quotes shifts every cell after it, so no cell of the row can be "
    "trusted (cells past the header: {filled}); correct the row, or export the file again "
    "with quoted cells"
)
JOINED_ROW = N_(
    "the row has {cells} cells and the header {width}: column {column} holds a byte order mark "
    "inside {text}, where two files were joined with no line break between them, so no cell "
    "of the row can be trusted; put the second file's first line on a line of its own"
)
PAST_HEADER = N_(
    "cells right of the last header (column {column} on) hold {filled}: not read (give the "
    "column a header, or delete it)"
)
ENDS_EARLY = N_(
    "the row ends after column {column} with {cells} cells, the header has {width}: the "
    "questions of columns {first} on are read as not answered (right only if the row was "
    "cut short on purpose: a line break in an answer without quotes also ends a row early)"
)
COMPANY_EITHER = N_(
    "company: {here} (column {column}) if the shift is right of it, {moved} (column {other}) "
    "if left of it"
)
NO_HEADER = N_(
    "column {column} has no header but holds {text}: not read (give it a header, or delete it)"
)
# a cell with content under a column that feeds no answer (plan.row_shape): said per row
UNREAD_OPTION = N_(
    "{qid}: column {column} ({header}) holds {text} and is not read: its option is none of "
    "the question's, so this answer is lost (map the column to '{qid}/<option>' in --mapping "
    "columns)"
)
UNREAD_COLUMN = N_(
    "column {column} ({header}) holds {text} and is not read: {why} (map the column to a "
    "question in --mapping columns, or to ignore)"
)
NO_QUESTION = N_("it matches no question")
HEADER_LIKE = N_(
    "{texts} of its {filled} answer cells are question texts or header words: it looks like "
    "a header row, not a firm (give --source for the platform that wrote the export)"
)
OTHER_SHEET = N_(
    "sheet '{sheet}' also has rows under {n} columns of this questionnaire and was not read: "
    "only sheet '{read}' was scored (save that sheet as a file of its own to score it)"
)

# why a cell is not read (cells, text): what --check-mapping says after "not read:"
FORMULA = N_(
    "holds a formula (={formula}) whose value was never calculated (a file written by a "
    "script): open and save the file in Excel or WPS, or export values"
)
YES_NO_CODES = N_(
    "is a numeric code: {title} numbers a yes/no question's choices in the order its author "
    "made them, or as recoded (1/2, 0/1, either way round), so it may mean yes or no; export "
    "the choice texts (labels), or say what each code means in --mapping values"
)
# a platform as a sentence names it, in each language (its title, the product and the kind of
# export, is English words around the name: "Qualtrics (three header rows)")
PLATFORM_NAMES = {
    "wjx": NP_("platform", "问卷星 (wjx)"),
    "wjx-numbers": NP_("platform", "问卷星 (wjx)"),
    "tencent": NP_("platform", "腾讯问卷 (Tencent Survey)"),
    "jinshuju": NP_("platform", "金数据 (Jinshuju)"),
    "google": NP_("platform", "Google Forms"),
    "msforms": NP_("platform", "Microsoft Forms"),
    "surveymonkey": NP_("platform", "SurveyMonkey"),
    "qualtrics": NP_("platform", "Qualtrics"),
    "kobo": NP_("platform", "KoboToolbox"),
    "odk": NP_("platform", "ODK Central"),
    "limesurvey": NP_("platform", "LimeSurvey"),
}
YES_NO_DIGIT = N_(
    "is a number in a yes/no column of a table that names no survey platform: 1/0 may mean "
    "yes/no, or a survey's option numbers either way round; write yes or no, or say what "
    "each number means in --mapping values"
)
DECIMAL_COMMA = N_(
    "is a number with a comma not followed by three digits: {number} (a decimal comma) or a "
    "typo for thousands? Write it with a decimal point or without the comma"
)
THOUSANDS_EITHER_WAY = N_(
    "could be {one} or {other}: a point or comma before three digits may separate thousands "
    "or decimals; write it without a thousands separator (and with a decimal point)"
)
FRACTION_OR_PERCENT = N_(
    "is a fraction or a percentage: column {column} holds only numbers from 0 to 1 under a "
    "question answered in % (0.3 may be 30 %, or 0.3 %; 1 may be 100 %, or 1 %); say which in "
    "--mapping scales ({qid}: fraction, or {qid}: percent)"
)
SPACED_EITHER_WAY = N_(
    "reads two ways as option labels joined by spaces (as a KoboToolbox or ODK label export "
    "writes them): {one}, or {other}; export the answers with a column per option (Kobo: "
    "multiple select 'both' or 'details'), or as XML values"
)
DATE_EITHER_WAY = N_(
    "could be day {a} of month {b} or day {b} of month {a}: the export does not say which "
    "comes first, so the date is not used (export dates as YYYY-MM-DD)"
)

# a row's notes (row_read, twins): a cell named, and why
CELL_NOT_READ = N_("{qid}: column {column}: {shown} {why}")
COLUMN_NOT_READ = N_("{qid}: column {column}: {why}")
FIELD_LEFT_EMPTY = N_("{qid}: column {column}: {why}; left empty")
DATE_NOT_USED = N_("date: {shown} {why}")
KEPT_AS_FIELD = N_(
    "{qid}: {text} matches no option: kept as the firm's {field}, the question is not answered"
)
FIELDS = {"sector": NP_("finding word", "sector"), "size": NP_("finding word", "size")}
OTHER_NOT_SCORED = N_("{qid}: 'other' answer not scored: {other}")
OTHER_TEXT = N_("column {column} ({header}): 'other' answer not scored: {text}")
PART_OF_LABEL = N_("{qid}: {text} read as '{value}' (part of its label)")
CLASH = N_("{qid}: column {first} says {said}, column {other} says {other_said}")
FIRST_SCORED = N_("{clash}: the first is scored")
FIRST_KEPT = N_("{clash}: the first is kept")
# an XLSX row stored after one numbered as high or higher (``xlsx_read``): not read
OUT_OF_ORDER = N_(
    "sheet '{sheet}': this row is stored after row {after}, out of order (row numbers go down a "
    "sheet in order), so its place is in doubt and it is not read (open the file in Excel or "
    "WPS, save it again and check this row)"
)

# why a row is not scored (batch.work.refusal), its problems, and --lenient's note
NOT_A_FIRM = N_("not a firm: {why}")
CLASHED = NN_(
    "{n} question answered differently in two columns, so it cannot be scored right (remove "
    "or map the wrong column with --mapping, or --lenient to score the first column's answer)",
    "{n} questions answered differently in two columns, so it cannot be scored right (remove "
    "or map the wrong column with --mapping, or --lenient to score the first column's answer)",
)
NO_COLUMNS = NN_(
    "{n} question it was asked has no column in this file, so it cannot be scored right (map "
    "it with --mapping, or --lenient to score without it)",
    "{n} questions it was asked have no column in this file, so it cannot be scored right "
    "(map them with --mapping, or --lenient to score without them)",
)
NO_COLUMN = N_("{qid}: no column")
# a question asked but not scored (no category: tools_in_use, a figure) with no column: the
# row is refused as for a scored one, said apart (its score would be right, not its plan)
NO_COLUMNS_UNSCORED = NN_(
    "{n} question it was asked has no column in this file: it is not scored, but the plan or "
    "an estimate may read it (map it with --mapping, or --lenient to go without it)",
    "{n} questions it was asked have no column in this file: they are not scored, but the "
    "plan or an estimate may read them (map them with --mapping, or --lenient to go without "
    "them)",
)
NO_COLUMN_UNSCORED = N_("{qid}: no column (not scored; the plan or an estimate may read it)")
SCORED_WITHOUT = N_("scored without (no column): {ids}")
# a required question a table row leaves unanswered, with the column it was read from
REQUIRED_EMPTY = N_("{qid}: required question is not answered (column {column}, {header})")
REQUIRED_NONE_TICKED = N_(
    "{qid}: required question is not answered (columns {first} to {last}, one per option: "
    "none ticked)"
)
OPTION_NO_COLUMN = N_(
    "{qid}: the table has no column for {options}: whether the firm ticks them is not known "
    "(a survey built from an older pack, or a column left out), so the plan keeps the steps "
    "they decide, with a caution; scores count them as not ticked"
)
NOT_ASKED_NEWER = N_(
    "{qid}: no column, and the pack added it after version {version}: the survey may be "
    "older than the question, so it is scored as not asked"
)

MESSAGES: tuple[Message, ...] = (
    SHIFTED_ROW,
    JOINED_ROW,
    PAST_HEADER,
    ENDS_EARLY,
    COMPANY_EITHER,
    NO_HEADER,
    UNREAD_OPTION,
    UNREAD_COLUMN,
    NO_QUESTION,
    HEADER_LIKE,
    OTHER_SHEET,
    FORMULA,
    YES_NO_CODES,
    YES_NO_DIGIT,
    DECIMAL_COMMA,
    THOUSANDS_EITHER_WAY,
    FRACTION_OR_PERCENT,
    SPACED_EITHER_WAY,
    DATE_EITHER_WAY,
    CELL_NOT_READ,
    COLUMN_NOT_READ,
    FIELD_LEFT_EMPTY,
    DATE_NOT_USED,
    KEPT_AS_FIELD,
    *FIELDS.values(),
    OTHER_NOT_SCORED,
    OTHER_TEXT,
    PART_OF_LABEL,
    CLASH,
    FIRST_SCORED,
    FIRST_KEPT,
    OUT_OF_ORDER,
    NOT_A_FIRM,
    CLASHED,
    NO_COLUMNS,
    NO_COLUMN,
    NO_COLUMNS_UNSCORED,
    NO_COLUMN_UNSCORED,
    SCORED_WITHOUT,
    REQUIRED_EMPTY,
    REQUIRED_NONE_TICKED,
    NOT_ASKED_NEWER,
    OPTION_NO_COLUMN,
)

# notes saying that an answer to a question was lost (a tick under an option none of the
# question's): a firm scored with one counts among the batch's findings (exit 1)
LOST: tuple[Message, ...] = (UNREAD_OPTION,)
# notes saying that some of a question's options had no column (not known): counted
# at the end of the run, as the columns a --lenient run scores without are (`--check-mapping`
# exits 1 for them)
UNSURE: tuple[Message, ...] = (OPTION_NO_COLUMN,)
# notes saying that a filled cell under no question was not read (a header that matches no
# question, an empty header, right of the last header): counted at the end of the run
UNREAD: tuple[Message, ...] = (PAST_HEADER, NO_HEADER, UNREAD_COLUMN)
