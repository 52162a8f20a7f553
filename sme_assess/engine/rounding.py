"""``round(x, n)`` for the engine's floats: the same float, at about half the cost.

CPython rounds a float to n decimals exactly, through its decimal digits (dtoa, a formatted
string, strtod): ~1,500 machine instructions, and one evaluation rounds ~100 numbers
(scores, coverages, priorities, severities). When y = x * 10**n, a float product within
2**-53 relative of the exact one, is not near a half, the nearest integer m of y is that of
the exact product; m and 10**n are exact floats, so m / 10**n is the float nearest to
m * 10**-n, which is the float ``round`` returns. Near a half (where the product's error
could decide), for what is not a float of moderate size (an int, nan, inf, |y| >= 1e9), and
for a zero result (its sign), ``round`` itself decides. A unit test holds the two equal on
millions of values, ties and edges included.
"""

from __future__ import annotations

_SCALE = (1.0, 10.0, 100.0, 1000.0, 10000.0)


def round_to(x: float, n: int) -> float:
    """``round(x, n)`` for 0 <= n <= 4 (see the module's docstring)."""
    if x.__class__ is float:
        scale = _SCALE[n]
        y = x * scale
        if -1e9 < y < 1e9:
            whole = y // 1.0
            rest = y - whole
            if rest < 0.499 or rest > 0.501:
                m = whole + 1.0 if rest > 0.5 else whole
                if m:
                    return m / scale
    return round(x, n)


# round_to's results for the floats that recur from firm to firm (category scores, coverages,
# confidences), by digits: callers look here first, ``KEPT[1].get(x) or kept(x, 1)``. Only a
# float is a key and a zero result is never kept, so a key never stands for two numbers that
# compare equal and print differently (0.0 and -0.0; 3 and 3.0): callers pass floats only.
KEPT: tuple[dict[float, float], ...] = ({}, {}, {}, {}, {})
KEPT_MAX = 4_096  # per number of digits; emptied when full (a batch's firms recur)


def kept(x: float, n: int) -> float:
    """``round_to(x, n)``, kept in ``KEPT[n]`` when ``x`` is a float and the result is not 0."""
    found = round_to(x, n)
    if found and x.__class__ is float:
        memo = KEPT[n]
        if len(memo) >= KEPT_MAX:
            memo.clear()
        memo[x] = found
    return found
