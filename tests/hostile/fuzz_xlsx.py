"""The mutation fuzzer's XLSX target: real survey exports (tests/fixtures/platforms/*.xlsx)
damaged at the zip and XML level, then read by ``score`` (which must say it is a table),
``batch --check-mapping`` and a whole ``batch``.

The damage: a truncated or bit-flipped zip, a missing or misnamed part, shared strings that
are broken or out of range, cells of the wrong type, huge or odd cell and dimension
references, formulas, merged cells, huge texts, and XML entity tricks (an entity bomb, an
external entity, a DOCTYPE at all). Judged as every other target (``fuzz_targets.judge``,
a workbook being no text file: its file name is enough), within the time and memory limits.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from .fuzz_targets import FIXTURES, Case, invoke, judge

EXPORTS = sorted((FIXTURES / "platforms").glob("*.xlsx"))
SHEET = "xl/worksheets/sheet1.xml"
RELS = "xl/_rels/workbook.xml.rels"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"( [^>]*)?>(.*?)</c>', re.S)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _zip(parts: dict[str, bytes], rng: random.Random) -> bytes:
    out = io.BytesIO()
    method = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _cells(sheet: bytes, rng: random.Random, n: int) -> list[re.Match[bytes]]:
    found = list(_CELL.finditer(sheet))
    return rng.sample(found, min(n, len(found)))


def _replace(
    sheet: bytes, cells: list[re.Match[bytes]], make: Callable[[re.Match[bytes]], bytes]
) -> bytes:
    for m in sorted(cells, key=lambda m: -m.start()):
        sheet = sheet[: m.start()] + make(m) + sheet[m.end() :]
    return sheet


def _shared(parts: dict[str, bytes], rng: random.Random) -> str:
    """Some cells moved to a shared-strings part, then that part or its indexes broken."""
    sheet = parts[SHEET]
    cells = _cells(sheet, rng, rng.randint(1, 30))
    texts: list[bytes] = []

    def to_shared(m: re.Match[bytes]) -> bytes:
        text = re.search(rb"<t[^>]*>(.*?)</t>", m.group(4), re.S)
        texts.append(text.group(1) if text else b"")
        return b'<c r="%s%s" t="s"><v>%d</v></c>' % (m.group(1), m.group(2), len(texts) - 1)

    parts[SHEET] = _replace(sheet, sorted(cells, key=lambda m: m.start()), to_shared)
    items = b"".join(b"<si><t>%s</t></si>" % t for t in reversed(texts))
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>'
    how = rng.choice(["fine", "missing", "short", "truncated", "bad-index", "rich", "not-xml"])
    if how != "missing":
        parts["xl/sharedStrings.xml"] = sst % items
        rel = f'<Relationship Id="rId99" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts[RELS] = parts[RELS].replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    if how == "short":
        parts["xl/sharedStrings.xml"] = sst % items[: len(items) // 3].rsplit(b"<si>", 1)[0]
    elif how == "truncated":
        parts["xl/sharedStrings.xml"] = (sst % items)[: rng.randint(0, len(items))]
    elif how == "bad-index":
        index = rng.choice([b"-1", b"1e9", b"x", b"", b"99999999999999999999", b"1.5", b"NaN"])
        parts[SHEET] = parts[SHEET].replace(b"<v>0</v>", b"<v>" + index + b"</v>", 1)
    elif how == "rich":
        parts["xl/sharedStrings.xml"] = (
            (sst % items)
            .replace(b"<si><t>", b"<si><r><rPr><b/></rPr><t>bold </t></r><r><t>", 3)
            .replace(b"</t></si>", b"</t></r><rPh><t>phon</t></rPh></si>", 3)
        )
    elif how == "not-xml":
        parts["xl/sharedStrings.xml"] = b"\xff\xfe<sst>" + bytes(
            rng.randrange(256) for _ in range(50)
        )
    return f"shared-strings:{how}"


def _types(parts: dict[str, bytes], rng: random.Random) -> str:
    """Cells of the wrong type or value: numbers that are not, booleans of 2, errors, dates."""
    kinds = [
        b'<c r="%s%s" t="n"><v>not a number</v></c>',
        b'<c r="%s%s" t="b"><v>2</v></c>',
        b'<c r="%s%s" t="e"><v>#N/A</v></c>',
        b'<c r="%s%s" t="d"><v>2026-13-45T99:00</v></c>',
        b'<c r="%s%s"><v>1e999</v></c>',
        b'<c r="%s%s"><v>NaN</v></c>',
        b'<c r="%s%s" s="9999"><v>45000.5</v></c>',
        b'<c r="%s%s" t="inlineStr"><is><t>' + ("长" * 40_000).encode() + b"</t></is></c>",
        b'<c r="%s%s" t="inlineStr"><is><t>a\x00b</t></is></c>',
        b'<c r="%s%s" t="inlineStr"><is><t>&#0;&#xD800;</t></is></c>',
        b'<c r="%s%s" t="weird"><v>1</v></c>',
        b'<c r="%s%s"/>',
        b'<c r="%s%s" t="inlineStr"><is></is></c>',
    ]
    kind = rng.choice(kinds)
    cells = _cells(parts[SHEET], rng, rng.randint(1, 10))
    parts[SHEET] = _replace(parts[SHEET], cells, lambda m: kind % (m.group(1), m.group(2)))
    return "cell-type:" + kind.split(b">", 1)[0].decode("utf-8", "replace")[:30]


def _refs(parts: dict[str, bytes], rng: random.Random) -> str:
    """Cell, row and dimension references that are huge, missing, repeated or out of order."""
    sheet = parts[SHEET]
    how = rng.choice(["dimension", "cell-ref", "row-ref", "no-refs", "repeat", "reorder"])
    if how == "dimension":
        ref = rng.choice([b"A1:XFD1048576", b"A1:ZZZZZ99999999999", b"", b"A0:B0", b"B2:A1"])
        sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', sheet)
    elif how == "cell-ref":
        ref = rng.choice([b"XFD1048576", b"A0", b"ZZZZ1", b"A99999999999", b"a1", b"1A", b""])
        cells = _cells(sheet, rng, 3)
        sheet = _replace(
            sheet,
            cells,
            lambda m: m.group(0).replace(b'r="' + m.group(1) + m.group(2), b'r="' + ref, 1),
        )
    elif how == "row-ref":
        ref = rng.choice([b"0", b"-1", b"99999999999", b"x", b"1048577", b"2"])
        rows = list(re.finditer(rb'<row r="\d+"', sheet))
        m = rng.choice(rows)
        sheet = sheet[: m.start()] + b'<row r="' + ref + b'"' + sheet[m.end() :]
    elif how == "no-refs":
        sheet = re.sub(rb' r="[A-Z]*\d+"', b"", sheet)
    elif how == "repeat":
        rows = re.findall(rb"<row .*?</row>", sheet, re.S)
        if rows:
            row = rng.choice(rows)
            sheet = sheet.replace(row, row + row, 1)
    else:
        rows = re.findall(rb"<row .*?</row>", sheet, re.S)
        start, end = sheet.find(b"<sheetData>") + 11, sheet.find(b"</sheetData>")
        rng.shuffle(rows)
        sheet = sheet[:start] + b"".join(rows) + sheet[end:]
    parts[SHEET] = sheet
    return f"refs:{how}"


def _formulas(parts: dict[str, bytes], rng: random.Random) -> str:
    kind = rng.choice(
        [
            b'<c r="%s%s" t="str"><f>A1&amp;B1</f><v>cached</v></c>',
            b'<c r="%s%s"><f>1/0</f></c>',
            b'<c r="%s%s" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c>',
            b'<c r="%s%s"><f t="shared" si="0" ref="A1:Z99">SUM(A1)</f><v>3</v></c>',
            b'<c r="%s%s" t="e"><f>NA()</f><v>#N/A</v></c>',
        ]
    )
    cells = _cells(parts[SHEET], rng, rng.randint(1, 6))
    parts[SHEET] = _replace(parts[SHEET], cells, lambda m: kind % (m.group(1), m.group(2)))
    return "formula"


def _merged(parts: dict[str, bytes], rng: random.Random) -> str:
    refs = rng.choice([b"A1:C3", b"A1:XFD1048576", b"G2:G9", b"B1:A1", b"junk", b"A2:D2"])
    merged = b'<mergeCells count="2"><mergeCell ref="%s"/><mergeCell ref="J3:L3"/></mergeCells>'
    parts[SHEET] = parts[SHEET].replace(b"</sheetData>", b"</sheetData>" + merged % refs, 1)
    return f"merged:{refs.decode()}"


def _entities(parts: dict[str, bytes], rng: random.Random) -> str:
    name = rng.choice([SHEET, "xl/workbook.xml", "[Content_Types].xml", RELS])
    how = rng.choice(["bomb", "external", "parameter", "doctype"])
    if how == "bomb":
        ents = '<!ENTITY a0 "lol">' + "".join(
            f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
        )
        use = b"&a9;"
    elif how == "external":
        ents, use = '<!ENTITY x SYSTEM "file:///etc/passwd">', b"&x;"
    elif how == "parameter":
        ents, use = '<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;', b""
    else:
        ents, use = "", b""
    root = re.search(rb"<(worksheet|workbook|Types|Relationships)\b", parts[name])
    if root is None:
        return "entities:none"
    tag = root.group(1).decode()
    data = parts[name]
    data = data[: root.start()] + f"<!DOCTYPE {tag} [{ents}]>".encode() + data[root.start() :]
    if use and name == SHEET:
        data = data.replace(b"<t>", b"<t>" + use, 2)
    parts[name] = data
    return f"entities:{how}:{name}"


def _package(parts: dict[str, bytes], rng: random.Random) -> str:
    """A part missing, renamed or pointed elsewhere."""
    how = rng.choice(["drop", "rels-elsewhere", "content-types", "second-sheet"])
    if how == "drop":
        name = rng.choice(sorted(parts))
        del parts[name]
        return f"drop:{name}"
    if how == "rels-elsewhere":
        where = rng.choice(
            [b"/xl/worksheets/nowhere.xml", b"../../../etc/passwd", b"", b"sheet1.xml"]
        )
        parts[RELS] = re.sub(rb'Target="[^"]*sheet1.xml"', b'Target="' + where + b'"', parts[RELS])
        return f"rels:{where.decode()}"
    if how == "content-types":
        parts["[Content_Types].xml"] = b"<Types/>"
        return "content-types"
    parts["xl/worksheets/sheet2.xml"] = parts[SHEET]
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", b'<sheet name="Two" sheetId="2" r:id="rId1"/></sheets>'
    )
    return "second-sheet"


def mutate_xlsx(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One zip-level or one to two XML-level changes of a workbook."""
    pick = rng.random()
    if pick < 0.1:
        cut = rng.randint(0, len(data) - 1)
        return data[:cut], f"truncated at {cut}"
    if pick < 0.18:
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out), "bytes flipped"
    parts = _parts(data)
    makers = [
        _shared,
        _shared,
        _types,
        _types,
        _refs,
        _refs,
        _formulas,
        _merged,
        _entities,
        _package,
    ]
    done = []
    for _ in range(rng.randint(1, 2)):
        maker = rng.choice(makers)
        try:
            done.append(maker(parts, rng))
        except (KeyError, IndexError):  # a part an earlier change dropped
            done.append(f"{maker.__name__}:skipped")
    return _zip(parts, rng), " + ".join(done)


