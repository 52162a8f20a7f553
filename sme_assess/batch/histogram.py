"""Scores counted by value: the exact quartiles, medians and percentile ranks of a cohort in
memory bounded by the number of distinct scores, not the number of firms.

A score is rounded to one decimal on 0-100 by the engine, so a cohort has at most 1,001
distinct scores whatever its size. ``Histogram`` counts each distinct value and gives the
same numbers as ``statistics.quantiles(values, n=4, method="inclusive")``,
``statistics.median(values)`` and a bisection of the sorted values (the same float
operations on the same order statistics; tests compare them on random data). A value the
counts cannot stand for exactly (not finite, or -0.0, which equals 0.0 but prints
differently), or more than ``MAX_DISTINCT`` distinct values (results lines not written by
this engine), switch it to keeping every value, as before: exact, but growing again.
"""

from __future__ import annotations

import bisect
import itertools
import math
from array import array
from collections import Counter
from collections.abc import Iterable

MAX_DISTINCT = 20_000


class Histogram:
    """A multiset of floats: ``add``, ``remove`` one, then order statistics."""

    def __init__(self, values: Iterable[float] = ()) -> None:
        self.counts: Counter[float] = Counter()
        self.values: array[float] | None = None  # every value, once counts cannot serve
        self.n = 0
        self._sorted: tuple[list[float], list[int]] | None = None
        for value in values:
            self.add(value)

    def __len__(self) -> int:
        return self.n

    def __bool__(self) -> bool:
        return self.n > 0

    def add(self, value: float) -> None:
        self.n += 1
        self._sorted = None
        if self.values is not None:
            self.values.append(value)
            return
        if not math.isfinite(value) or (value == 0.0 and math.copysign(1.0, value) < 0):
            self._keep_all()
            assert self.values is not None
            self.values.append(value)
            return
        self.counts[value] += 1
        if len(self.counts) > MAX_DISTINCT:
            self._keep_all()

    def remove(self, value: float) -> None:
        """Take one ``value`` out (it must be there)."""
        self.n -= 1
        self._sorted = None
        if self.values is not None:
            self.values.remove(value)
            return
        left = self.counts[value] - 1
        if left > 0:
            self.counts[value] = left
        else:
            del self.counts[value]

    def _keep_all(self) -> None:
        # counted values are finite and not -0.0: equal ones are the same float, so their
        # order among themselves is of no consequence
        self.values = array(
            "d",
            itertools.chain.from_iterable(itertools.repeat(v, c) for v, c in self.counts.items()),
        )
        self.counts = Counter()

    def _table(self) -> tuple[list[float], list[int]]:
        """The distinct values in order and how many values come before each, plus n."""
        if self._sorted is None:
            if self.values is not None:
                distinct = sorted(self.values)
                self._sorted = (distinct, list(range(len(distinct) + 1)))
            else:
                distinct = sorted(self.counts)
                ends = [0, *itertools.accumulate(self.counts[v] for v in distinct)]
                self._sorted = (distinct, ends)
        return self._sorted

    def at(self, index: int) -> float:
        """The value at ``index`` of the sorted values (0 <= index < n)."""
        distinct, ends = self._table()
        return distinct[bisect.bisect_right(ends, index) - 1]

    def low(self) -> float:
        return self.at(0)

    def high(self) -> float:
        return self.at(self.n - 1)

    def median(self) -> float:
        """``statistics.median`` of the values (n > 0)."""
        n = self.n
        if n % 2 == 1:
            return self.at(n // 2)
        i = n // 2
        return (self.at(i - 1) + self.at(i)) / 2

    def quantiles(self, n: int = 4) -> list[float]:
        """``statistics.quantiles(values, n=n, method="inclusive")`` (at least two values)."""
        m = self.n - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((self.at(j) * (n - delta) + self.at(j + 1) * delta) / n)
        return result

    def rank(self, value: float) -> tuple[int, int]:
        """How many values are below ``value`` and how many equal it."""
        distinct, ends = self._table()
        i = bisect.bisect_left(distinct, value)
        j = bisect.bisect_right(distinct, value)
        return ends[i], ends[j] - ends[i]
