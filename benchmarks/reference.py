"""A minimal plain-Python scorer: the floor the engine's scoring is measured against.

Option points, weighted category means, the overall score and the stage its score reaches
(the threshold level, before level rules), and nothing else: no result objects, no reasons,
no plan. It reads the questionnaire model directly; only the few show-if conditions go
through ``compile_condition``, the pack's own condition language. It must give exactly the
engine's category scores (``benchmarks/score_speed.py`` and ``tests/unit/test_reference.py``
assert it), so the ratio of the two times is the engine's overhead over the floor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sme_assess.adding import added
from sme_assess.engine.condition_compile import compile_condition
from sme_assess.engine.visibility import option_order
from sme_assess.models import Questionnaire
from sme_assess.pack.conditions import parse_condition

Check = Callable[[Mapping[str, Any]], bool] | None


class Reference:
    def __init__(self, q: Questionnaire) -> None:
        order = option_order(q)

        def cond(source: str | None) -> Check:
            return compile_condition(parse_condition(source), order) if source else None

        self.sections: list[tuple[Check, list[tuple[str, Check]]]] = [
            (cond(s.show_if), [(x.id, cond(x.show_if)) for x in s.questions]) for s in q.sections
        ]
        self.score_of: dict[str, Callable[[Any], float]] = {}
        self.parts: dict[str, list[tuple[str, float]]] = {c.id: [] for c in q.categories}
        for x in q.questions():
            shares = x.categories or ({x.category: 1.0} if x.category else {})
            fn = self._fraction(x)
            if x.profile is not None or fn is None or not shares:
                continue
            self.score_of[x.id] = fn
            for cat, share in shares.items():
                self.parts.setdefault(cat, []).append((x.id, x.weight * share))
        self.weights = {c.id: c.weight for c in q.categories}
        self.levels = [(lv.min_score, lv.number) for lv in q.levels]

    @staticmethod
    def _fraction(x: Any) -> Callable[[Any], float] | None:
        """The 0-1 score of an answer, or None for a question that is not scored."""
        kind = x.type
        if kind in ("single_choice", "scale", "multiple_choice"):
            pts = {o.value: o.score or 0.0 for o in x.options if o.score is not None}
            if not pts:
                return None
            if kind == "multiple_choice":
                top = (
                    x.max_score
                    if x.max_score is not None
                    else added(p for p in pts.values() if p > 0)
                )
                if top <= 0:
                    return lambda v: 0.0
                return lambda v: max(
                    0.0, min(1.0, added(p for o, p in pts.items() if o in v) / top)
                )
            top = max(pts.values())
            if top <= 0:
                return lambda v: 0.0
            return lambda v: max(0.0, min(1.0, pts.get(v, 0.0) / top))
        scored = [b.score for b in x.bands if b.score is not None] if kind == "number" else []
        if scored:
            top = max(scored)
            if top <= 0:
                return lambda v: 0.0
            last = len(x.bands) - 1

            def band(v: float) -> float:
                for i, b in enumerate(x.bands):
                    lo = b.min is None or v >= b.min
                    hi = b.max is None or v < b.max or (i == last and v == b.max)
                    if lo and hi:
                        return max(0.0, min(1.0, (b.score or 0.0) / top))
                return 0.0

            return band
        if kind == "yes_no" and (x.score_yes is not None or x.score_no is not None):
            top = max(s for s in (x.score_yes, x.score_no) if s is not None)
            if top <= 0:
                return lambda v: 0.0
            return lambda v: max(0.0, min(1.0, ((x.score_yes if v else x.score_no) or 0.0) / top))
        return None

    def score(
        self, answers: Mapping[str, Any]
    ) -> tuple[dict[str, float | None], float | None, int | None]:
        """Category scores (None: nothing answered), the overall score and its stage."""
        seen: dict[str, Any] = {}
        for show, questions in self.sections:
            if show is not None and not show(seen):
                continue
            for qid, show_q in questions:
                if qid in answers and (show_q is None or show_q(seen)):
                    seen[qid] = answers[qid]
        cats: dict[str, float | None] = {}
        for cat, parts in self.parts.items():
            got = total = 0.0
            for qid, w in parts:
                v = seen.get(qid)
                if v is None or v == "n/a" or v == "unknown":
                    continue
                total += w
                got += w * self.score_of[qid](v)
            cats[cat] = 100.0 * got / total if total > 0 else None
        done = [
            (self.weights[c], s) for c, s in cats.items() if s is not None and c in self.weights
        ]
        wsum = added(w for w, _ in done)
        overall = added(w * s for w, s in done) / wsum if wsum else None
        stage = None
        if overall is not None:
            reached = [n for m, n in self.levels if overall + 1e-9 >= m]
            stage = max(reached) if reached else self.levels[0][1]
        return cats, overall, stage
