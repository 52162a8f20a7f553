#!/usr/bin/env python3
"""Render a persona's HTML report and look at it in headless Chromium at phone and desktop
width: a screenshot of each, and a check that nothing scrolls sideways
(document.documentElement.scrollWidth <= window.innerWidth).

    .venv/bin/python scripts/check_html.py [--persona job_shop] [--lang en] [--edition brief]
        [--out /tmp/sme-html-check]

Needs Chromium (Debian: `sudo apt-get update && sudo apt-get install -y chromium`).
Exit 0 when every width fits, 1 when a page scrolls sideways, 2 when Chromium is missing.
The screenshots (PNG) are for a person to look at; they are not kept in the repository.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (390, 1280)
HEIGHTS = {390: 1600, 1280: 1000}  # tall enough to see the cover and the summary
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Headless Chromium will not make a window narrower than 500 px, so the page is shown in an
# iframe of the width checked, inside a wrapper page that Chromium screenshots and dumps.
# A copy of the page gets PROBE, which measures it and posts the figures to the wrapper.
PROBE = """<script>
window.addEventListener("load", () => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  const text = document.querySelector("p.level-means") || document.body;
  parent.postMessage({
    scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, wide: wide,
    fontSize: parseFloat(getComputedStyle(text).fontSize)
  }, "*");
});
</script>"""
WRAPPER = """<!DOCTYPE html><html><body style="margin:0;background:#999">
<iframe src="{src}" style="width:{width}px;height:{height}px;border:0;background:#fff"></iframe>
<pre id="sme-probe"></pre>
<script>window.addEventListener("message", e => {{
  document.getElementById("sme-probe").textContent = JSON.stringify(e.data); }});</script>
</body></html>"""


def find_chromium() -> str | None:
    return next((p for p in map(shutil.which, CHROMIUMS) if p), None)


def render(persona: str, lang: str, edition: str, out: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from sme_assess.answer_io.native import load_answers
    from sme_assess.engine.evaluation import Options, evaluate
    from sme_assess.pack.loading import load_pack
    from sme_assess.report import ReportFormat, build_report

    pack = load_pack(ROOT / "questionnaires" / "manufacturing-sme")
    answers = load_answers(ROOT / "tests" / "fixtures" / "personas" / f"{persona}.yaml")
    ev = evaluate(pack, answers, Options(lang=lang))
    page = out / f"{persona}-{lang}-{edition}.html"
    page.write_bytes(build_report(ev, ReportFormat.html, edition=edition))
    return page


def chromium(binary: str, *args: str) -> str:
    run = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-dev-shm-usage", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    return run.stdout


def check(binary: str, page: Path, width: int) -> dict[str, object]:
    """Screenshot ``page`` at ``width`` and measure it; returns what was measured."""
    probe = page.with_name(page.stem + ".probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                     encoding="utf-8")
    wrapper = page.with_name(f"{page.stem}.{width}.html")
    height = HEIGHTS[width]
    wrapper.write_text(WRAPPER.format(src=probe.name, width=width, height=height))
    shot = page.with_name(f"{page.stem}-{width}.png")
    size = f"--window-size={max(width, 500)},{height + 40}"
    chromium(binary, size, "--virtual-time-budget=3000", f"--screenshot={shot}", wrapper.as_uri())
    dom = chromium(binary, size, "--virtual-time-budget=3000", "--dump-dom", wrapper.as_uri())
    probe.unlink()
    wrapper.unlink()
    found = re.search(r'<pre id="sme-probe">(.*?)</pre>', dom, re.DOTALL)
    if found is None:
        return {"width": width, "ok": False, "error": "the page did not report its width",
                "screenshot": str(shot)}
    if not found.group(1).strip():
        return {"width": width, "ok": False, "error": "the page did not report its width",
                "screenshot": str(shot)}
    measured = json.loads(html.unescape(found.group(1)))
    ok = measured["scrollWidth"] <= measured["innerWidth"]
    return {"width": width, "ok": ok, "screenshot": str(shot), **measured}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persona", default="job_shop")
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--edition", default="brief", choices=("brief", "full"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/sme-html-check"))
    args = parser.parse_args(argv)
    binary = find_chromium()
    if binary is None:
        print("check_html: Chromium not found; install it, e.g. "
              "`sudo apt-get update && sudo apt-get install -y chromium`", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    page = render(args.persona, args.lang, args.edition, args.out)
    results = [check(binary, page, width) for width in WIDTHS]
    for r in results:
        verdict = "fits" if r["ok"] else "SCROLLS SIDEWAYS"
        detail = r.get("error") or (
            f"scrollWidth {r['scrollWidth']} <= innerWidth {r['innerWidth']}, "
            f"text {r['fontSize']} px" if r["ok"] else f"wider than the window: {r['wide']}"
        )
        print(f"{r['width']} px: {verdict} ({detail}); screenshot {r['screenshot']}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
