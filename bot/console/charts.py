"""Bar charts drawn on the server as SVG: the geometry here, the drawing in the template."""

from __future__ import annotations

from dataclasses import dataclass

ROW = 28
LABEL_WIDTH = 260
BAR_WIDTH = 360


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value out of `of`, and where it is drawn."""

    label: str
    value: int
    of: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        """The baseline of the bar's texts."""
        return self.y + ROW // 2 + 5


@dataclass(frozen=True)
class Chart:
    """Horizontal bars with a title (the SVG's accessible name)."""

    title: str
    bars: tuple[Bar, ...]
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH

    @property
    def height(self) -> int:
        """The SVG's height."""
        return ROW * len(self.bars) + 4

    @property
    def width(self) -> int:
        """The SVG's width (labels, bars and the count after them)."""
        return self.label_width + self.bar_width + 90


def chart(title: str, rows: list[tuple[str, int, int]]) -> Chart:
    """Bars for (label, value, out of) rows; a value is never drawn past its whole."""
    bars = []
    for index, (label, value, of) in enumerate(rows):
        share = min(value, of) / of if of > 0 else 0.0
        short = label if len(label) <= 36 else label[:35] + "…"
        bars.append(Bar(short, value, of, index * ROW, round(share * BAR_WIDTH)))
    return Chart(title, tuple(bars))
