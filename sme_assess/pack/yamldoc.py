"""Read a YAML 1.2 (or JSON) file safely and answer "where is this node?" as line:col.

Parsing is libyaml's (PyYAML's C parser, about 40x faster than a pure-Python one), composing
a node tree that keeps every position. The data is then built here with YAML 1.2 core-schema
rules: ``yes``/``no``/``on``/``off`` stay strings, dates stay strings, duplicate keys and
explicit tags are errors, nothing is ever constructed from a tag.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Where, display_path
from ..limits import MAX_ALIAS_NODES, MAX_DEPTH, MAX_INT_DIGITS
from .file_bytes import check_document_size as check_document_size
from .file_bytes import read_bytes as read_bytes
from .file_bytes import read_text as read_text
from .findings import Finding
from .yaml_errors import character_finding, syntax_finding
from .yaml_import import import_yaml

Loc = Sequence[str | int]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {_STR, _SEQ, _MAP}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class YamlSyntaxError(InputError):
    """The text is not valid YAML; carries the finding for `validate`."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(
            f"{finding.message} [{finding.rule}]",
            Where(finding.path, finding.line, finding.col),
        )
        self.finding = finding


def _loader_class(pure_python: bool = False) -> Any:
    import_yaml()  # the first import: see pack.yaml_import
    import yaml

    base = yaml.SafeLoader
    if not pure_python:
        base = getattr(yaml, "CSafeLoader", base)  # libyaml when PyYAML has it
    tags = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

    class NodeLoader(base):  # type: ignore[misc, valid-type]
        """Composes nodes only; no implicit resolution (YAML 1.1's would turn yes into True).

        With no implicit and no path resolvers, PyYAML's resolver gives every node its
        kind's default tag; these three hooks, which the composer calls for every node, say
        the same without looking through empty resolver tables (a third of composing)."""

        yaml_implicit_resolvers: dict[str, Any] = {}
        yaml_path_resolvers: dict[Any, Any] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return tags[kind]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    return NodeLoader


_LOADER: list[Any] = []


