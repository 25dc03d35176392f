"""The organisers' console on a 10,000-point consultation: `python -m bench.console`.

2,000 participants in the example consultation's 8 groups each answer the 5 questions (one
point each: 10,000 points), written through tingbot's storage. The console then serves every
page on loopback beside the real Application (in-process Bot API), and each page is fetched
`--rounds` times over HTTP with a logged-in session; the figure is the median time to the last
byte, against the target of 300 ms, and as a ratio to the time of the console's plain login
page (the floor any page costs: routing, the guard, a template, HTTP). "After a change" is the
median of the first fetch after a curation step (a point of organisering hidden or shown
again through the curation service, as the console's buttons store it): what the memos of a
compile, a draft's review and a drawn post cannot save.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from aiohttp import ClientSession, CookieJar

from bot.domain.curation import CurationAction, Hide, Unhide
from bot.services import curation
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


Row = tuple[str, float, float, float]


async def measure(participants: int, rounds: int) -> list[Row]:
    """(page, median seconds, ratio to the login page, median seconds of the first fetch after
    a curation step) for every page."""
    with tempfile.TemporaryDirectory() as folder:
        h = await start_harness(Path(folder))
        try:
            return await _measure(h, participants, rounds)
        finally:
            await stop_harness(h)


async def _measure(h: Harness, participants: int, rounds: int) -> list[Row]:
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
            changed = await _after_change(h, http, url, rounds)
            rows.append((page or "progress", seconds, seconds / floor, changed))
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


async def _after_change(h: Harness, http: ClientSession, url: str, rounds: int) -> float:
    """The median time of the first fetch of `url` after a curation step."""
    deps = h.app.bot_data.deps
    consultation = deps.config.consultations[0]
    record = deps.catalogs[consultation.key].question_by_key("organisering")
    assert record is not None
    times = []
    for _ in range(rounds):
        view = await curation.preview(deps, consultation, record.id)
        assert view is not None
        summary = view.entry.summary
        shown = (*summary.headline, *summary.others)
        action: CurationAction = (
            Unhide(summary.hidden[0].key) if summary.hidden else Hide(shown[0].key)
        )
        stored = await curation.curate(deps, view, consultation.organisers[0], action)
        assert stored is not None, action
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
    print(f"{'page':28} {'median':>9} {'× floor':>9} {'after a change':>15}  target < 300 ms")
    for page, seconds, ratio, changed in rows:
        met = "met" if seconds < TARGET else "NOT met"
        print(f"{page:28} {seconds * 1000:7.1f} ms {ratio:8.1f}x {changed * 1000:12.1f} ms  {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
