"""Answer ingest: the real tingbot Application against a bare PTB echo bot, in the same round.

Each run builds a fresh bot on the in-process Bot API (`bench.botapi`), starts it without the
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
import json
import sqlite3
import tempfile
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import UTC, datetime
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

from bench.botapi import BenchBotApi
from bench.stats import Row, Spread, paired_row, percentile
from bot.app import build_application, start_up
from bot.config.load import load
from bot.config.model import Config
from bot.context import TingApplication
from bot.handlers.shared.keyboards import question_keyboard
from bot.i18n.translator import translator
from bot.transport.updates import PerChatOrderedProcessor
from storage import Storage

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz"
CONCURRENCY = 64
BACKLOG = 2 * CONCURRENCY
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FIRST_USER = 500_000_000
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


def bench_config(database: Path) -> Config:
    """The example consultation with a benchmark token and `database`."""
    config = load(ROOT / "config.example.toml", {"TINGBOT_TOKEN": TOKEN})
    return replace(config, database=database)


def answer_texts() -> list[str]:
    """Real answer texts: every line of the labelled Hallingting fixture."""
    data = json.loads((ROOT / "tests/fixtures/hallingting_points.json").read_text("utf-8"))
    return [line for a in data["answers"] for line in a["text"].splitlines() if line.strip()]


def update_data(updates: int, participants: int) -> list[dict[str, Any]]:
    """`updates` private text messages, the participants taking turns; each text is unique."""
    texts = answer_texts()
    message_ids = [0] * participants
    data = []
    for index in range(updates):
        who = index % participants
        message_ids[who] += 1
        uid = FIRST_USER + who
        data.append(
            {
                "update_id": index + 1,
                "message": {
                    "message_id": message_ids[who],
                    "date": int(NOW.timestamp()),
                    "chat": {"id": uid, "type": "private", "first_name": f"User{uid}"},
                    "from": {
                        "id": uid,
                        "is_bot": False,
                        "first_name": f"User{uid}",
                        "language_code": "nn",
                    },
                    "text": f"{texts[index % len(texts)]} #{index}",
                },
            }
        )
    return data


async def drive(
    app: AnyApp, api: BenchBotApi, data: list[dict[str, Any]], echoes: bool
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

    def on_send(moment: float, chat_id: int, text: str) -> None:
        nonlocal sent
        index = int(text.rsplit("#", 1)[1]) if echoes else waiting[chat_id].popleft()
        latencies[index] = moment - put_at[index]
        sent += 1
        backlog.release()
        if sent == len(updates):
            all_sent.set()

    api.on_send = on_send
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
    api.on_send = None
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
    api = BenchBotApi()
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
    api.rtt = rtt
    try:
        seconds, latencies = await drive(app, api, data, echoes=True)
    finally:
        await app.stop()
        await app.shutdown()
    return IngestRun(len(data), seconds, tuple(latencies), len(api.sends), len(api.sends))


async def run_tingbot(data: list[dict[str, Any]], participants: int, rtt: float) -> IngestRun:
    """The real tingbot Application, on a fresh SQLite file, through the load."""
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as folder:
        config = bench_config(Path(folder) / "tingbot.sqlite3")
        storage = await Storage.open(config.database)
        api = BenchBotApi()
        app = build_application(config, storage, lambda: NOW, request=api, rate_limiter=False)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, participants)
            await app.start()
            api.rtt = rtt
            seconds, latencies = await drive(app, api, data, echoes=False)
            await app.stop()
        finally:
            await app.shutdown()
            await storage.close()
        acknowledged = sum(1 for _, _, text in api.sends if text.startswith("✅"))
        with sqlite3.connect(config.database) as conn:
            committed = int(conn.execute("SELECT count(*) FROM answer").fetchone()[0])
    return IngestRun(len(data), seconds, tuple(latencies), acknowledged, committed)


async def join_participants(app: TingApplication, storage: Storage, participants: int) -> None:
    """Users FIRST_USER, FIRST_USER + 1, ... join the groups in turn, cursor on question one."""
    d = app.bot_data.deps
    catalog = d.catalogs[d.config.consultations[0].key]
    groups = catalog.groups
    first = catalog.active_questions[0].id
    await asyncio.gather(
        *(
            storage.participants.join(
                catalog.consultation_id,
                FIRST_USER + i,
                f"User{i}",
                groups[i % len(groups)].id,
                first,
                NOW,
            )
            for i in range(participants)
        )
    )


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
