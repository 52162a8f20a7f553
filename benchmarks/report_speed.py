"""Time to render one persona's PDF report, against WeasyPrint alone rendering the same HTML
in the same run (target: our overhead at most 15 %), and the Chinese report against the
English one (target: at most 1.5x, with the HarfBuzz subset library present).

Then throughput (issue 15): --reports N generated respondents rendered to PDF one after the
other in one process (fonts and the parsed stylesheet reused, as in a batch --pdf worker):
CPU seconds per report; and the same N reports on 1 and on 2 local worker processes: wall
time and the speed-up.

Run: .venv/bin/python benchmarks/report_speed.py [--reports 20] [--skip-floor]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time
from collections.abc import Callable
from typing import Any

from _timing import REPO

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.locate import resolve_pack
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


def _respondents(pack: Pack, n: int) -> list[Answers]:
    from sme_assess.synthetic import random_answers

    q = pack.questionnaire
    rnd = random.Random(5)
    return [
        Answers.model_validate(
            {
                "questionnaire": q.id,
                "respondent": {"company": f"Firm {i}"},
                "answers": random_answers(q, rnd),
            }
        )
        for i in range(n)
    ]


_WORKER: dict[str, Any] = {}


def _render_some(args: tuple[str, list[Answers]]) -> float:
    """Render these respondents' PDFs in this process; its CPU seconds."""
    pack_root, chunk = args
    if "pack" not in _WORKER:
        _WORKER["pack"] = load_pack(REPO / pack_root)
    pack = _WORKER["pack"]
    start = time.process_time()
    for answers in chunk:
        build_report(evaluate(pack, answers, Options(lang="en")), ReportFormat.pdf)
    return time.process_time() - start


def throughput(pack: Pack, n: int) -> None:
    people = _respondents(pack, n)
    root = str(pack.root.resolve().relative_to(REPO))
    first = _render_some((root, people[:1]))
    rest = _render_some((root, people[1:])) if n > 1 else 0.0
    per = rest / max(1, n - 1)
    print(
        f"{n} PDF reports in one process: first {first:.2f} s CPU, then {per:.2f} s CPU per report"
    )
    walls = {}
    for workers in (1, 2):
        chunks = [(root, people[i::workers]) for i in range(workers)]
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers) as pool:
            pool.map(_render_some, [(root, people[:1])] * workers)  # start-up, not measured
            start = time.perf_counter()
            pool.map(_render_some, chunks)
            walls[workers] = time.perf_counter() - start
        print(f"{n} PDF reports, {workers} local worker(s): {walls[workers]:7.2f} s wall")
    print(f"speed-up from 1 to 2 workers: {walls[1] / walls[2]:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--skip-floor", action="store_true")
    args = parser.parse_args()
    from weasyprint import HTML
    from weasyprint.text import ffi

    persona = REPO / "tests" / "fixtures" / "personas" / "electronics_assembler.yaml"
    if not persona.is_file():
        persona = REPO / "tests" / "fixtures" / "answers" / "sample_small.yaml"
    answers = load_answers(persona)
    pack = load_pack(resolve_pack(answers.questionnaire))
    base = str(template_dirs(None)[0]) + "/"
    figures = {}
    for lang in ("en", "zh") if not args.skip_floor else ():
        ev = evaluate(pack, answers, Options(lang=lang))
        html = render_html(build_context(ev))
        ours = best(lambda ev=ev: build_report(ev, ReportFormat.pdf))
        floor = best(lambda html=html: HTML(string=html, base_url=base).write_pdf())
        figures[lang] = (ours, floor)
        print(
            f"{lang}: sme-assess {ours * 1000:7.0f} ms   WeasyPrint alone {floor * 1000:7.0f} ms"
            f"   overhead {100 * (ours / floor - 1):5.1f} % (target <= 15 %)"
        )
    if figures:
        ratio = figures["zh"][0] / figures["en"][0]
        subset = "present" if getattr(ffi, "harfbuzz_subset", None) is not None else "MISSING"
        print(f"zh / en: {ratio:.2f}x (target <= 1.5x; HarfBuzz subset library {subset})")
        print(f"persona: {persona.name}")
    if args.reports:
        throughput(pack, args.reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
