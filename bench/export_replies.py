"""Replies during heavy work: how long a participant's "✅ Lagra" waits while the organiser's
/eksport (or /oppsummering) runs.

Each run is a fresh real Application (`build_application`, no rate limiter: this is about the
event loop, not the limiter) on a real SQLite file, the in-process Bot API of
`tests/support/botapi.py` answering at once. Its consultation (`bench.scale.scale_config`) is
filled with `participants` participants and four answers each through the storage writer
(`bench.scale.fill`); `askers` more, joined beforehand, then send `answers` answers each, one
every `interval` seconds, staggered. A reply's latency runs from putting the answer's update
into the Application's queue to its reply reaching the Bot API double.

- *loop*: the answers while the organiser's command runs with its work on the event loop
  (`asyncio.to_thread` replaced by a direct call), as tingbot did before; its time sets
  `interval`, so that the answers span it;
- *worker*: the same answers while the command runs as tingbot runs it: /eksport compiles and
  makes its documents on a worker thread (`bot/handlers/organiser/exports.py`), /oppsummering
  compiles on one (`bot/services/summary.ON_THREAD_FROM`);
- *idle*: the same answers and no command.

The answers begin as the organiser's update is put into the queue; the command is done when
the export's fourth document, or the summary's draft, reaches the Bot API double. The last line
printed is `reply-during-WORK idle_p99_ms=X worker_p99_ms=Y loop_p99_ms=Z work_s=S`.
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
from bench.replies import put_staggered
from bench.scale import fill, scale_config
from bench.scale_support import message
from bench.stats import percentile
from bot.app import build_application, start_up
from storage import Storage
from tests.support.botapi import Call

EXPORT_UPDATE = 9_999_999
COMMANDS = {"export": "/eksport", "summary": "/oppsummering"}
DRAFT = "📝"  # the summary draft's first character


@dataclass(frozen=True)
class ExportRun:
    """One run: every reply's latency, and how long the command took (0 without one)."""

    latencies: tuple[float, ...]
    work_s: float

    def ms(self, fraction: float) -> float:
        """A percentile of the replies' latency, in milliseconds."""
        return percentile(self.latencies, fraction) * 1000


async def _inline(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """`asyncio.to_thread` without the thread: the call on the event loop, as before."""
    return function(*args, **kwargs)


async def run(
    participants: int,
    askers: int,
    answers: int,
    interval: float,
    where: str | None,
    work: str = "export",
) -> ExportRun:
    """One run of `work` ("export" or "summary"); `where` is "worker", "loop" or None (no
    command)."""
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
                if where == "loop"
                else nullcontext()
            )
            with inline:
                command = COMMANDS[work] if where is not None else None
                result = await _drive(app, api, askers, answers, interval, command)
        finally:
            if app.running:
                await app.stop()
            await app.shutdown()
            await storage.close()
    return result


async def _drive(
    app: Any, api: Any, askers: int, answers: int, interval: float, command: str | None
) -> ExportRun:
    """Put each answer in the queue at its moment (after the command's update, if any)."""
    updates = [Update.de_json(item, app.bot) for item in update_data(askers * answers, askers)]
    put_at: dict[int, list[float]] = {}
    latencies: list[float] = []
    replied, worked = asyncio.Event(), asyncio.Event()
    documents = 0

    def on_call(call: Call) -> None:
        nonlocal documents
        if call.method == "sendDocument":
            documents += 1
            if documents == 4:
                worked.set()
        elif is_send(call) and call.text.startswith(DRAFT):
            worked.set()
        elif is_send(call) and put_at.get(chat := int(call.params["chat_id"])):
            latencies.append(call.at - put_at[chat].pop(0))
            if len(latencies) == len(updates):
                replied.set()

    api.hooks.append(on_call)
    begin = time.perf_counter()
    if command is not None:
        organiser = app.bot_data.deps.config.consultations[0].organisers[0]
        data = message(EXPORT_UPDATE, organiser, EXPORT_UPDATE, command)
        await app.update_queue.put(Update.de_json(data, app.bot))
    await put_staggered(app, updates, askers, interval, put_at, begin)
    await replied.wait()
    if command is not None:
        await worked.wait()
    api.hooks.remove(on_call)
    return ExportRun(tuple(latencies), time.perf_counter() - begin if command else 0.0)


async def measure(
    participants: int = 5000, askers: int = 20, answers: int = 5, work: str = "export"
) -> tuple[ExportRun, ExportRun, ExportRun, dict[str, Any]]:
    """The loop, worker and idle runs and their details (the loop run sets the interval)."""
    probe = await run(participants, askers, 1, 0.0, "loop", work)
    interval = probe.work_s / answers
    runs = {
        where: await run(participants, askers, answers, interval, where, work)
        for where in ("loop", "worker", None)
    }
    loop, worker, idle = runs["loop"], runs["worker"], runs[None]
    named = (("idle", idle), ("worker", worker), ("loop", loop))
    detail: dict[str, Any] = {
        "work": work,
        "participants": participants + askers,
        "answers_in_database": participants * 4,
        "askers": askers,
        "answers_each": answers,
        "interval_s": interval,
        "work_loop_s": loop.work_s,
        "work_worker_s": worker.work_s,
    }
    for name, found in named:
        detail[f"{name}_p50_ms"] = found.ms(0.5)
        detail[f"{name}_p99_ms"] = found.ms(0.99)
        detail[f"{name}_max_ms"] = max(found.latencies) * 1000
    return loop, worker, idle, detail


def main(argv: list[str]) -> None:
    """Print the runs' figures: [participants] [export|summary]."""
    participants = int(argv[0]) if argv else 5000
    work = argv[1] if len(argv) > 1 else "export"
    loop, worker, idle, detail = asyncio.run(measure(participants, work=work))
    for key, value in detail.items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
    print(
        f"reply-during-{work} idle_p99_ms={idle.ms(0.99):.1f} "
        f"worker_p99_ms={worker.ms(0.99):.1f} loop_p99_ms={loop.ms(0.99):.1f} "
        f"work_s={worker.work_s:.1f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
