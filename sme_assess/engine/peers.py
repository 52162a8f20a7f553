"""Where a firm stands among its peers: the one shape the batch fills and the report draws.

A batch fills it from its cohort (the firms scored in the same run); a report made outside a
batch gets ``None`` and says so instead of inventing a comparison. Pure data, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class PeerGroup:
    """One comparable group: everyone in the cohort, or those of the same sector or size."""

    kind: Literal["all", "sector", "size"]
    label: str  # shown as is: "this batch", the sector's or size's name in the report language
    n: int  # firms in the group (the firm itself included)
    overall_median: float | None
    category_medians: Mapping[str, float] = field(default_factory=dict)  # category id -> median


@dataclass(frozen=True)
class Peers:
    """The firm against its cohort: percentile of its overall score and the groups' medians."""

    source: str  # where the figures come from, e.g. "batch of 2026-11-30, 412 firms"
    percentile: float | None  # share of the cohort (0-100) scoring below this firm
    groups: tuple[PeerGroup, ...] = ()  # "all" first; sector/size only when large enough

    def group(self, kind: str) -> PeerGroup | None:
        return next((g for g in self.groups if g.kind == kind), None)
