"""The PDF rendering done by report_speed.py's worker processes (local or Dask), importable
by name so that each worker loads the pack once and keeps it."""

from __future__ import annotations

import time
from typing import Any

from _timing import REPO

from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.models import Answers
from sme_assess.pack.loading import load_pack
from sme_assess.report import ReportFormat, build_report

_WORKER: dict[str, Any] = {}

Work = tuple[str, str, list[Answers]]  # pack root (relative to the repository), edition, firms


def render_some(args: Work) -> float:
    """Render these respondents' PDFs in this process; its CPU seconds (the pack is loaded
    once per process, before the clock starts)."""
    pack_root, edition, chunk = args
    if "pack" not in _WORKER:
        _WORKER["pack"] = load_pack(REPO / pack_root)
    pack = _WORKER["pack"]
    start = time.process_time()
    for answers in chunk:
        ev = evaluate(pack, answers, Options(lang="en"))
        build_report(ev, ReportFormat.pdf, edition=edition)
    return time.process_time() - start
