"""What a user's next text is input for: one in-memory store for every kind of awaited input.

A kind is the type of what is awaited (a pending rename, a meeting draft). Each user may await
one input of each kind; an input may expire by itself. Kept in memory only: these inputs are
short-lived and a restart simply drops them (the user presses the button again). What must
survive a restart (an awaited check-back correction) is a database row instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

T = TypeVar("T")


class AwaitedInputs:
    """Awaited inputs by Telegram user id and kind, each with an optional expiry."""

    def __init__(self) -> None:
        self._by_user: dict[int, dict[type, tuple[object, datetime | None]]] = {}

    def begin(self, user_id: int, value: object, until: datetime | None = None) -> None:
        """Await the user's next text for `value` (replacing an earlier one of its kind)."""
        self._by_user.setdefault(user_id, {})[type(value)] = (value, until)

    def awaits(self, user_id: int) -> bool:
        """Whether the user awaits any input (one dict lookup: runs for every private text)."""
        return user_id in self._by_user

    def active(self, user_id: int, kind: type[T], now: datetime) -> T | None:
        """The user's awaited input of `kind`, unless there is none or it has expired."""
        found = self._by_user.get(user_id, {}).get(kind)
        if found is None:
            return None
        value, until = found
        if until is not None and now >= until:
            self.end(user_id, kind)
            return None
        assert isinstance(value, kind)
        return value

    def end(self, user_id: int, kind: type[T]) -> T | None:
        """Stop awaiting the user's input of `kind`; return what was awaited."""
        inputs = self._by_user.get(user_id)
        if inputs is None:
            return None
        value, _until = inputs.pop(kind, (None, None))
        if not inputs:
            del self._by_user[user_id]
        return value if isinstance(value, kind) else None
