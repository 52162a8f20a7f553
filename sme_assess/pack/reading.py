"""Read a pack folder: its files -> models, every schema error a finding at file:line:col."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import InputError, display_path
from ..models import Catalogue, Questionnaire
from .findings import Finding
from .yaml_errors import spelled
from .yamldoc import YamlDoc, YamlSyntaxError, parse_yaml

M = TypeVar("M", bound=BaseModel)

QUESTIONNAIRE_FILE = "questionnaire.yaml"
CATALOGUE_FILE = "catalogue.yaml"

_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "int_from_float",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "dict_type",
    "list_type",
    "model_type",
    "model_attributes_type",
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
}


def _loc_text(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def _real_loc(doc: YamlDoc, loc: tuple[str | int, ...], missing: bool) -> tuple[str | int, ...]:
    """Drop the steps pydantic adds that are not in the data (union tags, validator names).

    With ``missing``, the last step is a key that is absent from the data: keep it.
    """
    node: Any = doc.data
    real: list[str | int] = []
    body = loc[:-1] if missing and loc else loc
    for step in body:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            continue
        real.append(step)
    if missing and loc:
        real.append(loc[-1])
    return tuple(real)


def schema_findings(doc: YamlDoc, exc: ValidationError) -> list[Finding]:
    """Turn pydantic's errors into findings positioned in ``doc``."""
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for err in exc.errors(include_url=False):
        raw_loc = tuple(err["loc"])
        kind = err["type"]
        loc = _real_loc(doc, raw_loc, missing=kind == "missing")
        msg = err["msg"]
        if kind == "union_tag_not_found":  # e.g. a question without `type`
            tag = str((err.get("ctx") or {}).get("discriminator", "type")).strip("'")
            kind, loc = "missing", (*loc, tag)
        if kind == "missing":
            parent, name = loc[:-1], loc[-1]
            line, col = doc.locate(parent)
            where = _loc_text(parent)
            finding = Finding(
                "schema-missing-field",
                f"missing field '{name}'" + (f" in {where}" if where else ""),
                doc.path,
                line,
                col,
            )
        elif kind == "extra_forbidden":
            line, col = doc.locate(loc, at_key=True)
            finding = Finding(
                "schema-unknown-key",
                f"unknown key '{spelled(str(loc[-1]))}'"
                + (f" in {_loc_text(loc[:-1])}" if loc[:-1] else ""),
                doc.path,
                line,
                col,
            )
        else:
            line, col = doc.locate(loc)
            rule = "schema-type" if kind in _TYPE_ERRORS else "schema-value"
            if kind.startswith("union_tag"):
                msg = f"{msg.rstrip('.')}"
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            finding = Finding(rule, f"{_loc_text(loc) or 'document'}: {msg}", doc.path, line, col)
        key = (finding.path, finding.line, finding.col, finding.message)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def validate_doc(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a parsed document against ``model``."""
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else type(doc.data).__name__
        return None, [
            Finding("schema-type", f"expected a mapping at the top level, got {kind}", doc.path)
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, schema_findings(doc, exc)


@dataclass
class Pack:
    """A loaded questionnaire pack: models plus the documents they came from."""

    root: Path
    questionnaire: Questionnaire
    catalogue: Catalogue
    qdoc: YamlDoc
    cdoc: YamlDoc


@dataclass
class PackLoad:
    """What loading a pack folder gave: the pack if it parsed, and every finding so far."""

    root: Path
    pack: Pack | None = None
    findings: list[Finding] = field(default_factory=list)
    questionnaire: Questionnaire | None = None
    qdoc: YamlDoc | None = None


def _read_doc(path: Path, findings: list[Finding]) -> YamlDoc | None:
    """A pack file parsed, read as answer files are (UTF-8, UTF-16/32, GB18030); a file not
    in UTF-8 is read and said (a warning: other tools, and a GB18030 guess, may misread it)."""
    from ..limits import MAX_DOCUMENT_BYTES
    from .file_bytes import read_bytes
    from .text_encoding import decode

    shown = display_path(path)
    try:
        raw = read_bytes(path, MAX_DOCUMENT_BYTES, shown)
        text, encoding = decode(raw, shown, "save it as UTF-8")
        doc = parse_yaml(text, path)
    except YamlSyntaxError as exc:
        findings.append(exc.finding)
        return None
    except InputError as exc:
        line = exc.where.line if exc.where and exc.where.line else 1
        findings.append(Finding("file-unreadable", exc.message, shown, line))
        return None
    if not encoding.startswith("UTF-8"):
        why = f"saved as {encoding}, not UTF-8: read as {encoding}; save it as UTF-8"
        findings.append(Finding("file-encoding", why, shown))
    return doc


def _not_a_file(root: Path, path: Path) -> Finding:
    """Why a pack file that is not a regular file cannot be read: missing, or what it is."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:  # missing, or a link to nothing
        if path.is_symlink():
            return Finding(
                "file-unreadable", "a link to a file that does not exist", display_path(path)
            )
        return Finding("pack-missing-file", f"pack folder has no {path.name}", display_path(root))
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a device"
    return Finding("file-unreadable", f"is {what}, not a file: not read", display_path(path))


def read_pack(root: Path) -> PackLoad:
    """Parse and schema-check both files of a pack folder; never raises for bad content."""
    result = PackLoad(root)
    q_path, c_path = root / QUESTIONNAIRE_FILE, root / CATALOGUE_FILE
    for p in (q_path, c_path):
        if not p.is_file():
            result.findings.append(_not_a_file(root, p))
    if result.findings:
        return result
    qdoc = _read_doc(q_path, result.findings)
    cdoc = _read_doc(c_path, result.findings)
    questionnaire = catalogue = None
    if qdoc is not None:
        questionnaire, found = validate_doc(qdoc, Questionnaire)
        result.findings.extend(found)
    if cdoc is not None:
        catalogue, found = validate_doc(cdoc, Catalogue)
        result.findings.extend(found)
    result.questionnaire, result.qdoc = questionnaire, qdoc
    if qdoc and cdoc and questionnaire and catalogue:
        result.pack = Pack(root, questionnaire, catalogue, qdoc, cdoc)
    return result
