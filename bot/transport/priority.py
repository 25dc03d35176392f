"""Which sends are bulk: a context variable the broadcasting and posting code sets.

Every send is a reply to a person's own action unless it runs inside `bulk_sends()`: reminders,
notices, invitations, check-backs and channel posts enter it, so a handler's reply needs no mark
and can never be slowed down by forgetting one. The variable follows asyncio's context, so the
concurrent sends a broadcast starts (tasks created inside the block) are bulk too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_BULK: ContextVar[bool] = ContextVar("tingbot_bulk_send", default=False)


@contextmanager
def bulk_sends() -> Iterator[None]:
    """Mark every send made inside the block (and in tasks started in it) as bulk."""
    token = _BULK.set(True)
    try:
        yield
    finally:
        _BULK.reset(token)


def is_bulk() -> bool:
    """Whether the current send is bulk (inside `bulk_sends()`)."""
    return _BULK.get()