@dataclass
class YamlDoc:
    """A parsed document: plain data plus the node tree that knows every position."""

    path: str
    text: str
    data: Any
    root: Any = None  # a yaml.Node, or None for documents parsed otherwise (JSON)

    def locate(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at ``loc``.

        ``at_key`` points at the last key itself rather than its value (for unknown keys).
        Steps that are not in the data (pydantic's union tags) are skipped; a path that
        ends at a missing key points at the mapping that should hold it, one that ends at an
        alias (``key: *name``) at its key; a path into an aliased value points into the
        anchored text, where the value is written.
        """
        node = self.root
        if node is None:
            return 1, 1
        mark = node.start_mark
        for i, step in enumerate(loc):
            last = i == len(loc) - 1
            kind = getattr(node, "id", "")
            if kind == "mapping":
                pair = next((kv for kv in node.value if _key_of(kv[0]) == step), None)
                if pair is None:
                    continue  # a step not in the data: stay here
                key_node, value_node = pair
                node = value_node
                # an alias (its value starts before its key) is shown where it is used
                alias = value_node.start_mark.index < key_node.start_mark.index
                use_key = last and (at_key or alias)
                mark = key_node.start_mark if use_key else value_node.start_mark
            elif kind == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
        return mark.line + 1, mark.column + 1


def _key_of(node: Any) -> Any:
    return _scalar(node) if getattr(node, "id", "") == "scalar" else None


_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")
_SPECIAL = _NUMBER_START | _WORD_START  # a plain scalar starting otherwise is text as it is


def _scalar(node: Any) -> Any:
    value: str = node.value
    if node.style or node.tag != _STR:  # quoted, block, or explicitly tagged
        return value
    if not value:
        return None
    first = value[0]
    if first in _NUMBER_START:  # most scalars are words: they skip every pattern
        return _number(value, node)
    if first in _WORD_START:
        if _NULL.match(value):
            return None
        if _TRUE.match(value):
            return True
        if _FALSE.match(value):
            return False
    return value


def _number(value: str, node: Any) -> Any:
    if _INT10.match(value):
        return int(_digits(value, value.lstrip("+-"), node))
    if _INT8.match(value):
        return int(_digits(value[2:], value[2:], node), 8)
    if _INT16.match(value):
        return int(_digits(value[2:], value[2:], node), 16)
    if _FLOAT.match(value):
        number = float(value)
        if math.isinf(number):
            raise _BuildError(
                "yaml-syntax", f"{value} is too large to be a number", node.start_mark
            )
        return number
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _digits(text: str, digits: str, node: Any) -> str:
    if len(digits) > MAX_INT_DIGITS:
        raise _BuildError(
            "yaml-syntax",
            f"a number with more than {MAX_INT_DIGITS} digits; write it as text in quotes "
            "if it is not a number",
            node.start_mark,
        )
    return text


class _BuildError(Exception):
    def __init__(self, rule: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.rule, self.message, self.mark = rule, message, mark


class _Builder:
    """Plain Python data from a node tree: aliases share one value, no tag is constructed.

    Bounded: nesting deeper than MAX_DEPTH (counting what aliases bring in), more than
    MAX_ALIAS_NODES values produced by aliases (a billion-laughs bomb expands exponentially
    while its text stays tiny), and an alias inside the value it names are refused. Each
    shared value is built once and measured once, so legitimate reuse stays linear.
    """

    def __init__(self) -> None:
        self.memo: dict[int, Any] = {}
        self.shape: dict[int, tuple[int, int]] = {}  # id(node) -> (values, height) expanded
        self.open: set[int] = set()  # containers being built (an alias to one is a cycle)
        self.aliased = 0

    def build(self, node: Any, depth: int, at: Any) -> tuple[Any, int, int]:
        """(value, values in it, height) of ``node`` at ``depth``; ``at`` is where it is used."""
        if node.tag not in _PLAIN_TAGS:
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise _BuildError(
                "yaml-syntax", f"explicit tags such as '{tag}' are not allowed", node.start_mark
            )
        if node.id == "scalar":  # not memoised: an aliased scalar costs what its text does
            return _scalar(node), 1, 0
        key = id(node)
        if key in self.memo:
            return self._reuse(node, depth, at)
        if depth > MAX_DEPTH:
            raise _BuildError(
                "yaml-syntax",
                f"lists and mappings nest more than {MAX_DEPTH} deep",
                node.start_mark,
            )
        self.open.add(key)
        size, height = (self._sequence if node.id == "sequence" else self._mapping)(node, depth)
        self.open.discard(key)
        self.shape[key] = (size, height)
        return self.memo[key], size, height

    def _reuse(self, node: Any, depth: int, at: Any) -> tuple[Any, int, int]:
        key = id(node)
        if key in self.open:
            raise _BuildError(
                "yaml-syntax", "an alias is used inside the value it names (a loop)", at
            )
        size, height = self.shape.get(key, (1, 0))
        self.aliased += size
        if self.aliased > MAX_ALIAS_NODES:
            raise _BuildError(
                "yaml-syntax",
                f"aliases expand to more than {MAX_ALIAS_NODES:,} values (an alias bomb?)",
                at,
            )
        if height and depth + height - 1 > MAX_DEPTH:
            raise _BuildError(
                "yaml-syntax", f"lists and mappings nest more than {MAX_DEPTH} deep", at
            )
        return self.memo[key], size, height

    def _sequence(self, node: Any, depth: int) -> tuple[int, int]:
        value: list[Any] = []
        self.memo[id(node)] = value
        size, height = 1, 0
        at = node.start_mark
        append = value.append
        for item in node.value:
            if item.id == "scalar" and item.tag == _STR:  # the common case, inline
                text = item.value
                # quoted, block, or a plain word that no rule of _scalar can turn into
                # anything but itself
                append(text if item.style or (text and text[0] not in _SPECIAL) else _scalar(item))
                size += 1
            else:
                built, n, h = self.build(item, depth + 1, at)
                append(built)
                size += n
                height = h if h > height else height
            at = item.end_mark  # an alias to the next item starts after this one
        return size, height + 1

    def _mapping(self, node: Any, depth: int) -> tuple[int, int]:
        value: dict[Any, Any] = {}
        self.memo[id(node)] = value
        first: dict[Any, Any] = {}
        size, height = 1, 0
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise _BuildError(
                    "yaml-syntax", "a mapping key must be a plain value", key_node.start_mark
                )
            text = key_node.value
            if text == "<<" and not key_node.style:
                raise _BuildError(
                    "yaml-syntax",
                    "merge keys (<<: *name) are YAML 1.1, not 1.2; write the keys out, "
                    "or alias a whole value",
                    key_node.start_mark,
                )
            if key_node.tag == _STR:  # as build() would: a scalar whose tag is plain
                key = (
                    text
                    if key_node.style or (text and text[0] not in _SPECIAL)
                    else (_scalar(key_node))
                )
            else:
                key, _, _ = self.build(key_node, depth + 1, key_node.start_mark)
            if key in value:
                raise _BuildError(
                    "yaml-duplicate-key",
                    f"duplicate key '{key}' (first at line {first[key].line + 1})",
                    key_node.start_mark,
                )
            first[key] = key_node.start_mark
            if value_node.id == "scalar" and value_node.tag == _STR:  # the common case
                text = value_node.value
                value[key] = (
                    text
                    if value_node.style or (text and text[0] not in _SPECIAL)
                    else _scalar(value_node)
                )
                size += 2
                continue
            built, n, h = self.build(value_node, depth + 1, key_node.start_mark)
            value[key] = built
            size += 1 + n
            height = h if h > height else height
        return size, height + 1


def parse_yaml(text: str, path: Path | str) -> YamlDoc:
    """Parse ``text`` (YAML 1.2; JSON is YAML too). Raises YamlSyntaxError with a position."""
    shown = display_path(path)
    check_document_size(text, shown)
    if not _LOADER:
        _LOADER.append(_loader_class())
    collecting = gc.isenabled()
    gc.disable()  # scanning the tree as it grows finds nothing to free (a loop is freed later)
    try:
        return _parse(text, shown)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, shown: str) -> YamlDoc:
    import yaml

    try:
        root = yaml.compose(text, Loader=_LOADER[0])
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(syntax_finding(exc, shown, text)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: located, one line
        raise YamlSyntaxError(character_finding(exc, shown, text)) from None
    except yaml.YAMLError as exc:  # unmarked errors are rare (e.g. bad stream); point at the top
        raise YamlSyntaxError(Finding("yaml-syntax", str(exc).strip(), shown)) from None
    if root is None:
        return YamlDoc(shown, text, None, None)
    try:
        data, _, _ = _Builder().build(root, 1, root.start_mark)
    except _BuildError as exc:
        finding = Finding(exc.rule, exc.message, shown, exc.mark.line + 1, exc.mark.column + 1)
        raise YamlSyntaxError(finding) from None
    except RecursionError:
        raise YamlSyntaxError(
            Finding("yaml-syntax", "the document nests too deeply", shown)
        ) from None
    return YamlDoc(shown, text, data, root)


def load_yaml(path: Path) -> YamlDoc:
    """Read and parse a YAML file."""
    return parse_yaml(read_text(path), path)


def where_in(doc: YamlDoc, loc: tuple[str | int, ...]) -> Where:
    """Where the value at ``loc`` is written in an answers file."""
    placed = positioned(doc)
    if placed is None:
        return Where(doc.path)
    line, col = placed.locate(loc)
    return Where(doc.path, line, col)


def positioned(doc: YamlDoc) -> YamlDoc | None:
    """``doc`` with the node tree that knows positions. JSON is parsed without them (fast);
    only a file with a problem is read again, as YAML (JSON is YAML), to place it. None when
    YAML reads it otherwise (rare: then the file alone is named)."""
    if doc.root is not None or not isinstance(doc.data, dict):
        return doc if doc.root is not None else None
    try:
        return YamlDoc(doc.path, doc.text, doc.data, parse_yaml(doc.text, doc.path).root)
    except InputError:
        return None
