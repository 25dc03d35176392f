"""The cross-group round: when it is open, and which points a participant goes through.

The round is opened and closed by organisers, or at times set in the config; whichever of these
happened last (up to now) decides. A participant goes through the points of the summary — the
headline points, then the others, question by question, as the summary orders them — except
the points their own group raised (unless the round allows that). A point counts as voted on
when the participant voted on any of its refs, so a recompile does not ask again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.domain.summary import QuestionSummary, SummaryPoint


@dataclass(frozen=True)
class RoundEvent:
    """The round was opened (`opens`) or closed at `at`."""

    at: datetime
    opens: bool


def round_is_open(now: datetime, events: Iterable[RoundEvent]) -> bool:
    """Open if the latest event up to `now` opened it; closed before any event.

    Of events at the same moment, the one listed last counts.
    """
    latest: RoundEvent | None = None
    for event in events:
        if event.at <= now and (latest is None or event.at >= latest.at):
            latest = event
    return latest.opens if latest is not None else False


def scheduled_events(opens_at: datetime | None, closes_at: datetime | None) -> list[RoundEvent]:
    """The configured opening and closing as events."""
    events = []
    if opens_at is not None:
        events.append(RoundEvent(opens_at, True))
    if closes_at is not None:
        events.append(RoundEvent(closes_at, False))
    return events


@dataclass(frozen=True)
class BallotItem:
    """One point a participant may vote on, with its question."""

    question: str
    point: SummaryPoint


def ballot(
    summaries: Sequence[QuestionSummary], group: str, own_group: bool
) -> tuple[BallotItem, ...]:
    """The points a participant of `group` goes through, in order."""
    return tuple(
        BallotItem(summary.question, point)
        for summary in summaries
        for point in (*summary.headline, *summary.others)
        if own_group or group not in point.groups
    )


def voted_on(item: BallotItem, voted_keys: Collection[str]) -> bool:
    """Whether one of the point's refs carries a vote of the participant."""
    return any(ref in voted_keys for ref in item.point.refs)


def next_unvoted(items: Sequence[BallotItem], voted_keys: Collection[str]) -> int | None:
    """The position of the first point not yet voted on, or None when all are done."""
    return next((i for i, item in enumerate(items) if not voted_on(item, voted_keys)), None)


def find_item(items: Sequence[BallotItem], key: str) -> int | None:
    """The position of the point holding ref `key` (a stored vote key or a point key)."""
    return next((i for i, item in enumerate(items) if key in item.point.refs), None)
