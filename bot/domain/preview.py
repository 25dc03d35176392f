"""The organiser's preview of one question's summary: numbering, paging, and sensible curation.

Points are numbered once across the headline, the other points and the hidden ones, so a number
means the same point on every page and in every picker. A curation action is only taken when
it would change something and every ref it names belongs to the question (button data can be
stale or forged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.domain.curation import (
    CurationAction,
    Hide,
    KeepApart,
    Merge,
    Move,
    Rename,
    Split,
    Undo,
    Unhide,
)

if TYPE_CHECKING:
    from bot.domain.summary import QuestionSummary, SummaryPoint

Section = Literal["headline", "others", "hidden"]
MAX_LABEL = 200


@dataclass(frozen=True)
class NumberedPoint:
    """A summary point with its number in the preview and the section it is shown in."""

    number: int
    section: Section
    point: SummaryPoint


def numbered(summary: QuestionSummary) -> list[NumberedPoint]:
    """Every point of the summary, numbered from 1: headline, then others, then hidden."""
    sections: tuple[tuple[Section, tuple[SummaryPoint, ...]], ...] = (
        ("headline", summary.headline),
        ("others", summary.others),
        ("hidden", summary.hidden),
    )
    found: list[NumberedPoint] = []
    for section, points in sections:
        for point in points:
            found.append(NumberedPoint(len(found) + 1, section, point))
    return found


def holding(summary: QuestionSummary, ref: str) -> NumberedPoint | None:
    """The point whose provenance includes the point ref `ref`, if any."""
    return next((n for n in numbered(summary) if ref in n.point.refs), None)


def paginate(sizes: Sequence[int], budget: int, per_page: int) -> list[range]:
    """Split items of these sizes into consecutive pages of at most `per_page` items and
    `budget` characters (an item larger than the budget gets a page of its own)."""
    pages: list[range] = []
    start, used = 0, 0
    for index, size in enumerate(sizes):
        full = index - start >= per_page or (index > start and used + size > budget)
        if full:
            pages.append(range(start, index))
            start, used = index, 0
        used += size
    if start < len(sizes) or not pages:
        pages.append(range(start, len(sizes)))
    return pages


def sensible(summary: QuestionSummary, action: CurationAction, undoable: bool) -> bool:
    """Tell whether `action` names points of this summary and would change something."""
    match action:
        case Merge(into_ref=into_ref):
            into, sources = (
                holding(summary, into_ref),
                [holding(summary, r) for r in action.from_refs],
            )
            if into is None or not sources or None in sources:
                return False
            return any(s is not None and s.point != into.point for s in sources)
        case Move(to_ref=to_ref):
            target = holding(summary, to_ref)
            sources = [holding(summary, ref) for ref in action.refs]
            if target is None or not sources or None in sources:
                return False
            return any(s is not None and s.point != target.point for s in sources)
        case Rename(ref=ref, label=label):
            found = holding(summary, ref)
            if found is None or len(label.strip()) > MAX_LABEL:
                return False
            return bool(label.strip()) or found.point.renamed
        case Hide(ref=ref):
            found = holding(summary, ref)
            return found is not None and not found.point.hidden
        case Unhide(ref=ref):
            found = holding(summary, ref)
            return found is not None and found.point.hidden
        case Split(refs=refs):
            held = [h for h in (holding(summary, ref) for ref in refs) if h is not None]
            if not refs or len(held) < len(refs):
                return False
            if len({h.number for h in held}) > 1:
                return True
            # Splitting off a whole theme would change nothing.
            return not set(held[0].point.refs) <= set(refs)
        case KeepApart(ref=ref, other_ref=other_ref):
            return holding(summary, ref) is not None and holding(summary, other_ref) is not None
        case Undo():
            return undoable
    return False
