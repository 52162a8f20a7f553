"""The engine against the floor, in one run and one process, on the built-in pack:

1. category scores: the engine's ``score_categories`` (question scores, category means, the
   overall score) against ``reference.Reference``, a minimal plain-Python scorer, on the same
   answers; the two must agree exactly (asserted). Target: at most 2x the reference.
2. the whole ``evaluate`` (check, score, levels, pain points, plan, result) per respondent,
   and against the reference, on firms not evaluated before in the process (the engine's
   memos keyed by answers would flatter a second pass over the same firms);
3. answers loaded and validated alone (the batch floor) in answers/s;
4. issue 15's other target, the whole ``evaluate`` at least 3x faster than before the work:
   the engine as it was (``--baseline``, default c00d92d, main before issue 15's engine
   commits) is taken from git into a temporary folder, and both engines evaluate the same
   answers on the same pack, the baseline's own built-in pack (the only one the old engine
   reads), each in its own process, in alternating rounds (``_evaluate_child.py``).

CPU time (time.process_time), best of --repeat rounds, so that a busy machine disturbs the
figures less.

Run: .venv/bin/python benchmarks/score_speed.py [--n 1000] [--repeat 5] [--pack ID]
     [--baseline REV] [--n-old 300]

``--instructions [FIRMS]`` prints instead what the 3x target is judged by on a busy machine:
``evaluate``'s instructions and mispredicted branches per firm, the baseline's and this
tree's, counted by valgrind (``_instructions.py``; minutes, the baseline's most).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from _instructions import instructions_per_firm
from _timing import REPO
from reference import Reference

from sme_assess.answer_io.native import parse_answers_text
from sme_assess.engine.answers_check import check_answers
from sme_assess.engine.evaluation import evaluate
from sme_assess.engine.scoring import score_categories
from sme_assess.models import Answers
from sme_assess.pack.loading import load_pack, validate_doc
from sme_assess.synthetic import random_answers


def best(fn: Callable[[Any], object], items: Sequence[Any], repeat: int) -> float:
    """Best CPU seconds per item of ``fn`` over ``items``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        times.append(time.process_time() - start)
    return min(times) / len(items)


BASELINE = "c00d92d"  # main before issue 15's engine work (989d3c7 and later)
CHILD = Path(__file__).resolve().parent / "_evaluate_child.py"


def best_alternating(
    fns: Sequence[Callable[[Any], object]], items: Sequence[Any], repeat: int
) -> list[float]:
    """Best CPU seconds per item of each of ``fns`` over ``items``, their rounds alternating,
    so that a change in the machine's load hits them alike (the ratio is what counts)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            start = time.process_time()
            for item in items:
                fn(item)
            spent.append(time.process_time() - start)
    return [min(spent) / len(items) for spent in times]


def best_fresh(fn: Callable[[Any], object], items: Sequence[Any], repeat: int) -> float:
    """Best CPU seconds per item of ``fn``, each round on items it has not seen (the first of
    ``repeat + 1`` parts warms up): memos keyed by answers do not flatter the figure."""
    size = len(items) // (repeat + 1)
    for item in items[:size]:
        fn(item)
    times = []
    for i in range(1, repeat + 1):
        part = items[i * size : (i + 1) * size]
        start = time.process_time()
        for item in part:
            fn(item)
        times.append((time.process_time() - start) / len(part))
    return min(times)


class Checkouts(NamedTuple):
    """The baseline's source (and its built-in pack) next to this tree's, and the answers
    both evaluate, in a temporary folder."""

    old: Path
    pack_dir: Path
    answers_file: Path
    env: dict[str, str]


@contextmanager
def checkouts(baseline: str, n: int) -> Iterator[Checkouts | None]:
    """The baseline taken from git, and ``2 * n`` answers to its built-in pack (each child:
    n to warm up, n it has not seen); None when git cannot give the baseline."""
    try:
        tar = subprocess.run(
            ["git", "-C", str(REPO), "archive", baseline, "sme_assess",
             "questionnaires/manufacturing-sme"],
            capture_output=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        yield None
        return
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "baseline"
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(old, filter="data")
        pack_dir = old / "questionnaires" / "manufacturing-sme"
        q = load_pack(pack_dir).questionnaire
        rnd = random.Random(7)
        docs = [
            {
                "questionnaire": q.id,
                "questionnaire_version": q.version,
                "respondent": {"company": f"Firm {i}"},
                "answers": random_answers(q, rnd),
            }
            for i in range(2 * n)
        ]
        answers_file = Path(tmp) / "answers.json"
        answers_file.write_text(json.dumps(docs))
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        yield Checkouts(old, pack_dir, answers_file, env)


def old_vs_new(baseline: str, n: int, repeat: int) -> tuple[float, float] | None:
    """Best CPU seconds per respondent of the baseline's evaluate and of this tree's, on the
    baseline's built-in pack and the same answers; None when git cannot give the baseline."""
    with checkouts(baseline, n) as trees:
        if trees is None:
            return None
        best = {"old": float("inf"), "new": float("inf")}
        for _ in range(repeat):  # alternating, so that a change in load hits both
            for which, path in (("old", trees.old), ("new", REPO)):
                out = subprocess.run(
                    [sys.executable, str(CHILD), str(trees.pack_dir), str(trees.answers_file),
                     "1"],
                    capture_output=True, text=True, check=True,
                    env=dict(trees.env, PYTHONPATH=str(path)),
                ).stdout  # fmt: skip
                got = json.loads(out)
                assert got["module"].startswith(str(path)), got["module"]
                best[which] = min(best[which], got["seconds"])
        return best["old"], best["new"]


