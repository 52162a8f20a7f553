"""A memo of bounded size that keeps what is still used, for the values a long batch makes
again and again (the Result's reasons and pain-point triggers, per language).

Emptying such a memo when it is full (as these did) throws away the few thousand reasons
that recur for most firms along with the many that came once, and a batch paid for making
them all again, ~10 % of ``evaluate`` after 1,000 firms. Here the entries live in two
generations: new ones go into ``young``; when it is full it becomes ``old`` (the previous
old is dropped) and a new young starts; an entry found in ``old`` moves back into young. So
what recurs survives every turn, what came once is gone after two, and the memo never holds
more than twice ``size`` entries. ``young`` stays the same dict object throughout, so hot
paths may look up in it directly (in C) and fall back to ``get`` on a miss.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Generations(Generic[K, V]):
    """Two generations of entries, ``size`` each at most (see the module's docstring)."""

    __slots__ = ("old", "size", "young")

    def __init__(self, size: int) -> None:
        self.size = size
        self.young: dict[K, V] = {}
        self.old: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The value kept for ``key`` (moved back into the young generation), or None."""
        found = self.young.get(key)
        if found is None:
            found = self.old.pop(key, None)
            if found is not None:
                self.put(key, found)
        return found

    def put(self, key: K, value: V) -> None:
        young = self.young
        if len(young) >= self.size:
            self.old = dict(young)  # a copy: ``young`` stays the object hot paths hold
            young.clear()
        young[key] = value

    def __len__(self) -> int:
        return len(self.young) + len(self.old)