# what may leave fewer firms than the export has: rows moved above the header
_MAY_LOSE_ROWS = ("reorder", "no-refs")
FULL_BATCH = 0.3  # share of cases run as a whole batch (~5 s for 20 firms, no PDF)
_FIRMS: dict[str, int] = {}


def _firms(export: Path) -> int:
    """How many firms the export holds, as batch --check-mapping counts them."""
    if export.name not in _FIRMS:
        out = invoke(["batch", "--check-mapping", str(export)], export.parent)
        _FIRMS[export.name] = _rows_said(out.stdout, export.name) or 0
    return _FIRMS[export.name]


def _rows_said(stdout: str, name: str) -> int | None:
    found = re.search(rf"{re.escape(name)}  .*?; (\d+) rows?;", stdout)
    return None if found is None else int(found.group(1))


def _respondents(outdir: Path) -> int:
    """The rows a batch wrote: scored (summary.csv) and not (errors.csv, each a row)."""
    import csv

    count = 0
    for name in ("summary.csv", "errors.csv"):
        path = outdir / name
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as f:
                count += sum(1 for row in csv.DictReader(f) if name != "errors.csv" or row["row"])
    return count


def xlsx_target(case_dir: Path, rng: random.Random) -> Case:
    """A damaged export through score, batch --check-mapping or a whole batch (-j 1)."""
    import hashlib

    seed = rng.choice(EXPORTS)
    data, mutation = mutate_xlsx(seed.read_bytes(), rng)
    target = case_dir / seed.name
    target.write_bytes(data)
    case = Case("xlsx", seed.name, mutation, data)
    before = hashlib.sha256(data).hexdigest()
    check = ["batch", "--check-mapping", target.name]
    command = (
        ["batch", target.name, "-o", "out", "-j", "1"]
        if rng.random() < FULL_BATCH
        else rng.choice([["score", target.name], check, check])
    )
    out = invoke(command, case_dir)
    case.outcomes.append(out)
    case.problems += judge(out, target.name, text_file=False)
    if command[0] == "score" and out.exit_code != 2:
        case.problems.append(f"score-read-a-table:{out.exit_code}")
    if command[0] == "batch" and out.exit_code in (0, 1) and not case.problems:
        if command[1] == "--check-mapping":
            found = _rows_said(out.stdout, target.name)
            found = _firms(seed) if found is None else found  # unreadable: said so
        else:
            found = _respondents(case_dir / "out")
        if found < _firms(seed) and not any(m in mutation for m in _MAY_LOSE_ROWS):
            case.problems.append("respondent-lost")
            out.stderr = f"{found} of {_firms(seed)} firms read"
    if hashlib.sha256(target.read_bytes()).hexdigest() != before:
        case.problems.append("input-modified")
    return case
