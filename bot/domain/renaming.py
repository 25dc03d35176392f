"""Organisers who are about to send a point's new name as their next text message.

Kept in memory only: a pending rename is short-lived, expires by itself, and a restart simply
drops it (the organiser presses ✏️ again). It must never swallow a participant's answer, so it
lasts only until the next text, command or other button of that organiser.
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


class PendingRenames:
    """Pending renames by organiser (Telegram user id)."""

    def __init__(self) -> None:
        self._by_user: dict[int, PendingRename] = {}

    def begin(self, user_id: int, pending: PendingRename) -> None:
        """Await the next text of `user_id` as the new name (replacing any earlier wait)."""
        self._by_user[user_id] = pending

    def active(self, user_id: int, now: datetime) -> PendingRename | None:
        """The user's pending rename, unless there is none or it has expired."""
        pending = self._by_user.get(user_id)
        if pending is not None and now >= pending.until:
            del self._by_user[user_id]
            return None
        return pending

    def end(self, user_id: int) -> PendingRename | None:
        """Stop waiting for the user's text; return what was pending."""
        return self._by_user.pop(user_id, None)
