"""How white the PDF report's pages are at their foot: the measure used for the page-break
rules (report_templates/report.css.j2). Renders the five personas and three firms (ceramic
tile kiln, CNC job shop, coatings), brief and full, English and Chinese (32 PDFs), turns each
page into an image at 50 dpi (``pdftoppm -r 50``, from poppler-utils) and counts, in the
page's body (the top and bottom 8 % aside: running header, page number), the white pixel rows
below the lowest inked one. Prints per PDF the pages 30 % white or more at the foot (the
cover and the last page aside), the whitest such page and the totals; --against OLD.json
compares with an earlier run's figures (written by --json).

Run: .venv/bin/python benchmarks/page_white.py OUTDIR [--json F] [--against OLD.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRMS = ("ceramic_tile_kiln", "cnc_job_shop_en", "coatings_chemical")
WHITE = 245  # a pixel lighter than this (0-255 grey) is paper
FLAG = 30  # per cent white at the foot


def inputs() -> list[Path]:
    personas = sorted((ROOT / "tests" / "fixtures" / "personas").glob("*.yaml"))
    return personas + [ROOT / "tests" / "fixtures" / "firms" / f"{n}.yaml" for n in FIRMS]


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for path in inputs():
        for edition in ("brief", "full"):
            for lang in ("en", "zh"):
                pdf = out / f"{path.stem}_{edition}_{lang}.pdf"
                command = [sys.executable, "-m", "sme_assess", "report", str(path), "-o"]
                command += [str(pdf), "--lang", lang, "--edition", edition]
                subprocess.run(command, check=True, capture_output=True)
                pdfs.append(pdf)
    return pdfs


def foot_white(pdf: Path) -> list[int]:
    """Per page, the per cent of the body's pixel rows that are white below the lowest ink."""
    from PIL import Image

    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(stem)], check=True)
    pngs = sorted(pdf.parent.glob(stem.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1]))
    shares = []
    for png in pngs:
        image = Image.open(png).convert("L")
        width, height = image.size
        pixels = image.tobytes()  # one byte a pixel, row after row
        top, bottom = int(height * 0.08), int(height * 0.92)
        rows = [
            all(pixels[y * width + x] > WHITE for x in range(0, width, 2))
            for y in range(top, bottom)
        ]
        last = max((i for i, white in enumerate(rows) if not white), default=-1)
        shares.append(round(100 * (len(rows) - 1 - last) / len(rows)))
        png.unlink()
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--against", type=Path, help="an earlier run's --json")
    args = parser.parse_args()
    figures = {pdf.stem: foot_white(pdf) for pdf in render(args.outdir)}
    old = json.loads(args.against.read_text()) if args.against else {}
    pages = flagged = 0
    whitest = 0
    for name, shares in figures.items():
        body = shares[1:-1]  # the cover and the last page aside
        bad = [(i + 2, s) for i, s in enumerate(body) if s >= FLAG]
        pages += len(shares)
        flagged += len(bad)
        whitest = max([whitest, *body])
        before = ""
        if name in old:
            was = [(i + 2, s) for i, s in enumerate(old[name][1:-1]) if s >= FLAG]
            before = f"  (was {len(old[name])}p {was})"
        print(f"{name:34s} {len(shares):3d}p  >={FLAG}%: {bad}{before}")
    print(f"{len(figures)} PDFs, {pages} pages; pages {FLAG} % white or more at the foot:")
    print(f"{flagged} (cover and last page aside); the whitest such page {whitest} %")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=0))


if __name__ == "__main__":
    main()
