"""Time to render one persona's PDF report, against WeasyPrint alone rendering the same HTML
in the same run (target: our overhead at most 15 %), and the Chinese report against the
English one (target: at most 1.5x, with the HarfBuzz subset library present).

Then throughput (issue 15): --reports N generated respondents rendered to PDF one after the
other in one process (fonts and the parsed stylesheet reused, as in a batch --pdf worker):
CPU seconds per report; the same N reports on 1 and on 2 local worker processes, and (with
--dask, needs the dask extra) on a Dask LocalCluster of 2 worker processes: wall time, CPU
seconds per report in the workers, and the speed-up against 1 local worker. The load
average is printed before and after (the machine may be shared).

With --scaling-reports M the N reports run on 2 local workers only (the long run: wall time
and CPU per report), and the one-process CPU, the 1 -> 2 workers scaling and Dask on M
reports; every line says how many reports it timed, and a summary closes the run. The
1,000-report run: --reports 1000 --scaling-reports 100 --skip-floor --dask.

Run: .venv/bin/python benchmarks/report_speed.py [--reports 20] [--skip-floor]
        [--edition brief|full] [--dask] [--scaling-reports M]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _render import Work, render_some
from _timing import REPO

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import Pack, load_pack
from sme_assess.pack.locate import resolve_pack
from sme_assess.report import ReportFormat, build_report
from sme_assess.report.context import build_context
from sme_assess.report.printing import inline_variables
from sme_assess.report.render import render_pdf_input, template_dirs


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


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def _line(label: str, n: int, wall: float, cpu: float, before: str) -> None:
    print(
        f"{n} PDF reports, {label:<28} {wall:7.2f} s wall, {cpu / n:5.2f} s CPU per report "
        f"in the workers; {before} -> {_load()}",
        flush=True,
    )


def _on_dask(work: list[Work], warm: list[Work]) -> tuple[float, float]:
    """The same chunks on a Dask LocalCluster of len(work) single-threaded processes."""
    import logging

    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=len(work),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(sys.path.insert, 0, str(Path(__file__).resolve().parent))  # finds _render
        workers = list(client.scheduler_info()["workers"])
        for address, chunk in zip(workers, warm, strict=False):  # start-up, not measured
            client.submit(render_some, chunk, workers=[address], pure=False).result()
        start = time.perf_counter()
        futures = [
            client.submit(render_some, chunk, workers=[address], pure=False)
            for address, chunk in zip(workers, work, strict=False)
        ]
        cpu = sum(f.result() for f in futures)
        return time.perf_counter() - start, cpu


def _on_local(workers: int, work: list[Work], warm: Work) -> tuple[float, float]:
    """The chunks on a pool of ``workers`` spawned processes (started and warmed first):
    wall time and the workers' CPU seconds."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        pool.map(render_some, [warm] * workers)  # start-up, not measured
        start = time.perf_counter()
        cpu = sum(pool.map(render_some, work))
        return time.perf_counter() - start, cpu


def throughput(pack: Pack, n: int, edition: str, dask: bool, scaling: int | None) -> None:
    """``scaling`` None: every figure on the same ``n`` reports. Otherwise ``n`` reports on 2
    local workers (the long run), and the one-process CPU, the 1 -> 2 workers scaling and Dask
    on ``scaling`` reports (shorter runs), each line saying how many reports it timed."""
    small = scaling or n
    people = _respondents(pack, max(n, small))
    root = str(pack.root.resolve().relative_to(REPO))
    warm = (root, edition, people[:1])
    summary = []
    if scaling:
        before = _load()
        wall, cpu = _on_local(2, [(root, edition, people[:n][i::2]) for i in range(2)], warm)
        _line("2 local workers:", n, wall, cpu, before)
        summary.append(
            f"{n} reports on 2 local workers: {wall:.1f} s wall, {cpu / n:.2f} s CPU per report "
            f"({n / wall:.2f} reports/s)"
        )
    some = people[:small]
    before = _load()
    first = render_some((root, edition, some[:1]))
    rest = render_some((root, edition, some[1:])) if small > 1 else 0.0
    per = rest / max(1, small - 1)
    print(
        f"{small} PDF reports ({edition} edition) in one process: first {first:.2f} s CPU, then "
        f"{per:.2f} s CPU per report; {before} -> {_load()}",
        flush=True,
    )
    summary.append(f"{small} reports in one process: {per:.2f} s CPU per report")
    walls = {}
    for workers in (1, 2):
        before = _load()
        chunks = [(root, edition, some[i::workers]) for i in range(workers)]
        walls[workers], cpu = _on_local(workers, chunks, warm)
        _line(f"{workers} local worker(s):", small, walls[workers], cpu, before)
    speed_up = walls[1] / walls[2]
    print(f"speed-up from 1 to 2 local workers ({small} reports): {speed_up:.2f}x", flush=True)
    summary.append(
        f"{small} reports, 1 -> 2 local workers: {walls[1]:.1f} s -> {walls[2]:.1f} s wall "
        f"({speed_up:.2f}x)"
    )
    if dask:
        before = _load()
        chunks = [(root, edition, some[i::2]) for i in range(2)]
        wall, cpu = _on_dask(chunks, [warm] * 2)
        _line("Dask LocalCluster, 2 workers:", small, wall, cpu, before)
        print(f"Dask 2 workers against 1 local worker: {walls[1] / wall:.2f}x", flush=True)
        summary.append(
            f"{small} reports on Dask (LocalCluster, 2 workers): {wall:.1f} s wall "
            f"({walls[1] / wall:.2f}x 1 local worker), {cpu / small:.2f} s CPU per report"
        )
    print(f"summary ({edition} edition, {pack.questionnaire.id}):", flush=True)
    for line in summary:
        print(f"  {line}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--edition", default="brief", choices=("brief", "full"))
    parser.add_argument("--dask", action="store_true", help="also on a Dask LocalCluster")
    parser.add_argument(
        "--scaling-reports",
        type=int,
        default=None,
        metavar="M",
        help="--reports N on 2 local workers only; the one-process CPU, 1 -> 2 workers and "
        "Dask on M reports (e.g. --reports 1000 --scaling-reports 100)",
    )
    args = parser.parse_args()
    if args.scaling_reports is not None and args.scaling_reports < 1:
        parser.error("--scaling-reports must be at least 1")
    from weasyprint import CSS, HTML
    from weasyprint.text import ffi
    from weasyprint.text.fonts import FontConfiguration

    persona = REPO / "tests" / "fixtures" / "personas" / "electronics_assembler.yaml"
    if not persona.is_file():
        persona = REPO / "tests" / "fixtures" / "answers" / "sample_small.yaml"
    answers = load_answers(persona)
    pack = load_pack(resolve_pack(answers.questionnaire))
    base = str(template_dirs(None)[0]) + "/"
    figures = {}
    for lang in ("en", "zh") if not args.skip_floor else ():
        ev = evaluate(pack, answers, Options(lang=lang))
        # the HTML and stylesheet the report gives WeasyPrint, the stylesheet and fonts made
        # once as the report's own are: what is left is WeasyPrint's own work
        html, css = render_pdf_input(build_context(ev))
        sheet, fonts = CSS(string=inline_variables(css), base_url=base), FontConfiguration()
        ours = best(lambda ev=ev: build_report(ev, ReportFormat.pdf))
        floor = best(
            lambda html=html, sheet=sheet, fonts=fonts: HTML(string=html, base_url=base).write_pdf(
                stylesheets=[sheet], font_config=fonts
            )
        )
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
        throughput(pack, args.reports, args.edition, args.dask, args.scaling_reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
