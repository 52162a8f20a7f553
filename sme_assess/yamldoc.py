"""Read a YAML 1.2 (or JSON) file safely and answer "where is this node?" as line:col."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Where, display_path
from .findings import Finding

Loc = Sequence[str | int]


class YamlSyntaxError(InputError):
    """The text is not valid YAML; carries the finding for `validate`."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(
            f"{finding.message} [{finding.rule}]",
            Where(finding.path, finding.line, finding.col),
        )
        self.finding = finding


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is allowed); one clear error when that is not possible."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", Where(shown)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Where(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", Where(shown)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", Where(shown, line)) from None


def _make_loader() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")  # round-trip: keeps line/column of every node; still safe (no tags)
    yaml.allow_duplicate_keys = False
    yaml.version = (1, 2)
    return yaml


@dataclass
class YamlDoc:
    """A parsed document: plain data plus the position of every node."""

    path: str
    text: str
    data: Any
    _lines: list[str] = field(default_factory=list, repr=False)

    def source_line(self, line: int) -> str:
        if not self._lines:
            self._lines = self.text.splitlines()
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def locate(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at ``loc``.

        ``at_key`` points at the last key itself rather than its value (for unknown keys).
        Steps that are not in the data (pydantic's union tags) are skipped; a path that
        ends at a missing key points at the mapping that should hold it.
        """
        node = self.data
        line, col = 0, 0
        if hasattr(node, "lc"):
            line, col = node.lc.line, node.lc.col
        for i, step in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, dict) and step in node:
                lc = getattr(node, "lc", None)
                if lc is not None:
                    pos = lc.key(step) if (last and at_key) else lc.value(step)
                    if pos is not None:
                        line, col = pos
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                lc = getattr(node, "lc", None)
                if lc is not None:
                    pos = lc.item(step)
                    if pos is not None:
                        line, col = pos
                node = node[step]
            # else: a step not in the data (a pydantic union tag, a missing key): stay here
        return line + 1, col + 1

    def where(self, loc: Loc, *, at_key: bool = False) -> Where:
        line, col = self.locate(loc, at_key=at_key)
        return Where(self.path, line, col)


def _syntax_finding(exc: Exception, shown: str, text: str) -> Finding:
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(getattr(exc, "problem", None) or exc).strip()
    lines = text.splitlines()
    if isinstance(exc, DuplicateKeyError):
        key = problem.split('"')[1] if '"' in problem else "?"
        start = getattr(exc, "context_mark", None)
        first = _first_key_line(lines, key, start.line if start is not None else 0, line - 1)
        first_text = f" (first at line {first})" if first else ""
        return Finding("yaml-duplicate-key", f"duplicate key '{key}'{first_text}", shown, line, col)
    if "\\t" in problem or (
        0 < line <= len(lines)
        and lines[line - 1][:col].strip() == ""
        and "\t" in lines[line - 1][: max(col, 1)]
    ):
        return Finding(
            "yaml-tab-indent", "tab character used for indentation; use spaces", shown, line, col
        )
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else problem
    return Finding("yaml-syntax", message, shown, line, col)


def _first_key_line(lines: list[str], key: str, start: int, stop: int) -> int | None:
    """The 1-based line where ``key:`` first appears between two 0-based lines."""
    import re

    pattern = re.compile(r"(^|[\s{,\-])" + re.escape(key) + r"\s*:")
    for number in range(start, min(stop, len(lines))):
        if pattern.search(lines[number]):
            return number + 1
    return None


def parse_yaml(text: str, path: Path | str) -> YamlDoc:
    """Parse ``text`` (YAML 1.2; JSON is YAML too). Raises YamlSyntaxError with a position."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    shown = display_path(path)
    try:
        data = _make_loader().load(text)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(_syntax_finding(exc, shown, text)) from None
    except YAMLError as exc:  # unmarked errors are rare (e.g. bad stream); point at the top
        raise YamlSyntaxError(Finding("yaml-syntax", str(exc).strip(), shown)) from None
    doc = YamlDoc(shown, text, data)
    tagged = _find_tag(data, ())
    if tagged is not None:
        loc, tag = tagged
        line, col = doc.locate(loc)
        message = f"explicit tags such as '{tag}' are not allowed"
        raise YamlSyntaxError(Finding("yaml-syntax", message, shown, line, col))
    return doc


def _find_tag(node: Any, loc: tuple[str | int, ...]) -> tuple[tuple[str | int, ...], str] | None:
    """The first node carrying an explicit tag (``!foo``, ``!!python/...``): data stays data."""
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None:
        return loc, str(tag).replace("tag:yaml.org,2002:", "!!")
    if isinstance(node, dict):
        for key, value in node.items():
            found = _find_tag(value, (*loc, key))
            if found:
                return found
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found = _find_tag(value, (*loc, i))
            if found:
                return found
    return None


def load_yaml(path: Path) -> YamlDoc:
    """Read and parse a YAML file."""
    return parse_yaml(read_text(path), path)


def to_plain(node: Any) -> Any:
    """ruamel's round-trip containers and scalars as plain dict/list/str/int/float/bool."""
    if isinstance(node, dict):
        return {
            str(k) if not isinstance(k, int | bool) else k: to_plain(v) for k, v in node.items()
        }
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
