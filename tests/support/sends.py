"""Reading send moments: the busiest window and the tightest spacing, for tests and bench."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise


def busiest_window(moments: Sequence[float], width: float = 1.0) -> int:
    """The most moments in any closed window [t, t + width]."""
    ordered = sorted(moments)
    return max(
        (bisect_right(ordered, start + width) - i for i, start in enumerate(ordered)), default=0
    )


def smallest_gap(moments: Sequence[float]) -> float:
    """The shortest time between two consecutive moments."""
    ordered = sorted(moments)
    return min(b - a for a, b in pairwise(ordered))
