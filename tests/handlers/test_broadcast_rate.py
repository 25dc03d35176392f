"""A broadcast through the smooth rate limiter, on virtual time: never over 30 sends a second.

The bot, its rate limiter and the recording Bot API all read the virtual clock of the loop, so
every send has an exact timestamp; the database is a real SQLite file.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from telegram.ext import ExtBot

from bot.context import Deps
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from bot.services.catalog import sync_catalogs
from bot.transport.ratelimit import SmoothRateLimiter
from storage import Storage
from tests.support.botapi import FakeTelegram
from tests.support.harness import TOKEN, example_config
from tests.support.sends import busiest_window
from tests.support.virtual_time import VirtualTimeLoop, run_virtual

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def run_broadcast(
    tmp_path: Path, recipients: int, round_trip: float, blocked: int = 0
) -> tuple[BroadcastReport, list[float], float]:
    """Broadcast to `recipients` new participants; the report, send times and duration."""

    async def main(loop: VirtualTimeLoop) -> tuple[BroadcastReport, list[float], float]:
        config = example_config(tmp_path / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        try:
            deps = Deps(config, storage, clock=lambda: NOW)
            deps.catalogs = await sync_catalogs(storage, config, NOW)
            catalog = deps.catalogs["hallingting-2026"]
            joined = await asyncio.gather(
                *(
                    storage.participants.join(
                        catalog.consultation_id, 10_000 + n, "P", catalog.groups[0].id, None, NOW
                    )
                    for n in range(recipients)
                )
            )
            telegram = FakeTelegram(loop.time, round_trip)
            limiter = SmoothRateLimiter(clock=loop.time)
            bot: ExtBot[None] = ExtBot(TOKEN, request=telegram, rate_limiter=limiter)
            await bot.initialize()
            if blocked:
                telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", blocked)
            messages = [Outgoing(p.id, p.telegram_id, f"Påminning {p.id}") for p in joined]
            start = loop.time()
            report = await broadcast(deps, bot, catalog.consultation_id, "now:all:1", messages)
            elapsed = loop.time() - start
            await bot.shutdown()
            times = [c.at for c in telegram.calls if c.method == "sendMessage"]
            return report, times, elapsed
        finally:
            await storage.close()

    return run_virtual(main)


def test_a_200_recipient_broadcast_never_exceeds_30_sends_in_a_second(tmp_path: Path) -> None:
    report, times, elapsed = run_broadcast(tmp_path, 200, round_trip=0.05, blocked=3)
    assert report == BroadcastReport(sent=197, skipped=0, failed=3)
    assert len(times) == 200
    assert busiest_window(times) == 30
    # Evenly spaced, not in bursts: 200 sends take 199 spacings of 1/30 s (stretched by the
    # limiter's 2 % safety margin).
    assert 6.6 < elapsed < 6.8 * 1.02


def test_1000_recipients_take_about_34_seconds_not_minutes(tmp_path: Path) -> None:
    # A plain loop waiting 50 ms for each round trip would need 50 s; concurrency under the
    # limiter needs 999 spacings of 1/30 s (with its 2 % safety margin) plus one round trip.
    report, times, elapsed = run_broadcast(tmp_path, 1000, round_trip=0.05)
    assert report == BroadcastReport(sent=1000)
    assert busiest_window(times) == 30
    assert 33.2 < elapsed < 34.0 * 1.02
