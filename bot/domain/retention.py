"""How long raw answers are kept: until a number of days after the consultation's deadline."""

from __future__ import annotations

from datetime import datetime, timedelta


def purge_due(deadline: datetime, retention_days: int) -> datetime:
    """The moment from which a consultation's raw answers are to be deleted."""
    return deadline + timedelta(days=retention_days)


def is_purge_due(deadline: datetime, retention_days: int, now: datetime) -> bool:
    """Whether the retention period after the deadline has run out."""
    return now >= purge_due(deadline, retention_days)


# Updates the bot could not read are kept for the operators to look at, not for good: their raw
# JSON holds what a person wrote. A month is long enough to notice and report a poison update.
DEAD_LETTER_DAYS = 30


def dead_letters_expire_before(now: datetime) -> datetime:
    """Dead letters received before this moment are to be deleted."""
    return now - timedelta(days=DEAD_LETTER_DAYS)
