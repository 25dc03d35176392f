"""Replies during an export: how long a participant's "✅ Lagra" waits while /eksport runs.

Each run is a fresh real Application (`build_application`, no rate limiter: this is about the
event loop, not the limiter) on a real SQLite file, the in-process Bot API of
`tests/support/botapi.py` answering at once. Its consultation (`bench.scale.scale_config`) is
filled with `participants` participants and four answers each through the storage writer
(`bench.scale.fill`); `askers` more, joined beforehand, then send `answers` answers each, one
every `interval` seconds, staggered. A reply's latency runs from putting the answer's update
into the Application's queue to its reply reaching the Bot API double.

- *loop*: the answers while the organiser's /eksport runs with its documents made on the event
  loop (the handler's `asyncio.to_thread` replaced by a direct call), as tingbot did before;
  its export time sets `interval`, so that the answers span the export;
- *worker*: the same answers while /eksport runs as tingbot runs it, its documents made on a
  worker thread (`bot/handlers/organiser/exports.py`);
- *idle*: the same answers and no export.

The answers begin as the organiser's update is put into the queue. The last line printed is
`reply-during-export idle_p99_ms=X worker_p99_ms=Y loop_p99_ms=Z export_s=S`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from telegram import Update

from bench.fixture import NOW, bot_api, is_send, join_participants, update_data
from bench.scale import fill, scale_config
from bench.scale_support import message
from bench.stats import percentile
from bot.app import build_application, start_up
from storage import Storage
from tests.support.botapi import Call

EXPORT_UPDATE = 9_999_999


@dataclass(frozen=True)
class ExportRun:
    """One run: every reply's latency, and how long the export took (0 without one)."""

    latencies: tuple[float, ...]
    export_s: float

    def ms(self, fraction: float) -> float:
        """A percentile of the replies' latency, in milliseconds."""
        return percentile(self.latencies, fraction) * 1000


async def _inline(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """`asyncio.to_thread` without the thread: the call on the event loop, as before."""
    return function(*args, **kwargs)


async def run(
    participants: int, askers: int, answers: int, interval: float, export: str | None
) -> ExportRun:
    """One run; `export` is "worker", "loop" or None (no export)."""
    with tempfile.TemporaryDirectory(prefix="tingbot-bench-") as folder:
        config = scale_config(Path(folder) / "tingbot.sqlite3", 40)
        storage = await Storage.open(config.database)
        api = bot_api()
        app = build_application(config, storage, lambda: NOW, request=api, rate_limiter=False)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, askers)
            await fill(app, storage, askers + participants, askers)
            await app.start()
            inline: AbstractContextManager[Any] = (
                mock.patch.object(asyncio, "to_thread", _inline)
                if export == "loop"
                else nullcontext()
            )
            with inline:
                result = await _drive(app, api, askers, answers, interval, export is not None)
            await app.stop()
        finally:
            if app.running:
                await app.stop()
            await app.shutdown()
            await storage.close()
    return result


async def _drive(
    app: Any, api: Any, askers: int, answers: int, interval: float, export: bool
) -> ExportRun:
    """Put each answer in the queue at its moment (after the export's update, if any)."""
    updates = [Update.de_json(item, app.bot) for item in update_data(askers * answers, askers)]
    put_at: dict[int, list[float]] = {}
    latencies: list[float] = []
    replied, exported = asyncio.Event(), asyncio.Event()
    documents = 0

    def on_call(call: Call) -> None:
        nonlocal documents
        if call.method == "sendDocument":
            documents += 1
            if documents == 4:
                exported.set()
        elif is_send(call) and put_at.get(chat := int(call.params["chat_id"])):
            latencies.append(call.at - put_at[chat].pop(0))
            if len(latencies) == len(updates):
                replied.set()

    api.hooks.append(on_call)
    begin = time.perf_counter()
    if export:
        organiser = app.bot_data.deps.config.consultations[0].organisers[0]
        data = message(EXPORT_UPDATE, organiser, EXPORT_UPDATE, "/eksport")
        await app.update_queue.put(Update.de_json(data, app.bot))
    for index, update in enumerate(updates):
        due = begin + (index // askers) * interval + (index % askers) * interval / askers
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        assert update.effective_chat is not None
        put_at.setdefault(update.effective_chat.id, []).append(time.perf_counter())
        await app.update_queue.put(update)
    await replied.wait()
    if export:
        await exported.wait()
    api.hooks.remove(on_call)
    return ExportRun(tuple(latencies), time.perf_counter() - begin if export else 0.0)


async def measure(
    participants: int = 5000, askers: int = 20, answers: int = 5
) -> tuple[ExportRun, ExportRun, ExportRun, dict[str, Any]]:
    """The loop, worker and idle runs and their details (the loop run sets the interval)."""
    probe = await run(participants, askers, 1, 0.0, "loop")
    interval = probe.export_s / answers
    loop = await run(participants, askers, answers, interval, "loop")
    worker = await run(participants, askers, answers, interval, "worker")
    idle = await run(participants, askers, answers, interval, None)
    detail = {
        "participants": participants + askers,
        "answers_in_database": participants * 4,
        "askers": askers,
        "answers_each": answers,
        "interval_s": interval,
        "export_loop_s": loop.export_s,
        "export_worker_s": worker.export_s,
        **{
            f"{name}_{p}_ms": r.ms(f)
            for name, r in (("idle", idle), ("worker", worker), ("loop", loop))
            for p, f in (("p50", 0.5), ("p99", 0.99))
        },
        **{
            f"{name}_max_ms": max(r.latencies) * 1000
            for name, r in (("idle", idle), ("worker", worker), ("loop", loop))
        },
    }
    return loop, worker, idle, detail


def main(argv: list[str]) -> None:
    """Print the runs' figures; the first argument is the number of filled-in participants."""
    participants = int(argv[0]) if argv else 5000
    loop, worker, idle, detail = asyncio.run(measure(participants))
    for key, value in detail.items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
    print(
        f"reply-during-export idle_p99_ms={idle.ms(0.99):.1f} worker_p99_ms={worker.ms(0.99):.1f} "
        f"loop_p99_ms={loop.ms(0.99):.1f} export_s={worker.export_s:.1f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
