"""A point an organiser is about to rename with their next text message.

Awaited in `AwaitedInputs` (in memory): a pending rename is short-lived, expires by itself, and
a restart simply drops it (the organiser presses ✏️ again). It must never swallow a
participant's answer, so it lasts only until the next text, command or other button of that
organiser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

RENAME_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class PendingRename:
    """Which point the organiser renames, and the preview message to update afterwards."""

    consultation_id: int
    question_id: int
    ref: str
    page: int
    chat_id: int
    message_id: int | None
    until: datetime
