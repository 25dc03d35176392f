"""Timestamps are stored as UTC ISO 8601 text."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    """`moment` (timezone-aware) as UTC ISO 8601 text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: store only timezone-aware moments")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str) -> datetime:
    """Stored text back to an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def maybe_from_db(text: str | None) -> datetime | None:
    """Like `from_db`, passing None through."""
    return None if text is None else from_db(text)
