"""The shapes of the messages the core raises, as written there, for :mod:`cli.error_words`.

One table per kind of message a person meets in normal use: files and their formats, usage
(options that do not go together), packs, reports and templates, export and compare, the
run's draft, and pydantic's words about a value of the wrong type. Each entry is the English
message with its parameters as ``{name}`` (a name used twice is the same text twice);
longer and more specific shapes come before one that would also match. Pure data.
"""

from __future__ import annotations

from ..i18n import N_

# Reading an input: files, JSON, CSV and XLSX tables.
FILES = (
    N_("lists and objects nest more than {n} deep"),
    N_("duplicate key {key}"),
    N_("a number with more than {n} digits"),
    N_("{text} is not a number JSON allows"),
    N_("larger than {n} MiB (split it into several files)"),
    N_("the file is empty (no header row)"),
    N_(
        "row {row} (line {line}): a quote opened in this row is never closed (the rest of the "
        "file would be one cell)"
    ),
    N_(
        "row {row} (line {line}): a cell longer than {n} characters (a quote that is never closed?)"
    ),
    N_(
        "row {row} (line {line}): a quoted cell has text after its closing quote (a stray "
        "quote, or one that is never closed?)"
    ),
    N_("row {row} (line {line}): not a valid CSV file: {why}"),
    N_(
        "row {row} (line {line}): a NUL byte (character 0) in column {column}: the file is "
        "damaged, or not a CSV text file (save it again as CSV UTF-8)"
    ),
    N_("row {row}: more than {n} rows (split it into several files)"),
    N_("row {row}: more than {n} cells (split it into several files)"),
    N_("row {row}: more than {n} columns"),
    N_(
        "sheet {sheet} row {row}: the header row goes on to column {column}; at most {n} "
        "columns are read"
    ),
    N_("the workbook has no sheet with a header row"),
    N_("the file is empty (no sheet has a row)"),
    N_("the file is empty"),
    N_(
        "a table ({kind}), not an answers file: score a survey export or a filled-in sheet "
        "with sme-assess batch {file} -o OUTDIR"
    ),
    N_("not a readable XLSX workbook: no workbook part (a Word or other zip file?)"),
    N_("not a readable XLSX workbook: shared string {index} is longer than {n} characters"),
    N_(
        "not a readable XLSX workbook: an old .xls, or password-protected (open it in Excel "
        "and save as .xlsx without a password, or as CSV)"
    ),
    N_("not a readable XLSX workbook: not a zip archive (damaged, or another format renamed)"),
    N_("not a readable XLSX workbook: password-protected (save it without a password)"),
    N_("not a readable XLSX workbook: the zip does not unpack{sheet}"),
    N_(
        "not a readable XLSX workbook: sheet {sheet} is not in the zip (damaged: open it in "
        "Excel and save it again)"
    ),
    N_("not a readable XLSX workbook{sheet}: {why}"),
    N_("not text in UTF-8 or GB18030 (save it as CSV UTF-8)"),
    N_("a {kind} file, not text: not read (saved in another format, or renamed?)"),
    N_(
        "not UTF-8, and as GB18030 it reads as rare characters: probably Latin-1 or "
        "Windows-1252, not guessed (save it as CSV UTF-8)"
    ),
    N_(
        "{rows}: the file changed while the batch was reading it (run the batch again when it "
        "is complete)"
    ),
    N_("--source {name}: not a platform this tool reads ({names})"),
    N_("not valid answers"),
    N_("not a draft or answers file"),
)
# Options that do not fit, and what a command refuses before it starts.
USAGE = (
    N_("--target-level {level} is not a level ({numbers})"),
    N_(
        "the answers are for different questionnaires ({ids}): compare needs two assessments "
        "with the same questionnaire"
    ),
    N_(
        "--previous is for questionnaire {old}, the answers for {new}: compare needs the same "
        "questionnaire"
    ),
    N_("{path} is a folder; give an answers file"),
    N_("a PDF cannot be shown on a terminal; give -o FILE.pdf or pipe it"),
    N_("--format table is for the terminal; use json, md, html or pdf with -o"),
    N_("--format {format}: use pdf, html, md or json"),
    N_(
        "--previous adds a section to pdf, html or md reports; for JSON use `sme-assess compare "
        "--format json`"
    ),
    N_("unknown category '{category}' (categories: {known})"),
    N_("cannot tell the format from '{name}'; use --format pdf|html|md|json"),
    N_("an XLSX template cannot go to standard output; give -o FILE"),
    N_("--format {format} but -o names a .{named} file; give the same in both"),
    N_("an XLSForm is a workbook and cannot go to standard output"),
    N_("-o {path}: is a folder; give a file name"),
    N_(
        "`sme-assess run` asks questions and needs a terminal; to answer in a file, start from "
        "`sme-assess template` or an answers file and use `sme-assess score` or `sme-assess "
        "report`"
    ),
    N_(
        "--lang {lang}: the pack '{id}' is in {languages} only, the tool's own words in "
        "{tool_languages}"
    ),
    N_("--lang {lang}: the pack '{id}' is in {languages} only"),
    N_("--mapping {path}: not a valid mapping file"),
    # a --mapping file's problems with the pack (answer_io.mapping_file), after "file:line:col: "
    N_(
        "columns: '{header}' -> '{target}': not a question id, 'question/option', a "
        "respondent field ({fields}, respondent.<name>) or 'ignore'"
    ),
    N_("values: '{id}' is not a question id"),
    N_("values: {id}: '{cell}' -> {value} is not an option of '{id}' ({options})"),
    N_("scales: '{id}' is not a question answered in % (a number question whose unit is %)"),
    # the run's draft
    N_("--from starts a new re-assessment and --resume continues a draft: give one"),
    N_("{path} holds answers for '{other}', not '{id}'; use --pack {other}"),
    N_("--draft {path} already exists; continue it with --resume {path}, or choose a new --draft"),
    N_("--answers-out {path} is the draft; name another file"),
    N_("--draft {path} is a folder; name a file, e.g. {path}/draft.json"),
    N_("cannot create the draft's folder: {reason}"),
    N_("cannot create the draft: {reason}"),
    N_("cannot lock the draft: {reason}"),
    N_(
        "{path} is in use by another run ({who}); finish that run first, or start a new one "
        "without this draft"
    ),
    N_("process {pid} on {host}, started {started}"),  # its {who} (the run's own words)
    N_("another process"),  # its {who} when the holder left no record
    N_("{path}: could not lock the draft; try again"),
)
# Packs and the versions of answers.
PACKS = (
    N_("no built-in pack is installed; give one with --pack PATH"),
    N_(
        "the answers name questionnaire_version '{given}', which is not a version like "
        "{version}; the pack is version {version}"
    ),
    N_(
        "the answers were given for version {given} of '{id}', newer than this pack's version "
        "{version}: score them with that version of the pack (--pack) or a newer sme-assess"
    ),
)
# Reports, their templates and fonts.
REPORTS = (
    N_("--template {path}: not a folder"),
    N_("--template brands PDF, HTML and Markdown reports; a JSON report has no template"),
    N_(
        "--template {path}: no {file} in the folder (Markdown reports are branded with it; see "
        "README, Branding)"
    ),
    N_(
        "--template {path}: no {file} in the folder (PDF and HTML reports are branded with it; "
        "see README, Branding)"
    ),
    N_("template error: the templates include each other without end"),
    N_("template error: {why}"),
    N_("progress template error: {why}"),
    N_("cohort template error: {why}"),
    N_("template {name} includes or extends itself ({loop})"),
    N_("template asset '{name}' not found in {folder}"),
    N_(
        "'{name}' leads outside the template folder (a link or a path to another folder); "
        "refused: only files inside the folder are used"
    ),
    N_("larger than {n} MB; too big for a report template or asset"),
    N_("the PDF could not be written"),
    N_(
        "no font for language '{lang}' is installed, so the PDF would show empty boxes; install "
        "one, e.g. `sudo apt-get install {package}` (then run `sme-assess doctor`)"
    ),
    N_(
        "the report holds Chinese text ('{text}') and no font for Chinese is installed, so the "
        "PDF would show empty boxes; install one, e.g. `sudo apt-get install {package}` (then "
        "run `sme-assess doctor`), or make an HTML report"
    ),
)
# Publishing a pack to a survey platform (export).
EXPORT = (
    N_(
        "cannot publish the pack '{id}': the form field '{name}' would be both {first} and "
        "{second}; rename one of them in the pack"
    ),
    N_(
        "cannot publish {where} of the pack '{id}': its show-if '{source}' has no exact XLSForm "
        "form ({why}); rewrite it, e.g. with '==', 'in [...]', and/or/not"
    ),
    N_(
        "cannot publish question '{id}': its option '{value}' is the name the form gives to "
        '"n/a" or "don\'t know"; rename the option'
    ),
    N_("cannot write question {n} on one line: {title}"),
    N_(
        "cannot publish question '{id}' of the pack '{pack}' to {target}: its export column "
        "“{header}” would not be read as '{id}' ({seen}); give the question a text of its own"
    ),
    N_(
        "cannot publish question '{id}' of the pack '{pack}' to {target}: its answer “{cell}” "
        "would read back as {got}, not {expected}; give the options labels (and values) of "
        "their own"
    ),
)
# pydantic's words for a value of the wrong type or size (after "place: field: ").
PYDANTIC = (
    N_("Field required"),
    N_("Extra inputs are not permitted"),
    N_("Input should be a valid string"),
    N_("Input should be a valid dictionary or instance of {model}"),
    N_("Input should be a valid dictionary"),
    N_("Input should be a valid list"),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid number"),
    N_("Input should be a finite number"),
    N_("Input should be a valid boolean, unable to interpret input"),
    N_("Input should be a valid boolean"),
    N_("Input should be a valid date or datetime, {why}"),
    N_("Input should be a valid date in the format YYYY-MM-DD, {why}"),
    N_("Input should be a valid date, {why}"),
    N_("Input should be a valid date"),
    N_("Input should be greater than or equal to {n}"),
    N_("Input should be greater than {n}"),
    N_("Input should be less than or equal to {n}"),
    N_("Input should be less than {n}"),
    N_("Input should be {values}"),
    N_("String should have at least {n} character"),
    N_("String should have at least {n} characters"),
    N_("String should have at most {n} character"),
    N_("String should have at most {n} characters"),
    N_("String should match pattern {pattern}"),
    N_("List should have at least {n} item after validation, not {m}"),
    N_("List should have at least {n} items after validation, not {m}"),
    N_("List should have at most {n} item after validation, not {m}"),
    N_("List should have at most {n} items after validation, not {m}"),
    N_("Value error, {why}"),
    # the models' own reasons (models/common.py), said after "Value error, "
    N_("localised text maps a language tag to a string, e.g. {en: Yes, zh: 是}"),
    N_("expected text: a string, or a mapping of language tag to string"),
)
# A field and pydantic's words about its value.
FIELD = N_("{where}: {what}")
# A YAML parser's message stays as it said it (PyYAML's words); the frame around it is said.
YAML_FRAME = N_("YAML syntax error: {words}")

ALL = (*FILES, *USAGE, *PACKS, *REPORTS, *EXPORT)
