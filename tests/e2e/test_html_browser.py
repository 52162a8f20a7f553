"""The HTML report in a real browser (headless Chromium, via scripts/check_html.py) at phone
and desktop width: nothing scrolls sideways. Skipped where Chromium is not installed (CI);
run it by hand as the README says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html", ROOT / "scripts" / "check_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_html"] = module
    spec.loader.exec_module(module)
    return module


check_html = _script()
BROWSER = check_html.find_chromium()
needs_browser = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")


def test_the_html_has_a_viewport_and_a_table_of_contents(tmp_path: Path) -> None:
    page = check_html.render("job_shop", "en", "full", tmp_path)
    html = page.read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<nav class="toc"' in html and 'href="#annex"' in html and 'id="annex"' in html


@needs_browser
@pytest.mark.parametrize(("lang", "edition"), [("zh", "full")])  # the longest, widest text
def test_the_report_fits_a_phone_and_a_desktop(
    tmp_path: Path, lang: str, edition: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = check_html.main(
        [
            "--persona",
            "electronics_assembler",
            "--lang",
            lang,
            "--edition",
            edition,
            "--out",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "390 px: fits" in out and "1280 px: fits" in out
    for width in (390, 1280):
        assert (tmp_path / f"electronics_assembler-{lang}-{edition}-{width}.png").stat().st_size


@needs_browser
def test_the_check_sees_a_page_that_scrolls_sideways(tmp_path: Path) -> None:
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><body><div style="width:900px">wide</div></body></html>')
    assert BROWSER is not None
    result = check_html.check(BROWSER, page, 390)
    assert result["ok"] is False and result["scrollWidth"] > 390
