"""Broadcast: a reminder to every participant through tingbot's rate limiter, on the real clock.

The real tingbot Application is built as it runs in production (`build_application` with its
`SmoothRateLimiter`), on a real SQLite file with the recipients joined, and sends through the
in-process Bot API (`tests.support.botapi`) answering at once or after a simulated round trip. Every
send's moment is taken in the request layer with `time.perf_counter`; from them come the
achieved rate (sends / time until the last send was answered) and the largest number of sends
in any one-second window (closed: [t, t + 1 s]).

`send_reminder` below starts the broadcast through tingbot's own reminder code: the organisers'
"remind everyone now" (bot/services/remind_now.py), which renders each participant's reminder,
claims every recipient in the database and sends concurrently through bot/services/broadcast.py.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.fixture import FIRST_USER, NOW, bench_config, bot_api, join_participants, sends
from bench.stats import Row, Spread
from bot.app import build_application, start_up
from bot.context import TingApplication
from bot.services import remind_now
from bot.transport.ratelimit import TELEGRAM_PER_SECOND
from storage import Storage
from tests.support.sends import busiest_window

TELEGRAM_RATE = float(TELEGRAM_PER_SECOND)


@dataclass(frozen=True)
class BroadcastRun:
    """One broadcast: how many were sent, how long it took, the busiest one-second window."""

    recipients: int
    sent: int
    seconds: float
    busiest_second: int

    @property
    def rate(self) -> float:
        """Messages per second, start of the broadcast to the last answered send."""
        return self.sent / self.seconds


async def send_reminder(app: TingApplication, recipients: Sequence[int]) -> None:
    """The organisers' "remind everyone now" through tingbot's reminder code (render, claim,
    concurrent sends under the rate limiter, per-recipient records)."""
    deps = app.bot_data.deps
    consultation = deps.config.consultations[0]
    report = await remind_now.send_now(deps, app.bot, consultation, remind_now.EVERYONE, 1)
    if report.sent != len(recipients):
        raise RuntimeError(f"reminded {report.sent} of {len(recipients)} participants")


async def run_broadcast(recipients: int, rtt: float) -> BroadcastRun:
    """A fresh tingbot with `recipients` participants sends them the reminder."""
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as folder:
        config = bench_config(Path(folder) / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        api = bot_api()
        app = build_application(config, storage, lambda: NOW, request=api)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, recipients)
            api.round_trip = rtt
            start = time.perf_counter()
            await send_reminder(app, [FIRST_USER + i for i in range(recipients)])
            seconds = time.perf_counter() - start
        finally:
            await app.shutdown()
            await storage.close()
    moments = [call.at for call in sends(api)]
    return BroadcastRun(recipients, len(moments), seconds, busiest_window(moments))


async def measure(
    recipients: int = 1000, rtts: tuple[float, ...] = (0.0, 0.05)
) -> tuple[list[Row], dict[str, Any]]:
    """One broadcast per round trip, all at the same time (they hardly use the CPU)."""
    runs = await asyncio.gather(*(run_broadcast(recipients, rtt) for rtt in rtts))
    rows: list[Row] = []
    for rtt, run in zip(rtts, runs, strict=True):
        label = f"{round(rtt * 1000)} ms RTT, {run.recipients} recipients"
        ratio = run.rate / TELEGRAM_RATE
        rows.append(
            Row(
                "broadcast",
                f"messages/s, {label}",
                "1/s",
                Spread.of([run.rate]),
                "Telegram's limit",
                Spread.of([TELEGRAM_RATE]),
                Spread.of([ratio]),
                "≥ 0.95× 30/s",
                ratio >= 0.95 and run.sent == run.recipients,
            )
        )
        rows.append(
            Row(
                "broadcast",
                f"most sends in a second, {label}",
                "sends",
                Spread.of([float(run.busiest_second)]),
                "Telegram's limit",
                Spread.of([TELEGRAM_RATE]),
                Spread.of([run.busiest_second / TELEGRAM_RATE]),
                "≤ 30",
                run.busiest_second <= TELEGRAM_RATE,
            )
        )
    detail = {
        "runs": [
            {"rtt": rtt, "recipients": r.recipients, "sent": r.sent, "seconds": r.seconds}
            for rtt, r in zip(rtts, runs, strict=True)
        ]
    }
    return rows, detail


if __name__ == "__main__":
    import sys

    found, info = asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
    for row in found:
        print(row)
    print(info)
