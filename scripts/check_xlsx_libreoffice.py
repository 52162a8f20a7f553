"""Open the tool's XLSX outputs in a real spreadsheet program (LibreOffice Calc, headless) and
say what it did not keep: a sheet, a cell, a value, a dropdown, a link or the frozen pane.

    .venv/bin/python scripts/check_xlsx_libreoffice.py [--keep DIR]

Writes, in a temporary folder: `batch` summary.xlsx (English and Chinese, with --pdf links
off, and a firm whose notes are longer than a cell holds), `template -f xlsx` (en, zh) and
`export --to xlsform`. Each is converted by `soffice --headless --convert-to xlsx` (a round
trip) and `--convert-to csv` (every sheet); the round trip is read back with openpyxl and
compared cell by cell with the original (and its filter, dropdowns, links, hidden sheets; not
the frozen pane, which a headless LibreOffice drops from any workbook), and LibreOffice's own
messages are shown. Exit 0
when everything came back, 1 when something did not, 2 when LibreOffice is not installed
(`apt-get install libreoffice-calc-nogui`). Not part of `make test`: the Makefile does not
install LibreOffice.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import yaml

ROOT = Path(__file__).resolve().parent.parent
PERSONAS = ROOT / "tests" / "fixtures" / "personas"
TOOL = [sys.executable, "-m", "sme_assess"]
NOISE = ("failed to launch javaldx", "java may not function correctly")


def _run(args: list[str], cwd: Path) -> None:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")


def make_outputs(work: Path) -> list[Path]:
    """The tool's XLSX outputs, written into ``work``."""
    firms = work / "firms"
    shutil.copytree(PERSONAS, firms)
    data = yaml.safe_load((PERSONAS / "job_shop.yaml").read_text(encoding="utf-8"))
    data["respondent"]["company"] = "Lin ‍Precision​ 林氏精密 (ZWJ, ZWSP) é"
    data["answers"].update({f"zz_unknown_{i}": 1 for i in range(3000)})
    (firms / "zz_long_notes.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    outputs = []
    for lang in ("en", "zh"):
        out = work / f"batch-{lang}"
        _run([*TOOL, "batch", str(firms), "-o", str(out), "--lenient", "--lang", lang], work)
        outputs.append(out / "summary.xlsx")
        template = work / f"template-{lang}.xlsx"
        _run([*TOOL, "template", "-f", "xlsx", "--lang", lang, "-o", str(template)], work)
        outputs.append(template)
    form = work / "xlsform.xlsx"
    _run([*TOOL, "export", "--to", "xlsform", "-o", str(form)], work)
    outputs.append(form)
    return outputs


def soffice(args: list[str], outdir: Path) -> list[str]:
    """LibreOffice's messages for one conversion, less its Java notice."""
    proc = subprocess.run(
        ["soffice", "--headless", "--norestore", *args, "--outdir", str(outdir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = (proc.stdout + proc.stderr).splitlines()
    said = [x for x in lines if x.strip() and not any(n in x for n in NOISE)]
    said = [x for x in said if not x.startswith(("convert ", "Writing sheet"))]
    if proc.returncode:
        said.append(f"soffice exit {proc.returncode}")
    return said


def _cells(path: Path) -> dict[str, dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    out: dict[str, dict[str, Any]] = {}
    for sheet in book.worksheets:
        cells = {c.coordinate: c.value for row in sheet.iter_rows() for c in row}
        out[sheet.title] = {k: v for k, v in cells.items() if v not in (None, "")}
    return out


def _facts(path: Path) -> dict[str, tuple[Any, ...]]:
    """What a person sees besides the values: filter, dropdowns, links, hidden or not. Not the
    frozen pane: a headless LibreOffice has no view and drops every workbook's (openpyxl's own
    too), so comparing it says nothing about ours."""
    book = openpyxl.load_workbook(path)
    out: dict[str, tuple[Any, ...]] = {}
    for s in book.worksheets:
        links = sorted(
            c.hyperlink.target or "" for row in s.iter_rows() for c in row if c.hyperlink
        )
        lists = sorted(str(v.sqref) for v in s.data_validations.dataValidation)
        out[s.title] = (s.sheet_state, s.auto_filter.ref, len(lists), links)
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return bool(abs(a - b) <= 1e-9 * max(1.0, abs(a)))
    return bool(a == b)


def compare(original: Path, back: Path) -> list[str]:
    """Every difference between a workbook and LibreOffice's copy of it."""
    problems: list[str] = []
    mine, theirs = _cells(original), _cells(back)
    if list(mine) != list(theirs):
        problems.append(f"sheets {list(mine)} came back as {list(theirs)}")
    for title, cells in mine.items():
        other = theirs.get(title, {})
        for ref, value in cells.items():
            if not _same(value, other.get(ref)):
                problems.append(f"{title}!{ref}: {value!r:.80} came back as {other.get(ref)!r:.80}")
        for ref in other.keys() - cells.keys():
            problems.append(f"{title}!{ref}: new cell {other[ref]!r:.80}")
    a, b = _facts(original), _facts(back)
    for title in a:
        if title in b and a[title] != b[title]:
            problems.append(f"{title}: (state, filter, dropdowns, links) {a[title]} -> {b[title]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="xlsx-lo-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in make_outputs(work):
        name = path.relative_to(work)
        back_dir, csv_dir = path.parent / f"{path.stem}-lo", path.parent / f"{path.stem}-csv"
        said = soffice(["--convert-to", "xlsx", str(path)], back_dir)
        csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        said += soffice(["--convert-to", csv_filter, str(path)], csv_dir)
        back = back_dir / path.name
        problems = [f"LibreOffice said: {x}" for x in said]
        problems += compare(path, back) if back.is_file() else ["no round-trip file written"]
        sheets = len(openpyxl.load_workbook(path, read_only=True).sheetnames)
        if len(list(csv_dir.glob("*.csv"))) != sheets:
            problems.append(f"{sheets} sheets, {len(list(csv_dir.glob('*.csv')))} CSV files")
        print(f"{name}: {'ok' if not problems else f'{len(problems)} problems'}")
        for line in problems[:20]:
            print(f"  {line}")
        failed += bool(problems)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
