"""The console beside the bot adds nothing to the answer ingest: `python -m bench.console_ingest`.

bench.ingest's tingbot run (`run_tingbot`: the real Application, a real SQLite file, the
in-process Bot API) three ways, in interleaved rounds whose order rotates: without the console;
with the console (`ConsoleServer`, as `tingbot run` starts it) listening on the same event loop
and idle; and with it while an organiser's browser-like client (its own cookie session, logged
in through a one-time link) fetches a console page every second, the first fetch as the load
starts. The figure is updates/s, and the ratio of each console run to the run without it in
the same round. The bar is ≥ 0.97×: an idle server costs the loop nothing, and one page a
second is a few milliseconds in a second of ingest (the progress page; `--page publish` draws
the whole channel post from answers that change under it), so any larger loss would be the
console's; 3 % is the spread of paired ratios of two identical bots at 50 ms round trip on
this shared box (bench.ingest's echo rows), the smallest difference it can resolve.
At 50 ms round trip only by default: Telegram is that far away, and at 0 ms a load is over in
less than one poll interval.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from aiohttp import ClientSession, CookieJar

from bench.fixture import update_data
from bench.ingest import AnyApp, Beside, IngestRun, run_tingbot
from bench.stats import Row, paired_row
from bot.config.model import ConsoleSettings
from bot.console.server import ConsoleServer
from bot.services.console_login import login_link

MODES = ("without", "idle", "polled")
TARGET = 0.97


@asynccontextmanager
async def _console(app: AnyApp, page: str, every: float | None) -> AsyncIterator[object]:
    """The console on a free loopback port beside `app`; with `every`, a logged-in client
    fetching `page` every `every` seconds until the load ends."""
    deps = app.bot_data.deps
    server = ConsoleServer(deps, app.bot, ConsoleSettings(enabled=True, port=0))
    await server.start()
    url = f"http://127.0.0.1:{server.port}"
    consultation = deps.config.consultations[0]
    fetched = 0
    done = asyncio.Event()

    async def poll(http: ClientSession) -> None:
        """Fetch until the load ends; a fetch under way when it ends is finished."""
        nonlocal fetched
        while True:
            async with http.get(f"{url}/c/{consultation.key}/{page}") as response:
                await response.read()
                assert response.status == 200, response.status
            fetched += 1
            try:
                await asyncio.wait_for(done.wait(), every or 0)
                return
            except TimeoutError:
                pass

    try:
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
            task = None
            if every is not None:
                link = await login_link(deps, consultation, consultation.organisers[0], url)
                async with http.post(link) as response:
                    assert response.status == 200, response.status
                task = asyncio.create_task(poll(http))
            try:
                yield server
            finally:
                if task is not None:
                    done.set()
                    await task
                    assert fetched > 0
    finally:
        await server.stop()


def beside(mode: str, page: str, every: float) -> Beside | None:
    """What runs beside the bot in `mode`."""
    if mode == "without":
        return None

    def enter(app: AnyApp) -> AbstractAsyncContextManager[object]:
        return _console(app, page, every if mode == "polled" else None)

    return enter


async def measure(
    updates: int = 2000,
    participants: int = 100,
    rounds: int = 6,
    rtt: float = 0.05,
    page: str = "",
    every: float = 1.0,
) -> tuple[list[Row], dict[str, Any]]:
    """Interleaved rounds of the three modes; a row per console mode against "without"."""
    data = update_data(updates, participants)
    runs: dict[str, list[IngestRun]] = {mode: [] for mode in MODES}
    for round_number in range(rounds):
        shift = round_number % len(MODES)
        for mode in MODES[shift:] + MODES[:shift]:
            run = await run_tingbot(data, participants, rtt, beside(mode, page, every))
            assert run.acknowledged == run.committed == run.updates, run
            runs[mode].append(run)
    label = f"{round(rtt * 1000)} ms RTT"
    shown = page or "progress"
    rows = [
        paired_row(
            "console",
            f"ingest updates/s, {label}, {what}",
            "1/s",
            [r.rate for r in runs[mode]],
            "without console",
            [r.rate for r in runs["without"]],
            f"≥ {TARGET}× without console",
            ratio_at_least=TARGET,
        )
        for mode, what in (
            ("idle", "console idle"),
            ("polled", f"{shown} page fetched every {every:g} s"),
        )
    ]
    detail = {
        "updates": updates,
        "participants": participants,
        "rounds": rounds,
        "rtt": rtt,
        "page": shown,
        "every": every,
        "rates": {mode: [r.rate for r in rs] for mode, rs in runs.items()},
        "p50 latencies": {
            mode: [statistics.median(r.latencies) for r in rs] for mode, rs in runs.items()
        },
    }
    return rows, detail


def main(argv: list[str] | None = None) -> int:
    """Print the rows; exit 1 if a target was missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.console_ingest")
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--rtt", type=float, default=0.05)
    parser.add_argument("--page", default="", help='a console page, "" for progress')
    args = parser.parse_args(argv)
    rows, detail = asyncio.run(measure(args.updates, 100, args.rounds, args.rtt, args.page))
    for row in rows:
        print(row)
    print(detail)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
