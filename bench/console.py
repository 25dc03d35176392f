"""The organisers' console on a 10,000-point consultation: `python -m bench.console`.

2,000 participants in the example consultation's 8 groups each answer the 5 questions (one
point each: 10,000 points), written through tingbot's storage. The console then serves every
page on loopback beside the real Application (in-process Bot API), and each page is fetched
`--rounds` times over HTTP with a logged-in session; the figure is the median time to the last
byte, against the target of 300 ms, and as a ratio to the time of the console's plain login
page (the floor any page costs: routing, the guard, a template, HTTP).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from aiohttp import ClientSession, CookieJar

from tests.support.console import link, serving
from tests.support.harness import Harness, start_harness, stop_harness

PAGES = ("", "q/organisering", "q/organisering/review", "publish", "exports", "meetings")
TARGET = 0.300
WORDS = ("næringsfond", "trainee", "breiband", "mobildekning", "Sats på Hallingdal", "helse")


async def seed(h: Harness, participants: int) -> int:
    """Every participant answers every question with one point; the number of points."""
    catalog = h.app.bot_data.deps.catalogs["hallingting-2026"]
    groups = [g for g in catalog.groups if not g.retired]
    questions = catalog.active_questions
    joined = await asyncio.gather(
        *(
            h.storage.participants.join(
                catalog.consultation_id,
                900_000 + n,
                f"P{n}",
                groups[n % len(groups)].id,
                questions[0].id,
                h.clock(),
            )
            for n in range(participants)
        )
    )
    writes = [
        h.storage.answers.add_answer(
            p.id,
            q.id,
            f"{WORDS[(n + i) % len(WORDS)]} tiltak {n % 97}",
            900_000 + n,
            n * 10 + i,
            h.clock(),
        )
        for n, p in enumerate(joined)
        for i, q in enumerate(questions)
    ]
    await asyncio.gather(*writes)
    return len(writes)


async def measure(participants: int, rounds: int) -> list[tuple[str, float, float]]:
    """(page, median seconds, ratio to the login page) for every page."""
    with tempfile.TemporaryDirectory() as folder:
        h = await start_harness(Path(folder))
        points = await seed(h, participants)
        print(f"{points:,} points from {participants:,} participants")
        rows = []
        async with serving(h) as server, ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
            floor_link = await link(h, server)
            floor = await _median(http, floor_link, rounds)
            async with http.post(await link(h, server)) as response:
                assert response.status == 200
            for page in PAGES:
                url = f"{server.url}/c/hallingting-2026/{page}"
                seconds = await _median(http, url, rounds)
                rows.append((page or "progress", seconds, seconds / floor))
        await stop_harness(h)
        return rows


async def _median(http: ClientSession, url: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
            assert response.status == 200, url
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print each page's median time, its ratio to the floor, and whether it meets 300 ms."""
    parser = argparse.ArgumentParser(prog="python -m bench.console")
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rows = asyncio.run(measure(args.participants, args.rounds))
    print(f"{'page':28} {'median':>9} {'× floor':>9}  target < 300 ms")
    for page, seconds, ratio in rows:
        met = "met" if seconds < TARGET else "NOT met"
        print(f"{page:28} {seconds * 1000:7.1f} ms {ratio:8.1f}x  {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
