"""An error's message in the interface language, for :func:`cli.common.friendly` to print.

The core builds its messages in English (batch writes them to errors.csv, scripts and tests
read them). Where a message is shown to a person, its shape is looked up here: a known shape
(``cannot read: {reason}``) is said in the interface language, its parameters (file paths,
names) kept as they are and an operating-system reason translated when it is a known one.
A message of no known shape is shown as built.
"""

from __future__ import annotations

import errno
import os
import re
from functools import cache

from ..errors import SmeAssessError, Where
from ..i18n import N_, Translator, is_source_language, shaped

# Messages the core raises, as written there (the tests raise each one for real).
SHAPES = (
    N_("no such file"),
    N_("is a folder, not a file"),
    N_("not UTF-8 text"),
    N_("cannot read: {reason}"),
    N_("a named pipe with nothing written to it: not read"),
    N_("cannot write: a part of this path is a file, not a folder"),
    N_("cannot write: {folder} is a file, not a folder"),
    N_("cannot write: {reason}"),
    N_("cannot write the output: {reason}"),
    N_("{path}: no such file or folder"),
    N_("is a folder; give the name of a file to write"),
    N_("is a symbolic link; refusing to write through it (name the real file)"),
    N_("larger than {size}, the limit for this file"),
    N_("{path}: no pack here (a pack is a folder with questionnaire.yaml and catalogue.yaml)"),
    N_("unknown pack {spec}: not a built-in pack ({known}) nor a folder with questionnaire.yaml"),
    N_("the pack has {n} error; run `sme-assess validate` on it"),
    N_("the pack has {n} errors; run `sme-assess validate` on it"),
    N_("{path} is a folder; give an answers file (.yaml, .json)"),
    N_("'-' (standard output) cannot be used here; give a file name"),
    N_("is not a regular file (a device, pipe or socket); refusing to replace it"),
    N_("not valid JSON: {why}"),
    N_("JSON has no comments: delete this one (or save the answers as YAML, where # starts one)"),
    N_("not text in UTF-8 or GB18030 (save it as UTF-8)"),
    N_(
        "not UTF-8, and as GB18030 it reads as rare characters: probably Latin-1 or "
        "Windows-1252, not guessed (save it as UTF-8)"
    ),
    N_("{family} without a byte order mark, and damaged: save it as UTF-8"),
    # answer_io.as_written: a value YAML reads otherwise than typed
    N_(
        "{field}: {typed} is read as the number {number}, not as text: write it in quotes, "
        '"{quoted}"'
    ),
    N_('{field}: {typed} is read as true or false, not as text: write it in quotes, "{quoted}"'),
    N_(
        "{field}: {typed} is a number in hexadecimal ({number}): write {decimal} for the "
        'number, or "{quoted}" in quotes for text'
    ),
    N_(
        "{field}: {typed} is a number in octal ({number}): write {decimal} for the number, or "
        '"{quoted}" in quotes for text'
    ),
    N_(
        "{field}: {typed} has a leading zero: {number} here, but octal {octal} to YAML 1.1 "
        'tools: write {decimal} for the number, or "{quoted}" in quotes for text'
    ),
    N_(
        "{field}: {typed} has a leading zero, which YAML tools read differently: write "
        '{decimal} for the number, or "{quoted}" in quotes for text'
    ),
    N_("{typed} is too large to be a number"),
    N_("not a valid answers file"),
    N_(
        "--resume: {file} was changed after the earlier run wrote {results}, so its earlier "
        "results may belong to other rows or answers; score again with --force (or into a new "
        "folder)"
    ),
    # errors.unexpected: what no input should cause
    N_("nested too deeply to read (RecursionError)"),
    N_("too large to read: out of memory (MemoryError)"),
    N_("internal error: {what}"),
)
# Why an answer does not fit its question (engine.answers_check), after "file:line:col: id: ".
ANSWER_SHAPES = (
    N_("{n} problem in the answers"),
    N_("{n} problems in the answers"),
    N_("{n} problem in the answers; use --lenient to score anyway"),
    N_("{n} problems in the answers; use --lenient to score anyway"),
    N_(
        "{n} problems in the answers (given for version {old}, this pack is {version}: they no "
        "longer fit); use --lenient to score anyway"
    ),
    N_(
        "{n} problem in the answers (given for version {old}, this pack is {version}: they no "
        "longer fit); use --lenient to score anyway"
    ),
    N_("answers are for questionnaire '{other}', not '{id}'"),
    N_("no such question in this questionnaire"),
    N_("required question is not answered"),
    N_("expected one option value ({options}), got {value}"),
    N_("expected a list of option values ({options}), got {value}"),
    N_("'{value}' is not an option ({options})"),
    N_("not options: {values} ({options})"),
    N_("tick at most {n} options ({ticked} ticked)"),
    N_("'{value}' cannot be combined with other options"),
    N_("expected a number, got {value}"),
    N_("expected a whole number, got {value}"),
    N_("{value} is below the minimum {least}"),
    N_("{value} is above the maximum {most}"),
    N_("expected true or false, got {value}"),
    N_("expected text, got {value}"),
    N_("text is longer than {n} characters"),
    N_("'{id}' is not a question of this questionnaire: its options cannot be named"),
    N_("'{id}' is a {kind} question, not a multiple-choice one: its options cannot be named"),
    N_("'{id}' has no option {values} ({options})"),
)
# The operating system's reasons (os.strerror) that are worth a translation.
_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EIO: N_("Input/output error"),
}
_REASON_KEYS = ("reason",)