def old_vs_new_instructions(baseline: str, firms: int) -> None:
    """Print instructions and mispredicted branches per firm of the baseline's evaluate and
    this tree's, counted by callgrind (``_instructions``) on the same pack and answers: over
    all the firms counted, and over each half of them, so that a reader sees whether the
    memos still warming up make the ratio look better than a long batch would."""
    with checkouts(baseline, (firms + 1) // 2) as trees:
        if trees is None:
            print(f"instructions: skipped (git cannot give {baseline})")
            return
        part = firms // 3
        print(
            f"evaluate under callgrind, hash seed 0, {baseline}'s built-in pack (from the "
            f"pack cache, filled by an uncounted run first), {3 * part} firms all different: "
            f"{part} to warm up (memos, generated code), then {part} + {part} counted"
        )
        counted = {}
        for which, path in ((baseline, trees.old), ("this tree", REPO)):
            env = dict(trees.env, PYTHONPATH=str(path))
            got = instructions_per_firm(CHILD, trees.pack_dir, trees.answers_file, firms, env)
            if got is None:
                print("instructions: skipped (valgrind is not installed)")
                return
            counted[which] = got
            print(
                f"evaluate, {which}: {got.both.instructions / 1e6:.2f}M instructions, "
                f"{got.both.mispredicted / 1e3:.1f}k mispredicted branches per firm "
                f"(firms {part + 1}-{2 * part}: {got.first.instructions / 1e6:.2f}M, "
                f"{2 * part + 1}-{3 * part}: {got.second.instructions / 1e6:.2f}M)"
            )
        old, new = counted[baseline], counted["this tree"]
        print(
            f"{baseline} -> this tree: "
            f"{old.both.instructions / new.both.instructions:.2f}x fewer instructions "
            f"(firms {part + 1}-{2 * part}: "
            f"{old.first.instructions / new.first.instructions:.2f}x, "
            f"{2 * part + 1}-{3 * part}: "
            f"{old.second.instructions / new.second.instructions:.2f}x), "
            f"{old.both.mispredicted / new.both.mispredicted:.2f}x fewer mispredicted branches"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pack", default="manufacturing-sme")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--n-old", type=int, default=300)
    parser.add_argument(
        "--instructions", type=int, metavar="FIRMS", nargs="?", const=300, default=None,
        help="only count evaluate's instructions per firm, baseline and this tree, with "
        "valgrind (FIRMS answers: a third to warm up, then two thirds counted, each "
        "third also alone; default 300)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.instructions is not None:
        old_vs_new_instructions(args.baseline, args.instructions)
        return 0
    pack = load_pack(REPO / "questionnaires" / args.pack)
    q = pack.questionnaire
    rnd = random.Random(7)
    texts = [
        json.dumps(
            {
                "questionnaire": q.id,
                "questionnaire_version": q.version,
                "respondent": {"company": f"Firm {i}"},
                "answers": random_answers(q, rnd),
            }
        )
        for i in range(args.n)
    ]

    def load(text: str) -> Answers:
        model, _ = validate_doc(parse_answers_text(text, "x.json"), Answers)
        assert model is not None
        return model

    answers = [load(text) for text in texts]
    values = [dict(a.answers) for a in answers]
    ref = Reference(q)
    for v in values:  # the floor is only a floor if it computes the same thing
        mine = score_categories(q, v)
        cats, overall, _ = ref.score(v)
        assert cats == {c.id: c.score for c in mine.categories}, "category scores differ"
        assert overall == mine.overall, "overall scores differ"

    t_ref, t_cat = best_alternating(
        [ref.score, lambda v: score_categories(q, v)], values, 2 * args.repeat
    )
    t_eval = best_fresh(lambda a: evaluate(pack, a), answers, args.repeat)
    t_load = best(lambda t: check_answers(q, load(t)), texts, args.repeat)

    print(f"pack {q.id}: {len(q.questions())} questions, {len(pack.catalogue.solutions)} solutions")
    print(f"{args.n} generated respondents, CPU time per respondent, best of {args.repeat}")
    print(f"reference scorer (plain Python)          {t_ref * 1e6:9.0f} us")
    ratio = t_cat / t_ref
    print(
        f"engine category scores (score_categories) {t_cat * 1e6:9.0f} us   "
        f"{ratio:.2f}x reference (target <= 2x)"
    )
    print(
        f"engine evaluate (check, score, plan, result; firms not seen before) "
        f"{t_eval * 1e6:6.0f} us   "
        f"{t_eval / t_ref:.1f}x reference, {1 / t_eval:,.0f} respondents/s"
    )
    print(f"floor: load + validate answers           {t_load * 1e6:9.0f} us   {1 / t_load:,.0f}/s")
    ok = ratio <= 2
    before = old_vs_new(args.baseline, args.n_old, args.repeat)
    if before is None:
        print(f"evaluate before issue 15: skipped (git cannot give {args.baseline})")
    else:
        t_old, t_new = before
        speedup = t_old / t_new
        print(
            f"evaluate, {args.baseline} -> this tree, same pack ({args.baseline}'s built-in) "
            f"and {args.n_old} firms each process has not seen: "
            f"{t_old * 1e6:.0f} us -> {t_new * 1e6:.0f} us = "
            f"{speedup:.2f}x faster (target >= 3x)"
        )
        ok = ok and speedup >= 3
    print("PASS" if ok else "MISS: a target is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
