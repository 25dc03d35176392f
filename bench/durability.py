"""Durability: what `storage.durability = "full"` (an fsync per write batch) costs against NORMAL.

The ingest load of bench/ingest.py (answers from participants who have joined, at most
`BACKLOG` unanswered, through the real Application on a real SQLite file on this machine's disk,
no rate limiter) runs against tingbot opened with "normal" and with "full", in alternating
rounds of the same run. The writer commits every batch of queued writes in one transaction (group
commit), so with "full" one fsync covers every answer of a batch; the figures are answers a
second and the p99 latency from the update to its acknowledgement.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.fixture import NOW, bench_config, bot_api, join_participants, sends, update_data
from bench.ingest import IngestRun, drive
from bench.stats import Row, paired_row, percentile
from bot.app import build_application, start_up
from storage import Storage

ROOT = Path(__file__).resolve().parents[1]


async def run(data: list[dict[str, Any]], participants: int, durability: str) -> IngestRun:
    """tingbot on a fresh database (on disk, beside the repository) with `durability`."""
    with tempfile.TemporaryDirectory(prefix="tingbot-durability-", dir=ROOT / "bench") as folder:
        config = replace(bench_config(Path(folder) / "t.sqlite3"), durability=durability)
        storage = await Storage.open(config.database, config.durability)
        api = bot_api()
        app = build_application(config, storage, lambda: NOW, request=api, rate_limiter=False)
        try:
            await app.initialize()
            await start_up(app)
            await join_participants(app, storage, participants)
            await app.start()
            seconds, latencies = await drive(app, api, data, echoes=False)
            await app.stop()
        finally:
            await app.shutdown()
            await storage.close()
    acknowledged = sum(1 for call in sends(api) if call.text.startswith("✅"))
    return IngestRun(len(data), seconds, tuple(latencies), acknowledged, acknowledged)


async def measure(
    updates: int = 1000, participants: int = 100, rounds: int = 3
) -> tuple[list[Row], dict[str, Any]]:
    """Alternating rounds of "normal" and "full"; rows with "full" against "normal"."""
    data = update_data(updates, participants)
    runs: dict[str, list[IngestRun]] = {"normal": [], "full": []}
    for number in range(rounds):
        order = ("normal", "full") if number % 2 == 0 else ("full", "normal")
        for durability in order:
            runs[durability].append(await run(data, participants, durability))
    full, normal = runs["full"], runs["normal"]
    rows = [
        paired_row(
            "durability",
            'answers/s, storage.durability = "full"',
            "1/s",
            [r.rate for r in full],
            '"normal"',
            [r.rate for r in normal],
            "measured (no target)",
        ),
        paired_row(
            "durability",
            'p99 latency, storage.durability = "full"',
            "ms",
            [percentile(r.latencies, 0.99) * 1000 for r in full],
            '"normal"',
            [percentile(r.latencies, 0.99) * 1000 for r in normal],
            "measured (no target)",
        ),
    ]
    detail = {d: [{"rate": r.rate, "seconds": r.seconds} for r in rs] for d, rs in runs.items()}
    return rows, detail
