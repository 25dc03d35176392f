"""Concurrent update processing that keeps each chat's updates in order.

Updates of different chats run concurrently (so a slow Telegram round trip or a database commit
for one participant does not hold up the others), while the updates of one chat are processed
strictly one after another: a participant's answer and their next button press never race.

An update whose chat is busy waits for its turn *before* it takes one of the concurrency slots,
so a participant who sends ten messages in a row holds one slot, not ten, and the other chats
keep the rest.
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


# PTB takes its own semaphore before `do_process_update`, sized by the number given to the base
# class: so that one admits every update, and the real limit (`_slots`, `limit`) is taken once
# the update's turn in its chat has come.
_ADMIT_ALL = 2**31 - 1


class PerChatOrderedProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once (kept as `limit`); one at a time per chat, in order."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        if max_concurrent_updates < 1:
            raise ValueError("max_concurrent_updates must be a positive integer")
        super().__init__(_ADMIT_ALL)
        self.limit = max_concurrent_updates
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._running = 0

    @property
    def current_concurrent_updates(self) -> int:
        """How many updates are being processed now (not counting those waiting their turn)."""
        return self._running

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        """Take a slot and run."""
        async with self._slots:
            self._running += 1
            try:
                await coroutine
            finally:
                self._running -= 1

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` after every earlier update of the same chat has finished."""
        key = chat_key(update)
        if key is None:
            await self._run(coroutine)
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await self._run(coroutine)
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
