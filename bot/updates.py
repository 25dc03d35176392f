"""Concurrent update processing that keeps each chat's updates in order.

Updates of different chats run concurrently (so a slow Telegram round trip or a database commit
for one participant does not hold up the others), while the updates of one chat are processed
strictly one after another: a participant's answer and their next button press never race.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> int | None:
    """The chat (or user) whose updates must stay in order; None for updates of no chat."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatOrderedProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once; one at a time per chat, in arrival order."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` after every earlier update of the same chat has finished."""
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
