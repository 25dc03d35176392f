"""Figures over rounds: median with min–max, ratios paired within a round, and result rows."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Spread:
    """The median of a figure over rounds, with its smallest and largest value."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """The spread of one value per round."""
        if not values:
            raise ValueError("a spread needs at least one value")
        return cls(statistics.median(values), min(values), max(values))


def ratios(values: Sequence[float], baselines: Sequence[float]) -> list[float]:
    """value / baseline of each round (the pairing that makes a shared machine fair)."""
    return [v / b for v, b in zip(values, baselines, strict=True)]


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass(frozen=True)
class Row:
    """One line of the results table: a figure, its baseline and ratio, and its target."""

    benchmark: str
    figure: str
    unit: str
    value: Spread
    baseline_name: str = ""
    baseline: Spread | None = None
    ratio: Spread | None = None
    target: str = ""
    met: bool | None = None

    def as_json(self) -> dict[str, Any]:
        """The row as plain JSON data."""
        return asdict(self)


def paired_row(
    benchmark: str,
    figure: str,
    unit: str,
    values: Sequence[float],
    baseline_name: str,
    baselines: Sequence[float],
    target: str = "",
    ratio_at_least: float | None = None,
    ratio_at_most: float | None = None,
) -> Row:
    """A row whose ratio is paired round by round; the target is checked on the median ratio."""
    paired = Spread.of(ratios(values, baselines))
    met: bool | None = None
    if ratio_at_least is not None:
        met = paired.median >= ratio_at_least
    if ratio_at_most is not None:
        met = paired.median <= ratio_at_most
    return Row(
        benchmark,
        figure,
        unit,
        Spread.of(values),
        baseline_name,
        Spread.of(baselines),
        paired,
        target,
        met,
    )
