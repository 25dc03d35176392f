"""Broadcast rate in real time: reminders to N participants through the smooth rate limiter.

Run from the repository root: `python -m bench.broadcast_rate [recipients] [round trip in ms]`
(default 1000 recipients, 50 ms). A real SQLite file, the real broadcast (claim, send
concurrently, record) and an in-process Bot API that answers after the round trip.

Measured (1,000 recipients, 50 ms round trip): 33.4 s, 29.9 messages/s. Counted by the moment
each call reached the Bot API, a one-second window held at most 31–32 sends in real time: the
limiter books sends 1/30 s apart, but a task that wakes a few milliseconds late lands closer to
the next one. On virtual time (tests/test_broadcast_rate.py) no window holds more than 30.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from bisect import bisect_left
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import ExtBot

from bot.context import Deps
from bot.ratelimit import SmoothRateLimiter
from bot.services.broadcast import Outgoing, broadcast
from bot.services.catalog import sync_catalogs
from storage import Storage
from tests.support.botapi import FakeTelegram
from tests.support.harness import TOKEN, example_config

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class SlowTelegram(FakeTelegram):
    """The recording Bot API with a network round trip."""

    def __init__(self, round_trip: float) -> None:
        super().__init__(time.monotonic)
        self.round_trip = round_trip

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Record and answer the call after the round trip."""
        answer = await super().do_request(*args, **kwargs)
        await asyncio.sleep(self.round_trip)
        return answer


async def measure(folder: Path, recipients: int, round_trip: float) -> None:
    """Broadcast once and print the duration, the rate and the busiest second."""
    config = example_config(folder / "bench.sqlite3")
    storage = await Storage.open(config.database)
    try:
        deps = Deps(config, storage, clock=lambda: NOW)
        deps.catalogs = await sync_catalogs(storage, config, NOW)
        catalog = deps.catalogs["hallingting-2026"]
        group = catalog.groups[0].id
        joined = await asyncio.gather(
            *(
                storage.join(catalog.consultation_id, 10_000 + n, "P", group, None, NOW)
                for n in range(recipients)
            )
        )
        telegram = SlowTelegram(round_trip)
        bot: ExtBot[None] = ExtBot(TOKEN, request=telegram, rate_limiter=SmoothRateLimiter())
        await bot.initialize()
        messages = [Outgoing(p.id, p.telegram_id, "Påminning") for p in joined]
        start = time.monotonic()
        report = await broadcast(deps, bot, catalog.consultation_id, "now:all:1", messages)
        elapsed = time.monotonic() - start
        await bot.shutdown()
    finally:
        await storage.close()
    times = sorted(c.at for c in telegram.calls if c.method == "sendMessage")
    busiest = max(bisect_left(times, t + 1.0) - i for i, t in enumerate(times))
    print(
        f"{recipients} recipients, {round_trip * 1000:.0f} ms round trip: {elapsed:.1f} s, "
        f"{report.sent / elapsed:.1f} messages/s, at most {busiest} in any second "
        f"(sent {report.sent}, skipped {report.skipped}, failed {report.failed})"
    )


def main(argv: list[str]) -> None:
    """Parse the arguments and run the measurement."""
    recipients = int(argv[0]) if argv else 1000
    round_trip = float(argv[1]) / 1000 if len(argv) > 1 else 0.05
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(measure(Path(folder), recipients, round_trip))


if __name__ == "__main__":
    main(sys.argv[1:])
