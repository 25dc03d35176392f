"""Replies during a broadcast: how long a participant's "✅ Lagra" waits while a reminder goes out.

Two runs in the same process, one after the other, each on a fresh real tingbot Application
(`build_application` with its rate limiter, real SQLite file, the in-process Bot API of
`tests/support/botapi.py` answering after `rtt`):

- idle: `askers` participants each send `answers` answer texts, one every `interval` seconds
  (the askers staggered evenly over the interval), and nothing else is sent;
- during: the same answers at the same moments, while tingbot's broadcast
  (bot/services/broadcast.py, the reminder now to everyone) sends a reminder to `recipients`
  other participants; the first answer comes as the first reminder is sent (before that, the
  broadcast renders and claims every recipient, which holds the event loop and the writer for
  a moment that no rate limiter can give back).

A reply's latency runs from putting the answer's update into the Application's queue to the
Bot API double receiving the reply (`time.perf_counter`). The broadcast's rate is its sends over
the span from its first to its last send (the rate the limiter gives it; bench.broadcast's other
rows count the claim before the first send too); the busiest second counts every send, replies
too.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update

from bench.fixture import (
    FIRST_USER,
    NOW,
    bench_config,
    bot_api,
    is_send,
    join_participants,
    sends,
    update_data,
)
from bench.stats import percentile
from bot.app import build_application, start_up
from bot.context import TingApplication
from bot.services import remind_now
from bot.services.broadcast import Outgoing, broadcast
from bot.services.meetings import upcoming_meetings
from storage import Storage
from tests.support.botapi import Call, FakeTelegram
from tests.support.sends import busiest_window


@dataclass(frozen=True)
class ReplyRun:
    """One run: every reply's latency and, with a broadcast, its sends, rate and busiest second."""

    latencies: tuple[float, ...]
    broadcast_sent: int
    broadcast_rate: float
    busiest_second: int

    @property
    def p99_ms(self) -> float:
        """The 99th percentile of the replies' latency, in milliseconds."""
        return percentile(self.latencies, 0.99) * 1000


async def remind(app: TingApplication, recipients: int) -> int:
    """The reminder now, through tingbot's broadcast, to the first `recipients` participants."""
    deps = app.bot_data.deps
    consultation = deps.config.consultations[0]
    selection = await remind_now.select(deps, consultation, remind_now.EVERYONE)
    meetings = await upcoming_meetings(deps, consultation)
    messages = [
        Outgoing(
            p.recipient.participant_id,
            p.recipient.telegram_id,
            remind_now.render(deps, consultation, p, meetings, p.language),
        )
        for p in selection.chosen
        if p.recipient.telegram_id < FIRST_USER + recipients
    ]
    catalog = deps.catalogs[consultation.key]
    report = await broadcast(deps, app.bot, catalog.consultation_id, "now:bench", messages)
    return report.sent


async def run(
    recipients: int, askers: int, answers: int, interval: float, rtt: float, busy: bool
) -> ReplyRun:
    """One run; `busy` starts the broadcast to `recipients` alongside the answers."""
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as folder:
        config = bench_config(Path(folder) / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        api = bot_api()
        app = build_application(config, storage, lambda: NOW, request=api)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, recipients + askers)
            await app.start()
            api.round_trip = rtt
            result = await _drive(app, api, recipients, askers, answers, interval, busy)
            await app.stop()
        finally:
            await app.shutdown()
            await storage.close()
    return result


async def put_staggered(
    app: TingApplication,
    updates: list[Update],
    askers: int,
    interval: float,
    put_at: dict[int, list[float]],
    begin: float | None = None,
) -> None:
    """Put the askers' updates into the queue, each asker one every `interval` seconds, the
    askers staggered evenly over it, from `begin` (now if not given); `put_at` gets, per chat,
    the moment each of its updates went in."""
    start = time.perf_counter() if begin is None else begin
    for index, update in enumerate(updates):
        due = start + (index // askers) * interval + (index % askers) * interval / askers
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        assert update.effective_chat is not None
        put_at.setdefault(update.effective_chat.id, []).append(time.perf_counter())
        await app.update_queue.put(update)


async def _drive(
    app: TingApplication,
    api: FakeTelegram,
    recipients: int,
    askers: int,
    answers: int,
    interval: float,
    busy: bool,
) -> ReplyRun:
    """Put each answer in the queue at its moment; wait for every reply (and the broadcast)."""
    everyone = update_data(askers * answers, askers)
    first_asker = FIRST_USER + recipients
    for item in everyone:  # the askers come after the recipients
        chat = item["message"]["chat"]
        chat["id"] = item["message"]["from"]["id"] = chat["id"] + recipients
    updates = [Update.de_json(item, app.bot) for item in everyone]
    put_at: dict[int, list[float]] = {}
    latencies: list[float] = []
    done, under_way = asyncio.Event(), asyncio.Event()

    def on_send(call: Call) -> None:
        if not is_send(call):
            return
        chat_id = int(call.params["chat_id"])
        if chat_id < first_asker:
            under_way.set()
        elif put_at.get(chat_id):
            latencies.append(call.at - put_at[chat_id].pop(0))
            if len(latencies) == len(updates):
                done.set()

    api.hooks.append(on_send)
    sending = asyncio.ensure_future(remind(app, recipients)) if busy else None
    if busy:  # the answers begin once the reminders go out (after the claim, see README)
        await under_way.wait()
    await put_staggered(app, updates, askers, interval, put_at)
    await done.wait()
    sent = await sending if sending is not None else 0
    api.hooks.remove(on_send)
    sent_calls = sends(api)
    moments = [call.at for call in sent_calls]
    reminders = [call.at for call in sent_calls if int(call.params["chat_id"]) < first_asker]
    # The limiter's share: sends over the span they took (the claim before them is not its).
    rate = (len(reminders) - 1) / (reminders[-1] - reminders[0]) if len(reminders) > 1 else 0.0
    return ReplyRun(tuple(latencies), sent, rate, busiest_window(moments))


async def measure(
    recipients: int = 1000,
    askers: int = 20,
    answers: int = 3,
    interval: float = 10.0,
    rtt: float = 0.05,
) -> tuple[ReplyRun, ReplyRun, dict[str, Any]]:
    """The idle run, then the run during a broadcast; both runs and their details."""
    idle = await run(recipients, askers, answers, interval, rtt, busy=False)
    during = await run(recipients, askers, answers, interval, rtt, busy=True)
    detail = {
        "recipients": recipients,
        "askers": askers,
        "answers_each": answers,
        "interval_s": interval,
        "rtt_s": rtt,
        "idle_p50_ms": percentile(idle.latencies, 0.5) * 1000,
        "idle_p99_ms": idle.p99_ms,
        "during_p50_ms": percentile(during.latencies, 0.5) * 1000,
        "during_p99_ms": during.p99_ms,
        "idle_max_ms": max(idle.latencies) * 1000,
        "during_max_ms": max(during.latencies) * 1000,
        "broadcast_sent": during.broadcast_sent,
        "broadcast_rate": during.broadcast_rate,
        "busiest_second": during.busiest_second,
    }
    return idle, during, detail
