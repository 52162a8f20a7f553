"""What a plan costs: a money range (low to high, open-ended at the top), one solution's cost
and the totals of several. Plain values, shared by the plan (``action_plan``) and its words
(``wording.plan_text``)."""

from dataclasses import dataclass
from typing import NamedTuple

MONTHS_3Y = 36


@dataclass(frozen=True)
class Money:
    """An amount in the catalogue's currency as a range; ``high`` None: open-ended."""

    low: float
    high: float | None

    @staticmethod
    def exact(value: float) -> "Money":
        return Money(value, value)

    def __add__(self, other: "Money") -> "Money":
        high = None if self.high is None or other.high is None else self.high + other.high
        return Money(self.low + other.low, high)

    def times(self, factor: float) -> "Money":
        return Money(self.low * factor, None if self.high is None else self.high * factor)

    @property
    def is_zero(self) -> bool:
        return self.low == 0 and self.high == 0

    @property
    def is_exact(self) -> bool:
        return self.high is not None and self.low == self.high


ZERO = Money(0.0, 0.0)


class Cost(NamedTuple):
    """One solution's cost, one-off and monthly."""

    one_off: Money
    monthly: Money
    from_tier: bool  # a range from the cost tier, not the catalogue's typical figures

    @property
    def three_year(self) -> Money:
        return self.one_off + self.monthly.times(MONTHS_3Y)

    @property
    def staff_time_only(self) -> bool:
        return self.one_off.is_zero and self.monthly.is_zero


class Totals(NamedTuple):
    items: int
    one_off: Money
    monthly: Money
    from_tiers: int  # items priced by their tier's range, not typical figures
    open_ended: int  # items whose tier has no upper bound

    @property
    def three_year(self) -> Money:
        return self.one_off + self.monthly.times(MONTHS_3Y)
