"""Blocking waits on the emulator's state, woken by every recorded call and queued update."""

from __future__ import annotations

import time
from collections.abc import Callable

from .dispatch import Call, Journal
from .world import World

RECHECK = 0.02  # seconds; for conditions on state the emulator is not told about


def wait_for_call(
    world: World, journal: Journal, predicate: Callable[[Call], bool], timeout: float, after: int
) -> Call:
    """The first call recorded from position ``after`` on that matches; AssertionError if none."""
    deadline = time.monotonic() + timeout
    with world.changed:
        checked = after
        while True:
            for call in journal.calls[checked:]:
                if predicate(call):
                    return call
            checked = max(checked, len(journal.calls))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                recent = [(c.method, c.status) for c in journal.calls[-8:]]
                raise AssertionError(f"no matching call within {timeout}s; last: {recent}")
            world.changed.wait(remaining)


def wait_until(world: World, condition: Callable[[], bool], timeout: float) -> None:
    """Return once ``condition()`` holds; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with world.changed:
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"condition not met within {timeout}s")
            world.changed.wait(min(remaining, RECHECK))
