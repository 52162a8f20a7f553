"""The tool's own answers files: JSON or YAML in, JSON or YAML out.

Files others wrote come in any encoding a Windows editor saves: UTF-8 (with or without a BOM),
UTF-16 or UTF-32 with a BOM, or GB18030/GBK when that is unambiguous (as tables are read)."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import AnswersError, InputError, Where, display_path
from ..limits import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_INT_DIGITS
from ..models import Answers
from ..pack.findings import Finding
from ..pack.loading import validate_doc
from ..pack.text_encoding import decode
from ..pack.yamldoc import YamlDoc, check_document_size, parse_yaml, read_bytes
from ..pack.yamldoc import positioned as _positioned
from ..pack.yamldoc import where_in as where_in
from .as_written import check_as_written
from .not_text import HEAD_BYTES, refuse_binary

# what `batch` reads as a table (one row per firm), never an answers file
TABLE_SUFFIXES = {".csv": "CSV", ".tsv": "TSV", ".xlsx": "XLSX", ".xlsm": "XLSX", ".xls": "XLS"}


class _Refused(ValueError):
    """A JSON value the reader will not take; ``token`` is its text, to find its position."""

    def __init__(self, message: str, token: str, nth: int = 1) -> None:
        super().__init__(message)
        self.message, self.token, self.nth = message, token, nth

    def offset(self, text: str) -> int:
        """Where the ``nth`` occurrence of the token is (the start when it is not found)."""
        at = -1
        for _ in range(self.nth):
            at = text.find(self.token, at + 1)
            if at < 0:
                return 0
        return at


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"duplicate key '{key}'", json.dumps(key, ensure_ascii=False), 2)
        out[key] = value
    return out


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"a number with more than {MAX_INT_DIGITS} digits", text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise _Refused(f"{text} is too large to be a number", text)
    return value


def _constant(text: str) -> float:
    raise _Refused(f"'{text}' is not a number JSON allows", text)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _too_deep(data: Any) -> bool:
    """Whether lists/objects nest more than MAX_DEPTH (without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > MAX_DEPTH:
                    return True
                stack.append((child, depth + 1))
    return False


def _deep_offset(text: str) -> int:
    """Where the first bracket beyond MAX_DEPTH opens (strings skipped)."""
    import re

    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0


JSON_COMMENT = (
    "JSON has no comments: delete this one (or save the answers as YAML, where # starts one)"
)


def parse_json(text: str, shown: str) -> Any:
    """JSON data, within the limits (nesting, integer digits, no NaN/Infinity, no duplicate
    keys); every refusal is one InputError at line:col."""
    recursed = False
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        why = f"not valid JSON: {exc.msg}"
        if text.startswith(("//", "/*"), exc.pos):
            why = JSON_COMMENT
        raise InputError(why, Where(shown, exc.lineno, exc.colno)) from None
    except _Refused as exc:
        line, col = _position(text, exc.offset(text))
        raise InputError(exc.message, Where(shown, line, col)) from None
    except RecursionError:
        data, recursed = None, True  # nested far beyond the limit: located below
    if recursed or (
        isinstance(data, dict | list)
        and text.count("[") + text.count("{") > MAX_DEPTH
        and _too_deep(data)
    ):
        line, col = _position(text, _deep_offset(text))
        raise InputError(
            f"lists and objects nest more than {MAX_DEPTH} deep", Where(shown, line, col)
        )
    return data


def parse_answers_text(text: str, path: Path | str) -> YamlDoc:
    """Parse JSON (fast, with the json module) or YAML (with positions); a value YAML would
    read otherwise than typed (``company: 0123``) is refused here (``as_written``)."""
    shown = display_path(path)
    check_document_size(text, shown)
    if not text.strip():  # 0 bytes, blanks, a BOM alone: not a parser's "expected a mapping"
        raise InputError("the file is empty", Where(shown))
    if str(path).lower().endswith(".json"):
        try:
            doc = YamlDoc(shown, text, parse_json(text, shown))
        except InputError as exc:
            if exc.message.startswith("not valid JSON") and _is_yaml(text, path):
                why = f"{exc.message} (the file is YAML: name it .yaml)"
                raise InputError(why, exc.where) from None
            raise
    else:
        doc = parse_yaml(text, path)
    check_as_written(doc)
    return doc


def _is_yaml(text: str, path: Path | str) -> bool:
    """Whether a file that is not JSON is a YAML mapping (an answers file named .json by
    mistake): said, not read as YAML behind the name's back. JSON with a slip (a trailing
    comma) is often YAML too: only a file that does not start as JSON does is called YAML."""
    if text.lstrip().startswith(("{", "[")):
        return False
    try:
        return isinstance(parse_yaml(text, path).data, dict)
    except InputError:
        return False


def read_answers_text(path: Path, shown: str | None = None) -> str:
    """An answers file's text: UTF-8 (a BOM is allowed), UTF-16/32 with a BOM, or GB18030 (GBK)
    when it is not UTF-8 and does not look like damaged UTF-8; one clear error otherwise."""
    shown = shown if shown is not None else display_path(path)
    raw = read_bytes(path, MAX_DOCUMENT_BYTES, shown)
    refuse_binary(raw[:HEAD_BYTES], shown)
    return decode(raw, shown, "save it as UTF-8")[0]


# what an answer may be, said by the model before the question is known: said again with
# what the question expects (``Expected``), once the pack is known
_SHAPES = re.compile(
    r"answers\.(?P<qid>[^:]+): (expected an option value, a list of option values, a number, "
    r"true/false or text; got a mapping|a list holds option values \(text\); got .* in it)"
)
# the question an answers file's id names -> what its answer is in words (None: no such question)
Expected = Callable[[Any, str], "str | None"]


def load_answers(path: Path, shown: str | None = None, expected: Expected | None = None) -> Answers:
    """Read an answers file; raises InputError/AnswersError with every problem."""
    return load_answers_doc(path, shown, expected)[0]


def load_answers_doc(
    path: Path, shown: str | None = None, expected: Expected | None = None
) -> tuple[Answers, YamlDoc]:
    """An answers file and the parsed document it came from (to place later problems).
    ``shown`` is the path as the user sees it, when the caller knows it already.
    ``expected(data, qid)``: what the question answers are for expects ("one option value
    (a, b)"), to say it where a value has a shape no answer has (a mapping)."""
    shown = shown if shown is not None else display_path(path)
    kind = TABLE_SUFFIXES.get(Path(path).suffix.lower())
    if kind is not None:  # a survey export given to score/report/compare: batch reads it
        why = (
            f"a table ({kind}), not an answers file: score a survey export or a filled-in "
            f"sheet with sme-assess batch {shlex.quote(shown)} -o OUTDIR"
        )
        raise InputError(why, Where(shown))
    doc = parse_answers_text(read_answers_text(path, shown), shown)
    model, findings = validate_doc(doc, Answers)
    if model is None:
        findings = _placed(doc, findings)
        if expected is not None:
            findings = [_reworded(f, doc.data, expected) for f in findings]
        details = [f"{f.path}:{f.line}:{f.col}: {f.message}" for f in findings]
        raise AnswersError("not a valid answers file", details, Where(doc.path))
    return model, doc


def _reworded(finding: Finding, data: Any, expected: Expected) -> Finding:
    """A value with a shape no answer has, said with what its question expects."""
    match = _SHAPES.fullmatch(finding.message)
    if match is None:
        return finding
    qid = match.group("qid")
    try:
        what = expected(data, qid)
    except Exception:
        return finding
    if what is None:
        return finding
    from ..engine.answers_check import as_written

    value = data.get("answers", {}).get(qid) if isinstance(data, dict) else None
    message = f"answers.{qid}: expected {what}, got {as_written(value)}"
    return dataclasses.replace(finding, message=message)


def _placed(doc: YamlDoc, findings: list[Finding]) -> list[Finding]:
    """The findings of a JSON document at the values' real line:col."""
    placed = _positioned(doc)
    if placed is None or placed is doc:
        return findings
    return validate_doc(placed, Answers)[1] or findings


def answers_json(answers: Answers) -> str:
    """The answers as the JSON the tool writes (stable key order, UTF-8, readable)."""
    data = answers.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
