"""Time to render one persona's PDF report, against WeasyPrint alone rendering the same HTML
in the same run (target: our overhead at most 15 %), and the Chinese report against the
English one (target: at most 1.5x, with the HarfBuzz subset library present).

Run: .venv/bin/python benchmarks/report_speed.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from _timing import REPO

from sme_assess.answer_io.native import load_answers
from sme_assess.evaluation import Options, evaluate
from sme_assess.loading import load_pack
from sme_assess.packs import resolve_pack
from sme_assess.report import ReportFormat, build_report
from sme_assess.report.context import build_context
from sme_assess.report.render import render_html, template_dirs


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    fn()  # warm caches (fonts, templates) so both sides are measured alike
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from weasyprint import HTML
    from weasyprint.text import ffi

    persona = REPO / "tests" / "fixtures" / "personas" / "electronics_assembler.yaml"
    if not persona.is_file():
        persona = REPO / "tests" / "fixtures" / "answers" / "sample_small.yaml"
    answers = load_answers(persona)
    pack = load_pack(resolve_pack(answers.questionnaire))
    base = str(template_dirs(None)[0]) + "/"
    figures = {}
    for lang in ("en", "zh"):
        ev = evaluate(pack, answers, Options(lang=lang))
        html = render_html(build_context(ev))
        ours = best(lambda ev=ev: build_report(ev, ReportFormat.pdf))
        floor = best(lambda html=html: HTML(string=html, base_url=base).write_pdf())
        figures[lang] = (ours, floor)
        print(
            f"{lang}: sme-assess {ours * 1000:7.0f} ms   WeasyPrint alone {floor * 1000:7.0f} ms"
            f"   overhead {100 * (ours / floor - 1):5.1f} % (target <= 15 %)"
        )
    ratio = figures["zh"][0] / figures["en"][0]
    subset = "present" if getattr(ffi, "harfbuzz_subset", None) is not None else "MISSING"
    print(f"zh / en: {ratio:.2f}x (target <= 1.5x; HarfBuzz subset library {subset})")
    print(f"persona: {persona.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
