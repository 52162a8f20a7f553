"""Floats added one after the other, left to right: the same total on every Python version.

From Python 3.12 on, the built-in ``sum()`` of floats compensates rounding errors (Neumaier's
method), so a total may differ in its last bit from what Python 3.11 gives for the same numbers.
A category score or an overall score at a stage boundary could then land on either side of it,
depending on the Python that ran the tool. Scores, weights and points are added with ``added``
instead: what Python 3.11's ``sum()`` gives, on every version (and what the generated scoring
code, which adds with ``+=``, gives too).
"""

from __future__ import annotations

from collections.abc import Iterable


def added(values: Iterable[float]) -> float:
    """``values`` added left to right (0 when there are none, as ``sum()`` gives)."""
    total: float = 0
    for value in values:
        total += value
    return total
