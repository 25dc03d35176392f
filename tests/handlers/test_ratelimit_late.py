"""The smooth rate limiter when the event loop wakes sends late (virtual clock, see test_ratelimit)."""

import asyncio
import random

from bot.transport.ratelimit import SmoothRateLimiter
from tests.handlers.test_ratelimit import started_bot, times
from tests.support.sends import busiest_window
from tests.support.virtual_time import VirtualTimeLoop, run_virtual


def test_late_wake_ups_never_crowd_a_second() -> None:
    rng = random.Random(7)

    async def late_sleep(seconds: float) -> None:
        # A busy event loop: one wake-up in five comes up to 40 ms late.
        await asyncio.sleep(seconds + (rng.uniform(0, 0.04) if rng.random() < 0.2 else 0.0))

    async def main(loop: VirtualTimeLoop) -> list[float]:
        limiter = SmoothRateLimiter(clock=loop.time, sleep=late_sleep)
        bot, request = await started_bot(loop, limiter, round_trip=0.05)
        await asyncio.gather(*(bot.send_message(chat_id=1 + i, text="x") for i in range(300)))
        return times(request)

    sent = run_virtual(main)
    assert len(sent) == 300
    assert busiest_window(sent, 1.0) <= 30
    assert (len(sent) - 1) / (max(sent) - min(sent)) >= 0.95 * 30
