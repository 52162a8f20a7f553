"""`validate`'s full findings on frozen inputs, recorded before the validate speed work, so
that making `validate` faster provably changes no finding (``test_validate_golden.py``).

Every finding is pinned whole: file, line, column, rule, severity and message. The inputs
are frozen in ``tests/fixtures/validate_golden`` (the sample pack as it was; the built-in
pack is the engine golden's frozen copy) and every mutation is written out in the golden
itself, so neither other work on the packs nor a change of Python's random generator moves
them:
- each case of the rules corpus (``test_rules_corpus.CASES``), applied to the frozen sample;
- seeded mutations of the frozen sample (a line deleted, doubled, indented, swapped with the
  next, a value replaced by another kind of YAML: anchors, aliases, tags, merge keys...);
- the frozen built-in pack as it is and with a few mutations (its 86 warnings point all
  over both files);
- YAML documents parsed alone: the error's rule, position and message, or the data (with
  its types) and the position of every key and value.

Regenerate (only when a change is meant to alter findings, from the commit before it):
    .venv/bin/python -m tests.unit.validate_golden --write
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any

from sme_assess.pack.checking import check_paths
from sme_assess.pack.yamldoc import YamlSyntaxError, parse_yaml

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "validate_golden"
SAMPLE = HERE / "sample"
BUILTIN = Path(__file__).resolve().parent.parent / "fixtures" / "engine_golden" / "pack"
GOLDEN = HERE / "golden.json"
FILES = ("questionnaire.yaml", "catalogue.yaml")

_VALUES = [
    "x",
    "1",
    "-1",
    "1.5",
    "1e3",
    "0x1F",
    "0o17",
    ".inf",
    ".nan",
    "true",
    "yes",
    "~",
    "null",
    "''",
    '"a\\tb"',
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "&anchor x",
    "*anchor",
    "!!str 5",
    "!!int 5",
    "!!python/name:os.system",
    "2024-01-01",
    "[unclosed",
    "'unclosed",
    "a: b",
    "- x",
    "12345678901234567890123456789012345678901234567890",
    "|\n  block",
]
_KEYS = ["<<", "id", "type", "unknown_key", "show_if", "text", "zh", "1", "? complex"]


def _mutations(text: str, rnd: random.Random) -> dict[str, Any]:
    lines = text.split("\n")
    i = rnd.randrange(len(lines))
    kind = rnd.choice(["delete", "double", "indent", "dedent", "swap", "value", "key", "tab"])
    return {"kind": kind, "line": i, "value": rnd.choice(_VALUES), "key": rnd.choice(_KEYS)}


def mutate(text: str, m: dict[str, Any]) -> str:
    """``text`` with the mutation ``m`` applied (deterministic: all of it is in ``m``)."""
    lines = text.split("\n")
    i, kind = m["line"], m["kind"]
    line = lines[i]
    if kind == "delete":
        del lines[i]
    elif kind == "double":
        lines.insert(i, line)
    elif kind == "indent":
        lines[i] = "  " + line
    elif kind == "dedent":
        lines[i] = line[2:] if line.startswith("  ") else line
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], line
    elif kind == "value":
        head, sep, _ = line.partition(": ")
        lines[i] = f"{head}{sep}{m['value']}" if sep else f"{line} {m['value']}"
    elif kind == "key":
        indent = len(line) - len(line.lstrip(" -"))
        _, sep, tail = line.partition(":")
        lines[i] = f"{line[:indent]}{m['key']}:{tail}" if sep else f"{line[:indent]}{m['key']}: x"
    elif kind == "tab":
        lines[i] = "\t" + line.lstrip(" ")
    return "\n".join(lines)


def findings_of(pack: Path) -> list[str]:
    """Every finding of ``pack`` as one line: file name, line, column, rule, severity, message."""
    return [
        f"{Path(f.path).name}:{f.line}:{f.col} {f.rule} {f.level.value} {f.message}"
        for f in check_paths([pack]).findings
    ]


def _with_pack(source: Path, tmp: Path, edits: dict[str, str]) -> Path:
    dest = tmp / "pack"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    for name, text in edits.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


YAML_DOCS: dict[str, str] = {
    "scalars": (
        "a: yes\nb: no\nc: on\nd: ~\ne: null\nf: Null\ng: TRUE\nh: False\ni: 0o17\nj: 0x1f\n"
        "k: -12\nl: +3\nm: 1.5\nn: .5\no: 1e3\np: -.inf\nq: .NaN\nr: 2024-01-01\ns: '1'\n"
        't: "2"\nu: !!str 3\nv: ""\nw:\nx: 1_000\ny: 1.\nz: +.5e-3\n'
    ),
    "nested": (
        "top:\n  list:\n    - a\n    - {b: 1, c: [2, 3]}\n    - - nested\n      - more\n"
        "  text: |\n    block\n    text\n  folded: >\n    folded\n    text\n"
        "  empty_list: []\n  empty_map: {}\n  'quoted key': 1\n  \"dq\": 2\n"
    ),
    "aliases": (
        "base: &b\n  x: 1\n  y: [1, 2]\nuse: *b\nlist:\n  - &s scalar\n  - *s\n  - *b\n"
        "deep:\n  more: *b\n"
    ),
    "alias-key": "k: &k key\n*k : value\n",
    "flow": "{a: [1, 2, {b: c}], d: 'e', f: \"g\\nh\"}\n",
    "json": '{"a": 1, "b": [true, false, null], "c": {"d": "e"}, "f": 1.5e2}\n',
    "empty": "",
    "comment-only": "# nothing\n",
    "top-list": "- a\n- b\n",
    "top-scalar": "just text\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "unicode": "名称: 数字化\nlist:\n  - 中文\n  - {键: 值}\n",
    "explicit-doc": "---\na: 1\n...\n",
    "two-docs": "a: 1\n---\nb: 2\n",
    "dup-key": "a: 1\nb:\n  c: 1\n  c: 2\n",
    "dup-key-null": "~: 1\nnull: 2\n",
    "dup-key-int": "1: a\n0x1: b\n",
    "tag-python": "a: !!python/object/apply:os.system ['true']\n",
    "tag-local": "a: !custom x\n",
    "tag-int": "a: !!int '5'\n",
    "tag-map": "a: !!map {b: 1}\n",
    "tag-seq-scalar": "a: !!seq x\n",
    "tag-nonspecific": "a: ! 5\n",
    "merge-key": "b: &b {x: 1}\nc:\n  <<: *b\n",
    "merge-key-quoted": "'<<': 1\n",
    "complex-key": "? [a, b]\n: c\n",
    "alias-undefined": "a: *nope\n",
    "anchor-twice": "a: &x 1\nb: &x 2\n",
    "alias-loop": "a: &a\n  - *a\n",
    "alias-loop-map": "a: &a\n  b: *a\n",
    "alias-bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    ),
    "deep": "a: " + "[" * 120 + "]" * 120 + "\n",
    "deep-block": "".join(f"{'  ' * i}k{i}:\n" for i in range(110)) + "  " * 110 + "end\n",
    "deep-alias": "a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 60 + "*a" + "]" * 60 + "\n",
    "huge-int": "a: " + "9" * 5000 + "\n",
    "huge-hex": "a: 0x" + "f" * 5000 + "\n",
    "tab-indent": "a:\n\tb: 1\n",
    "tab-in-value": "a: x\tb\n",
    "bad-indent": "a:\n  b: 1\n c: 2\n",
    "unclosed-flow": "a: [1, 2\n",
    "unclosed-quote": "a: 'x\nb: 1\n",
    "colon-in-value": "a: b: c\n",
    "bad-escape": 'a: "\\q"\n',
    "control-char": "a: \x07\n",
    "directive": "%YAML 1.1\n---\na: yes\n",
    "bad-directive": "%FOO bar\n---\na: 1\n",
    "bom": "\ufeffa: 1\n",
    "stray-end": "a: 1\n]\n",
}


def yaml_golden() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, text in YAML_DOCS.items():
        try:
            doc = parse_yaml(text, "doc.yaml")
        except YamlSyntaxError as exc:
            f = exc.finding
            out[name] = {"error": f"{f.path}:{f.line}:{f.col} {f.rule} {f.message}"}
            continue
        out[name] = {"data": _typed(doc.data), "positions": _positions(doc, doc.data, ())}
    return out


def _typed(data: Any) -> Any:
    """Data as JSON that keeps types apart (1, 1.0, '1', True and None all differ)."""
    if isinstance(data, dict):
        return [["map"], *[[_typed(k), _typed(v)] for k, v in data.items()]]
    if isinstance(data, list):
        return [["seq"], *[_typed(v) for v in data]]
    return f"{type(data).__name__}:{data!r}"


def _positions(doc: Any, data: Any, loc: tuple[Any, ...], depth: int = 0) -> list[str]:
    found = [f"{list(loc)} {doc.locate(loc)} {doc.locate(loc, at_key=True)}"]
    if depth > 6:
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found += _positions(doc, value, (*loc, key), depth + 1)
        found.append(f"{[*loc, '_missing_']} {doc.locate((*loc, '_missing_'))}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _positions(doc, value, (*loc, i), depth + 1)
    return found


def specs() -> dict[str, list[dict[str, Any]]]:
    """The packs to validate, each as a base pack and the edit that breaks it."""
    from .test_rules_corpus import CASES

    found: dict[str, list[dict[str, Any]]] = {"corpus": [], "mutations": [], "builtin": []}
    texts = {name: (SAMPLE / name).read_text(encoding="utf-8") for name in FILES}
    for case in CASES:
        if texts[case.file].count(case.old) == 1:
            edit = {"kind": "replace", "old": case.old, "new": case.new}
            found["corpus"].append({"id": case.id, "file": case.file, **edit})
    rnd = random.Random(20261130)
    for _ in range(240):
        name = rnd.choice(FILES)
        found["mutations"].append({"file": name, **_mutations(texts[name], rnd)})
    big = {name: (BUILTIN / name).read_text(encoding="utf-8") for name in FILES}
    found["builtin"].append({"file": None})
    rnd = random.Random(17)
    for _ in range(12):
        name = rnd.choice(FILES)
        found["builtin"].append({"file": name, **_mutations(big[name], rnd)})
    return found


def replay(group: str, spec: dict[str, Any], tmp: Path) -> list[str]:
    """The findings of one spec's pack."""
    base = BUILTIN if group == "builtin" else SAMPLE
    name = spec["file"]
    if name is None:
        return findings_of(base)
    text = (base / name).read_text(encoding="utf-8")
    if spec["kind"] == "replace":
        assert text.count(spec["old"]) == 1, spec
        text = text.replace(spec["old"], spec["new"])
    else:
        text = mutate(text, spec)
    return findings_of(_with_pack(base, tmp, {name: text}))


def record(tmp: Path) -> dict[str, Any]:
    """The golden: every spec with its findings, and the YAML documents' parse results."""
    golden: dict[str, Any] = {}
    for group, items in specs().items():
        golden[group] = [{**spec, "findings": replay(group, spec, tmp)} for spec in items]
    golden["yaml"] = yaml_golden()
    return golden


if __name__ == "__main__":
    import tempfile

    if "--write" not in sys.argv:
        print(__doc__)
        raise SystemExit(2)
    with tempfile.TemporaryDirectory() as folder:
        data = record(Path(folder))
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
