"""Stopping the poller: a stop that lands just as an update finishes still ends the polling."""

from __future__ import annotations

import asyncio
from typing import cast

import pytest

from bot.context import TingApplication
from bot.transport.polling import UPDATE_KINDS, ConfirmingPoller


async def test_a_cancel_arriving_with_progress_is_not_swallowed() -> None:
    poller = ConfirmingPoller(cast(TingApplication, None), UPDATE_KINDS)
    waiting = asyncio.create_task(poller._await_progress(0))
    for _ in range(3):  # let it get past its first sleep into the wait for progress
        await asyncio.sleep(0)
    assert not waiting.done()
    poller.progress.set()  # an update finishes ...
    waiting.cancel()  # ... in the same moment as SIGTERM makes stop() cancel the poller
    with pytest.raises(asyncio.CancelledError):
        await waiting
