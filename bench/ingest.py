"""Answer ingest: the real tingbot Application against a bare PTB echo bot, in the same round.

Each run builds a fresh bot on the in-process Bot API (`tests.support.botapi`), starts it without the
updater (`app.start()`) and feeds N text updates from M participants into `app.update_queue`,
interleaving the participants. The load keeps at most `BACKLOG` updates unanswered (twice the
64 concurrent updates both bots allow), so the bot never idles and the latency (update put →
its reply sent) is service time plus a bounded wait, not the length of an arbitrary queue.

tingbot runs with its real handlers on a real SQLite file in a temporary folder; the M
participants have joined beforehand, so every update is an answer that is committed before the
"saved" reply. After the run, a separate sqlite3 connection counts the stored answers, which must
equal the acknowledgements. The echo bot is `ApplicationBuilder().concurrent_updates(64)` with
one handler that replies with the text: the floor that any PTB bot pays per update.
Neither bot has a rate limiter here (30 msg/s would hide everything); see `bench.broadcast`.
"""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import tempfile
import time
from collections import deque
from collections.abc import Callable, Coroutine
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bench.fixture import (
    NOW,
    TOKEN,
    bench_config,
    bot_api,
    is_send,
    join_participants,
    sends,
    update_data,
)
from bench.stats import Row, Spread, paired_row, percentile
from bot.app import build_application, start_up
from bot.handlers.shared.keyboards import question_keyboard
from bot.i18n.translator import translator
from bot.transport.updates import PerChatOrderedProcessor
from storage import Storage
from tests.support.botapi import Call, FakeTelegram

CONCURRENCY = 64
BACKLOG = 2 * CONCURRENCY
AnyApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class IngestRun:
    """One bot through one load: elapsed time, each update's latency, what was stored."""

    updates: int
    seconds: float
    latencies: tuple[float, ...]
    acknowledged: int
    committed: int

    @property
    def rate(self) -> float:
        """Updates per second."""
        return self.updates / self.seconds


async def drive(
    app: AnyApp, api: FakeTelegram, data: list[dict[str, Any]], echoes: bool
) -> tuple[float, list[float]]:
    """Feed the updates with a bounded backlog; (seconds until all are processed, latencies).

    A latency runs from putting the update into the queue to its reply being sent. A reply is
    matched to its update by the echoed "#index" (the echo bot may reorder a chat's replies),
    else as the next unanswered update of its chat (tingbot keeps each chat in order).
    """
    updates = [Update.de_json(item, app.bot) for item in data]
    put_at = [0.0] * len(updates)
    latencies = [0.0] * len(updates)
    waiting: dict[int, deque[int]] = {}
    backlog = asyncio.Semaphore(BACKLOG)
    all_sent = asyncio.Event()
    sent = 0

    def on_send(call: Call) -> None:
        nonlocal sent
        if not is_send(call):
            return
        chat_id = int(call.params["chat_id"])
        index = int(call.text.rsplit("#", 1)[1]) if echoes else waiting[chat_id].popleft()
        latencies[index] = call.at - put_at[index]
        sent += 1
        backlog.release()
        if sent == len(updates):
            all_sent.set()

    api.hooks.append(on_send)
    gc.collect()
    start = time.perf_counter()
    for index, update in enumerate(updates):
        await backlog.acquire()
        assert update.effective_chat is not None
        waiting.setdefault(update.effective_chat.id, deque()).append(index)
        put_at[index] = time.perf_counter()
        await app.update_queue.put(update)
    await all_sent.wait()
    await app.update_queue.join()  # every update processed, its reply answered
    api.hooks.remove(on_send)
    return time.perf_counter() - start, latencies


