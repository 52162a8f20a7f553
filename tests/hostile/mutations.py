"""Mutations of valid input files for the mutation fuzzer (tests/hostile/fuzz_targets.py,
scripts/fuzz_mutate.py): structural ones on the parsed document (delete, duplicate, reorder
and retype keys and items; hostile numbers and strings) written back as YAML or JSON, and
textual ones on the bytes (tabs, line endings, BOMs, truncation, anchors and merge keys, extra
documents, bytes that are not UTF-8). Every mutation is drawn from a ``random.Random``, so a
seed gives the same case again; each returns the new bytes and a short name of what it did.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from typing import Any

import yaml

# --- values that readers treat specially ------------------------------------------------------

HOSTILE_NUMBERS: list[Any] = [
    0,
    -1,
    -(10**6),
    10**30,
    10**99,
    10**101,
    1e308,
    -1e308,
    5e-324,
    -0.0,
    0.5,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
]
HOSTILE_STRINGS: list[str] = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: JSON can escape it, UTF-8 cannot hold it
    "\u202eevil\u202c",  # right-to-left override
    "\u200f",  # right-to-left mark
    "e\u0301\u0301\u0301",  # combining characters
    "\u200b",  # zero-width space
    "\x1b[31mred",
    "x" * 20_000,
    "长" * 10_001,
    "line\nbreak",
    "\t",
    "n/a",
    "unknown",
    "yes",
    "~",
    "null",
    "1.0",
    "1e999999",
    "<b>bold</b>",
    "{{ x }}",
    "'; DROP",
    "🏭\u200d🔥",
]


def _hostile_scalar(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(HOSTILE_NUMBERS)
    if pick < 0.85:
        return rng.choice(HOSTILE_STRINGS)
    return None


def _retyped(value: Any, rng: random.Random) -> Any:
    """``value`` as another type: str <-> int <-> list <-> dict <-> null."""
    kinds: list[Callable[[], Any]] = [
        lambda: str(value),
        lambda: 7,
        lambda: [value],
        lambda: {"x": value},
        lambda: {str(value)[:20]: value} if not isinstance(value, (dict, list)) else {},
        lambda: None,
        lambda: [],
        lambda: {},
        lambda: True,
        lambda: 1.5,
    ]
    return rng.choice(kinds)()


# --- structural mutations -------------------------------------------------------------------


def _containers(doc: Any) -> list[Any]:
    """Every dict and list in ``doc`` (the root first), each once."""
    found: list[Any] = []
    stack = [doc]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            found.append(node)
            stack.extend(node)
    return found


def _slot(node: Any, rng: random.Random) -> Any:
    """A key of a dict or an index of a list."""
    return rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))


def _references(nodes: list[Any], rng: random.Random, op: str) -> str:
    """``crossref``: a text value replaced by another text value of the document (an id of
    one kind where another is meant, a question where an option is); ``duplicate-id``: an
    item of a list of texts given twice."""
    if op == "duplicate-id":
        lists = [n for n in nodes if isinstance(n, list) and all(isinstance(x, str) for x in n)]
        if not lists:
            return "nothing"
        node = rng.choice(lists)
        node.insert(rng.randrange(len(node) + 1), rng.choice(node))
        return f"{op}:{node[:3]!r}"
    places = [
        (n, k)
        for n in nodes
        for k in (n if isinstance(n, dict) else range(len(n)))
        if isinstance(n[k], str) and len(n[k]) < 60
    ]
    if len(places) < 2:
        return "nothing"
    (node, key), (other, other_key) = rng.sample(places, 2)
    node[key] = other[other_key]
    return f"{op}:{str(key)[:30]!r}={other[other_key][:30]!r}"


def mutate_tree(doc: Any, rng: random.Random) -> str:
    """Change ``doc`` in place, once; the name of the change."""
    nodes = [n for n in _containers(doc) if n]
    if not nodes:
        return "nothing"
    op = rng.choice(
        [
            *("delete", "duplicate", "reorder", "retype", "hostile", "rename", "nest", "empty"),
            *("crossref", "crossref", "duplicate-id"),
        ]
    )
    if op in ("crossref", "duplicate-id"):
        return _references(nodes, rng, op)
    node = rng.choice(nodes)
    slot = _slot(node, rng)
    if op == "delete":
        del node[slot]
    elif op == "duplicate":
        if isinstance(node, list):
            node.insert(slot, copy.deepcopy(node[slot]))
        else:
            node[f"{slot}_copy"] = node[slot]
    elif op == "reorder":
        items = list(node.items()) if isinstance(node, dict) else list(node)
        rng.shuffle(items)
        if isinstance(node, dict):
            node.clear()
            node.update(items)
        else:
            node[:] = items
    elif op == "retype":
        node[slot] = _retyped(node[slot], rng)
    elif op == "hostile":
        node[slot] = _hostile_scalar(rng)
    elif op == "rename" and isinstance(node, dict):
        value = node.pop(slot)
        node[rng.choice([f"{slot}x", str(slot)[:-1], str(slot).upper(), "", 1, None])] = value
    elif op == "nest":
        node[slot] = [[[[node[slot]]]]]
    else:
        node[slot] = rng.choice(["", [], {}, None])
    return f"{op}:{str(slot)[:30]!r}"


def _yaml_safe(value: Any) -> Any:
    """``value`` with what yaml.safe_dump cannot write (None keys are fine) made writable."""
    if isinstance(value, dict):
        return {k: _yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_safe(v) for v in value]
    return value


def dump(doc: Any, rng: random.Random, as_json: bool) -> bytes:
    """``doc`` written as JSON (escapes kept, NaN allowed) or YAML."""
    if as_json:
        text = json.dumps(
            doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1]), default=str
        )
        return text.encode("utf-8", "surrogatepass")
    try:
        text = yaml.safe_dump(
            _yaml_safe(doc), allow_unicode=rng.random() < 0.7, sort_keys=False, width=4096
        )
    except yaml.YAMLError:
        text = json.dumps(doc, default=str)
    return text.encode("utf-8", "surrogatepass")


def structural(text: str, rng: random.Random, as_json: bool) -> tuple[bytes, str]:
    """One to three tree changes of a valid YAML/JSON document, written back."""
    from sme_assess.pack.yamldoc import parse_yaml  # PyYAML alone refuses `make?,` in a flow

    doc = parse_yaml(text, "seed").data
    names = [mutate_tree(doc, rng) for _ in range(rng.randint(1, 3))]
    return dump(doc, rng, as_json), "tree " + ",".join(names)


# --- textual mutations --------------------------------------------------------------------

SPLICES = [
    "\t",
    "\x00",
    "\ufeff",
    "&a ",
    "*a",
    "*nowhere",
    "<<: *a\n",
    "<<: {x: 1}\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!!set {a, b}",
    "? [a, b]\n: c\n",
    "[" * 80,
    "{" * 40,
    "]",
    "}",
    ": ",
    "- ",
    "'",
    '"',
    "#",
    "|\n",
    ">-\n",
    "9" * 500,
    "1e999999",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "2026-13-45",
    "12:30:00",
    "\u2028",
    "\u0085",
    "\\ud800",
    "\\u0000",
]
BAD_BYTES = [b"\xff", b"\xc3", b"\xe4\xb8", b"\x80\x80", b"\xed\xa0\x80", b"\xfe\xff", b"\xd6\xd0"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def textual(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One change of the raw text."""
    op = rng.choice(
        [
            "truncate",
            "crlf",
            "cr",
            "bom",
            "utf16",
            "tab-indent",
            "splice",
            "bad-bytes",
            "delete-line",
            "duplicate-line",
            "swap-lines",
            "indent",
            "anchor-merge",
            "second-document",
            "duplicate-key",
            "gbk",
        ]
    )
    lines = _lines(data)
    at = rng.randrange(len(lines))
    if op == "truncate":
        return data[: rng.randrange(len(data) + 1)], op
    if op == "crlf":
        return data.replace(b"\n", b"\r\n"), op
    if op == "cr":
        return data.replace(b"\n", b"\r"), op
    if op == "bom":
        return b"\xef\xbb\xbf" + data, op
    if op == "utf16":
        text = data.decode("utf-8", "replace")
        return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-32"])), op
    if op == "gbk":
        return data.decode("utf-8", "replace").encode("gb18030", "replace"), op
    if op == "tab-indent":
        indented = [i for i, line in enumerate(lines) if line.startswith(b"  ")]
        if indented:
            i = rng.choice(indented)
            lines[i] = b"\t" + lines[i][2:]
        return b"\n".join(lines), op
    if op == "splice":
        piece = rng.choice(SPLICES).encode("utf-8", "surrogatepass")
        line = lines[at]
        cut = rng.randrange(len(line) + 1)
        lines[at] = line[:cut] + piece + (line[cut:] if rng.random() < 0.5 else b"")
        return b"\n".join(lines), f"splice:{piece[:12]!r}@{at + 1}"
    if op == "bad-bytes":
        cut = rng.randrange(len(data) + 1)
        return data[:cut] + rng.choice(BAD_BYTES) + data[cut:], op
    if op == "delete-line":
        del lines[at]
        return b"\n".join(lines), f"{op}@{at + 1}"
    if op == "duplicate-line":
        lines.insert(at, lines[at])
        return b"\n".join(lines), f"{op}@{at + 1}"
    if op == "swap-lines":
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
        return b"\n".join(lines), f"{op}@{at + 1},{other + 1}"
    if op == "indent":
        lines[at] = rng.choice([b"  ", b" ", b"    "]) + lines[at]
        return b"\n".join(lines), f"{op}@{at + 1}"
    if op == "anchor-merge":
        keyed = [i for i, line in enumerate(lines) if line.rstrip().endswith(b":")]
        if len(keyed) >= 2:
            first, second = sorted(rng.sample(keyed, 2))
            lines[first] = lines[first] + b" &a"
            pad = (
                len(lines[second + 1]) - len(lines[second + 1].lstrip())
                if second + 1 < len(lines)
                else 2
            )
            lines.insert(second + 1, b" " * pad + b"<<: *a")
        return b"\n".join(lines), op
    if op == "second-document":
        return data + b"\n---\n" + data[: rng.randrange(len(data) + 1)], op
    # duplicate-key: a "key: value" line given twice
    keyed = [
        i for i, line in enumerate(lines) if b": " in line and not line.lstrip().startswith(b"#")
    ]
    if keyed:
        i = rng.choice(keyed)
        lines.insert(i + 1, lines[i])
    return b"\n".join(lines), op


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A mutation of a valid YAML or JSON file: structural or textual or both."""
    pick = rng.random()
    text = data.decode("utf-8")
    if pick < 0.45:
        return structural(text, rng, as_json=rng.random() < 0.4)
    if pick < 0.85:
        return textual(data, rng)
    out, name = structural(text, rng, as_json=rng.random() < 0.4)
    out2, name2 = textual(out, rng)
    return out2, f"{name} + {name2}"
