"""The busiest window of a run: the most sends in any closed window [t, t + width]."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def busiest_window(moments: Sequence[float], width: float = 1.0) -> int:
    """The most moments in any closed window [t, t + width]."""
    ordered = sorted(moments)
    return max(
        (bisect_right(ordered, start + width) - i for i, start in enumerate(ordered)), default=0
    )