def _echo(
    markup: InlineKeyboardMarkup | None,
) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """A handler that replies with the message's own text (and `markup`)."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text, reply_markup=markup)

    return echo


async def run_echo(data: list[dict[str, Any]], rtt: float, shaped: bool = False) -> IngestRun:
    """The bare PTB echo bot through the load.

    `shaped`: configured like tingbot (its defaults and update processor) and replying with the
    keyboard tingbot puts under a saved answer; what PTB alone costs for tingbot's reply.
    """
    api = bot_api()
    builder = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api)
    markup = None
    if shaped:
        builder = builder.concurrent_updates(PerChatOrderedProcessor(CONCURRENCY)).defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=ZoneInfo("Europe/Oslo"),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        markup = question_keyboard(translator("nn"), 1, True, True)
    else:
        builder = builder.concurrent_updates(CONCURRENCY)
    app: AnyApp = builder.build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo(markup)))
    await app.initialize()
    await app.start()
    api.round_trip = rtt
    try:
        seconds, latencies = await drive(app, api, data, echoes=True)
    finally:
        await app.stop()
        await app.shutdown()
    replies = len(sends(api))
    return IngestRun(len(data), seconds, tuple(latencies), replies, replies)


Beside = Callable[[AnyApp], AbstractAsyncContextManager[object]]


async def run_tingbot(
    data: list[dict[str, Any]], participants: int, rtt: float, beside: Beside | None = None
) -> IngestRun:
    """The real tingbot Application, on a fresh SQLite file, through the load; `beside(app)`
    is entered on the same loop for the load, after the bot started (bench.console_ingest)."""
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as folder:
        config = bench_config(Path(folder) / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        api = bot_api()
        app = build_application(config, storage, lambda: NOW, request=api, rate_limiter=False)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, participants)
            await app.start()
            api.round_trip = rtt
            async with beside(app) if beside else nullcontext():
                seconds, latencies = await drive(app, api, data, echoes=False)
            await app.stop()
        finally:
            await app.shutdown()
            await storage.close()
        acknowledged = sum(1 for call in sends(api) if call.text.startswith("✅"))
        with sqlite3.connect(config.database) as conn:
            committed = int(conn.execute("SELECT count(*) FROM answer").fetchone()[0])
    return IngestRun(len(data), seconds, tuple(latencies), acknowledged, committed)


BOTS = ("echo", "shaped", "tingbot")
BASELINES = {"echo": "PTB echo bot", "shaped": "PTB echo, tingbot's reply"}


async def run_bot(bot: str, data: list[dict[str, Any]], participants: int, rtt: float) -> IngestRun:
    """One run of one of BOTS."""
    if bot == "tingbot":
        return await run_tingbot(data, participants, rtt)
    return await run_echo(data, rtt, shaped=bot == "shaped")


async def measure(
    updates: int = 2000,
    participants: int = 100,
    rounds: int = 5,
    rtts: tuple[float, ...] = (0.0, 0.05),
) -> tuple[list[Row], dict[str, Any]]:
    """Interleaved rounds of every bot at every round trip (order rotating); table rows."""
    data = update_data(updates, participants)
    plan = [(bot, rtt) for rtt in rtts for bot in BOTS]
    runs: dict[tuple[str, float], list[IngestRun]] = {key: [] for key in plan}
    for round_number in range(rounds):
        shift = round_number % len(plan)
        for bot, rtt in plan[shift:] + plan[:shift]:
            runs[bot, rtt].append(await run_bot(bot, data, participants, rtt))
    rows: list[Row] = []
    for rtt in rtts:
        ting = runs["tingbot", rtt]
        label = f"{round(rtt * 1000)} ms RTT"
        for baseline, target in (("echo", 0.8), ("shaped", None)):
            rows.append(
                paired_row(
                    "ingest",
                    f"updates/s, {label}",
                    "1/s",
                    [r.rate for r in ting],
                    BASELINES[baseline],
                    [r.rate for r in runs[baseline, rtt]],
                    "≥ 0.8× echo" if target else "",
                    ratio_at_least=target,
                )
            )
        for name, fraction in (("p50", 0.5), ("p99", 0.99)):
            rows.append(
                paired_row(
                    "ingest",
                    f"{name} latency, {label}",
                    "ms",
                    [percentile(r.latencies, fraction) * 1000 for r in ting],
                    BASELINES["echo"],
                    [percentile(r.latencies, fraction) * 1000 for r in runs["echo", rtt]],
                )
            )
    tingbot_runs = [r for (bot, _), rs in runs.items() if bot == "tingbot" for r in rs]
    verified = all(r.acknowledged == r.committed == r.updates for r in tingbot_runs)
    rows.append(
        Row(
            "ingest",
            "answers acknowledged = committed",
            "runs",
            Spread.of([float(sum(r.acknowledged == r.committed for r in tingbot_runs))]),
            target="every run",
            met=verified,
        )
    )
    detail = {
        "updates": updates,
        "participants": participants,
        "rounds": rounds,
        "concurrency": CONCURRENCY,
        "backlog": BACKLOG,
        "acknowledged": [r.acknowledged for r in tingbot_runs],
        "committed": [r.committed for r in tingbot_runs],
    }
    return rows, detail


if __name__ == "__main__":
    found, info = asyncio.run(measure())
    for row in found:
        print(row)
    print(info)
