"""An event loop on virtual time that still lets worker threads (aiosqlite) wake it.

Whenever every task waits for a timer, the loop's clock jumps straight to the next timer, so
asyncio.sleep costs no real time and every Bot API call carries an exact virtual timestamp. When
nothing is scheduled at all, the loop blocks for real until a thread (the database connection)
hands back a result.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
REAL_WAIT = 30.0  # seconds a database call may take before the test gives up


class _JumpingSelector(selectors.DefaultSelector):
    """Polls without blocking; waiting for a timer moves the virtual clock instead."""

    def __init__(self, clock: list[float]) -> None:
        super().__init__()
        self._clock = clock

    def select(self, timeout: float | None = None) -> list[Any]:
        events = super().select(0)
        if events:
            self._clock[0] += 1e-9  # time creeps on, so a timer re-armed for "now" still fires
            return events
        if timeout is None:
            events = super().select(REAL_WAIT)
            if not events:
                raise RuntimeError("deadlock: nothing scheduled and no thread woke the loop")
            return events
        self._clock[0] += timeout if timeout > 0 else 1e-9
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose time() is virtual and advances only when every task waits."""

    def __init__(self) -> None:
        self._virtual = [0.0]
        super().__init__(_JumpingSelector(self._virtual))

    def time(self) -> float:
        """The virtual time in seconds."""
        return self._virtual[0]


def run_virtual(main: Callable[[VirtualTimeLoop], Coroutine[Any, Any, T]]) -> T:
    """Run `main(loop)` to completion on a fresh virtual-time loop."""
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main(loop))
    finally:
        loop.close()