@cache
def _reasons() -> dict[str, str]:
    """The operating system's English reason -> its message (strerror wording varies)."""
    out: dict[str, str] = {}
    for code, text in _REASONS.items():
        out[os.strerror(code)] = text
        out[text] = text
    return out


def reason(text: str, _: Translator) -> str:
    """An operating-system reason (``Permission denied``) in the interface language."""
    known = _reasons().get(text)
    return _(known) if known is not None else text


_INNER_KEYS = ("why", "what", "who")  # a parameter that is itself a message (said in turn)
_RULE = re.compile(r"(?P<words>.*) \[(?P<rule>yaml-[a-z-]+)\]\Z", re.DOTALL)


def message(text: str, _: Translator) -> str:
    """``text``, a message built by the core, in the interface language when its shape is
    known; else as built."""
    if is_source_language(_.lang):
        return text
    from . import error_shapes

    def value(name: str, given: str) -> str:
        if name in _REASON_KEYS:
            return reason(given, _)
        return message(given, _) if name in _INNER_KEYS else given

    for shapes in (SHAPES, ANSWER_SHAPES, error_shapes.ALL, error_shapes.PYDANTIC):
        said = shaped(text, shapes, _, value)
        if said is not None:
            return said
    field, colon, why = text.partition(": ")  # "respondent.size: Input should be ..."
    said = shaped(why, error_shapes.PYDANTIC, _, value) if colon else None
    if said is not None:
        return _.text(error_shapes.FIELD, where=field, what=said)
    from ..pack.findings_words import said as finding

    found = finding(text, _)  # a pack's words in an answers file ("unknown key 'x'")
    return found if found != text else _yaml(text, _)


def _yaml(text: str, _: Translator) -> str:
    """A YAML file's syntax error (``words [yaml-rule]``): said as `validate` says it, or the
    parser's own words kept in a translated frame; any other text as built."""
    found = _RULE.match(text)
    if found is None:
        return text
    from ..pack.findings_words import said
    from .error_shapes import YAML_FRAME

    words = said(found["words"], _)
    if words == found["words"]:
        words = _.text(YAML_FRAME, words=words)
    return f"{words} [{found['rule']}]"


def where(place: Where, _: Translator) -> str:
    """A place in an input (file, row, line:col) as the interface language says it."""
    if place.row is None:
        return str(place)
    line = str(Where("", place.line, place.col))
    return f"{place.path} " + _("row {row}", row=place.row) + line


def error_line(exc: SmeAssessError, _: Translator) -> str:
    """The error's one line (without the ``error:`` prefix): where, then what."""
    text = message(exc.message, _)
    return f"{where(exc.where, _)}: {text}" if exc.where else text


_FINDING = re.compile(r"(?P<place>.*?:\d+:\d+: [a-z0-9-]+ )(?P<message>.*)\Z", re.DOTALL)


def detail(text: str, _: Translator) -> str:
    """One line of an error's details in ``_``'s language: a pack's finding (``file:line:col:
    rule message``, its message said as `validate` says it), or a place and an id followed by
    a known message (an answer that does not fit), or a message."""
    found = _FINDING.match(text)
    if found is not None:
        from ..pack.findings_words import said

        words = said(found["message"], _)
        if words != found["message"]:
            return found["place"] + words
    # "file:line:col: question_id: why": the message after a place and an id
    start = 0
    while (start := text.find(": ", start) + 2) > 1:
        rest = text[start:]
        translated = message(rest, _)
        if translated != rest:
            return text[:start] + translated
    return message(text, _)
