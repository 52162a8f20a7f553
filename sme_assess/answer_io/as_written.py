"""Values of an answers file that YAML would read otherwise than they were typed: refused at
line:col with what to write instead, never scored as a different value.

YAML (1.2, as the tool reads it) turns ``company: 0123`` into the number 123 and an answer of
``0x1F`` into 31, while YAML 1.1 tools read ``0123`` as octal 83: a value whose reading depends
on the tool is not guessed. Refused: a number, true/false where the respondent's text fields
(company, sector, size, region, contact) want text, and, anywhere under ``respondent`` or
``answers``, a number written in hexadecimal, octal or with a leading zero. A quoted value is
text as typed and never refused; JSON has none of these spellings, only a number where text is
wanted.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError, Where
from ..pack.yamldoc import YamlDoc, parse_yaml

TEXT_FIELDS = ("company", "sector", "size", "region", "contact")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$")
_HEX_OR_OCTAL = re.compile(r"^(?:0x[0-9a-fA-F]+|0o[0-7]+)$")


def check_as_written(doc: YamlDoc) -> None:
    """Raise InputError at the first value read otherwise than typed (see the module)."""
    data = doc.data
    if not isinstance(data, dict):
        return
    respondent = data.get("respondent")
    if isinstance(respondent, dict):
        for key in TEXT_FIELDS:
            value = respondent.get(key)
            if value is not None and not isinstance(value, str):
                _refuse_text(doc, key, value)
    if doc.root is None:
        return  # JSON: no spelling but the JSON one
    for section in ("respondent", "answers"):
        node = _value_node(doc.root, section)
        if node is not None and node.id == "mapping":
            for key_node, value_node in node.value:
                for item in value_node.value if value_node.id == "sequence" else [value_node]:
                    _check_spelling(doc, section, key_node.value, item)


def _value_node(mapping: Any, key: str) -> Any:
    if getattr(mapping, "id", "") != "mapping":
        return None
    for key_node, value_node in mapping.value:
        if key_node.id == "scalar" and key_node.value == key:
            return value_node
    return None


def _refuse_text(doc: YamlDoc, key: str, value: Any) -> None:
    node = _value_node(_value_node(doc.root, "respondent"), key) if doc.root is not None else None
    typed = node.value if node is not None and node.id == "scalar" else _json(value)
    read = "true or false" if isinstance(value, bool) else f"the number {_json(value)}"
    raise InputError(
        f'respondent.{key}: {typed} is read as {read}, not as text: write it in quotes, "{typed}"',
        _where(doc, ("respondent", key), node),
    )


def _check_spelling(doc: YamlDoc, section: str, key: Any, node: Any) -> None:
    if node.id != "scalar" or node.style or node.tag != "tag:yaml.org,2002:str":
        return
    typed = node.value
    if _HEX_OR_OCTAL.match(typed):
        base = "hexadecimal" if typed[1] == "x" else "octal"
        number = str(int(typed[2:], 16 if base == "hexadecimal" else 8))
        why = f"{typed} is a number in {base} ({number})"
    elif _LEADING_ZERO.match(typed):
        decimal = any(c in typed for c in ".eE")
        number = repr(float(typed)) if decimal else str(int(typed))
        digits = typed.lstrip("+-")
        if not decimal and set(digits) <= set("01234567"):
            octal = ("-" if typed.startswith("-") else "") + str(int(digits, 8))
            why = f"{typed} has a leading zero: {number} here, but octal {octal} to YAML 1.1 tools"
        else:
            why = f"{typed} has a leading zero, which YAML tools read differently"
    else:
        return
    raise InputError(
        f'{section}.{key}: {why}: write {number} for the number, or "{typed}" in quotes for text',
        _where(doc, (), node),
    )


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _where(doc: YamlDoc, loc: tuple[str, ...], node: Any) -> Where:
    if node is not None:
        return Where(doc.path, node.start_mark.line + 1, node.start_mark.column + 1)
    try:  # JSON is parsed without positions: read again as YAML (JSON is YAML) to place it
        line, col = parse_yaml(doc.text, doc.path).locate(loc)
    except InputError:
        return Where(doc.path)
    return Where(doc.path, line, col)
