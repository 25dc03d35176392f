"""A national-size consultation on one machine: `python -m bench.scale` (minutes; not in CI).

50,000 participants in 2,000 groups answer the 5 questions of the example consultation (each
answers 4 of them with one point: 200,000 points), on a real SQLite file on this machine's disk:

1. through the real Application (`build_application`, no rate limiter, the in-process Bot API
   of tests/support/botapi.py): `sample` participants join (/start <code>, then consent) and
   send their answers, fed `BACKLOG` updates at a time; joins and answers a second;
2. the other participants and their answers are written through tingbot's storage (the same
   writer and statements the handlers use, many at once so the writer batches them);
3. on the full database: /status through the Application, compiling one question and the whole
   consultation (bot/services/summary.py), selecting everyone for a reminder (render included,
   nothing sent), then /eksport through the Application (its documents and their size), the
   database's size, the process's resident memory, and start-up (open, migrate, sync the
   config, build and initialise the Application) anew;
4. one reminder to everyone, from the limiter's spacing (30 a second less its 1% margin, as the
   virtual-time tests confirm) and with paid broadcast at 1,000 a second (bot/domain/broadcast_cost.py).

`python -m bench.scale --participants 500 --groups 20 --sample 50` runs a small version.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram import Update

from bench.fixture import FIRST_USER, NOW, answer_texts, bench_config, bot_api
from bench.ingest import BACKLOG
from bench.scale_support import consent, message, peak_rss_mb, progress, rss_mb
from bot.app import build_application, start_up
from bot.config.model import Config, Group
from bot.context import TingApplication
from bot.domain.broadcast_cost import LIMITER_MARGIN, estimate
from bot.services import remind_now
from bot.services.meetings import upcoming_meetings
from bot.services.summary import compile_summary
from bot.transport.ratelimit import TELEGRAM_PER_SECOND
from storage import Storage
from tests.support.botapi import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
ANSWERED = 4  # of the 5 questions, with one point each
PAID_RATE = 1000
# The limiter's spacing at the free rate (bot/transport/sendgate.py).
FREE_SPACING = LIMITER_MARGIN / TELEGRAM_PER_SECOND


def scale_config(database: Path, groups: int) -> Config:
    """The example consultation with `groups` generated groups."""
    config = bench_config(database)
    made = tuple(Group(f"g{i:05d}", f"Gruppe {i}", f"kode{i:05d}") for i in range(1, groups + 1))
    return replace(config, consultations=(replace(config.consultations[0], groups=made),))


async def feed(app: TingApplication, data: list[dict[str, Any]]) -> float:
    """Put the updates in the Application's queue, BACKLOG at a time; the seconds."""
    start = time.perf_counter()
    for first in range(0, len(data), BACKLOG):
        for item in data[first : first + BACKLOG]:
            await app.update_queue.put(Update.de_json(item, app.bot))
        await app.update_queue.join()  # the chunk processed, its replies sent
    return time.perf_counter() - start


async def through_the_app(app: TingApplication, config: Config, sample: int) -> dict[str, float]:
    """`sample` participants join (link, then consent), then answer, through the Application."""
    deps = app.bot_data.deps
    catalog = deps.catalogs[config.consultations[0].key]
    groups = catalog.groups
    texts = answer_texts()
    links = [
        message(i + 1, FIRST_USER + i, 1, f"/start {groups[i % len(groups)].join_code}")
        for i in range(sample)
    ]
    consents = [
        consent(deps, sample + i + 1, FIRST_USER + i, groups[i % len(groups)].id)
        for i in range(sample)
    ]
    join_seconds = await feed(app, links) + await feed(app, consents)
    answers = [
        message(10 * sample + k * sample + i, FIRST_USER + i, 2 + k, texts[(i + k) % len(texts)])
        for k in range(ANSWERED)
        for i in range(sample)
    ]
    answer_seconds = await feed(app, answers)
    return {"joins_per_s": sample / join_seconds, "answers_per_s": len(answers) / answer_seconds}


async def fill(app: TingApplication, storage: Storage, participants: int, sample: int) -> float:
    """The other participants and their answers, through the storage writer; the seconds."""
    deps = app.bot_data.deps
    catalog = deps.catalogs[deps.config.consultations[0].key]
    questions = [q.id for q in catalog.active_questions]
    groups, texts = catalog.groups, answer_texts()
    start = time.perf_counter()
    for first in range(sample, participants, 1000):
        people = range(first, min(first + 1000, participants))
        joined = await asyncio.gather(
            *(
                storage.participants.join(
                    catalog.consultation_id,
                    FIRST_USER + i,
                    f"U{i}",
                    groups[i % len(groups)].id,
                    questions[0],
                    NOW,
                )
                for i in people
            )
        )
        await asyncio.gather(
            *(
                storage.answers.add_answer(
                    p.id,
                    questions[(i + k) % len(questions)],
                    texts[(i + k) % len(texts)],
                    FIRST_USER + i,
                    2 + k,
                    NOW,
                )
                for i, p in zip(people, joined, strict=True)
                for k in range(ANSWERED)
            )
        )
    return time.perf_counter() - start


async def timed_update(app: TingApplication, api: FakeTelegram, text: str) -> float:
    """Seconds to process one organiser command through the Application."""
    organiser = app.bot_data.deps.config.consultations[0].organisers[0]
    update = Update.de_json(message(9_999_999, organiser, 9_999_999, text), app.bot)
    start = time.perf_counter()
    await app.process_update(update)
    return time.perf_counter() - start


async def on_full_database(
    app: TingApplication, api: FakeTelegram, export: bool
) -> dict[str, float]:
    """/status, /eksport, compiling, selecting for a reminder, on the full database."""
    from bot.domain.summary import answer_points, compile_question
    from bot.services.summary import rule_of

    deps = app.bot_data.deps
    consultation = deps.config.consultations[0]
    catalog = deps.catalogs[consultation.key]
    figures = {"status_s": await timed_update(app, api, "/status")}
    progress("status_s", figures["status_s"])
    start = time.perf_counter()
    await compile_summary(deps, consultation)
    figures["compile_all_s"] = time.perf_counter() - start
    first = catalog.active_questions[0]
    start = time.perf_counter()
    rows = await deps.storage.answers.answers_in(catalog.consultation_id)
    points = [
        point
        for row in rows
        if row.question_id == first.id and (group := catalog.group(row.group_id)) is not None
        for point in answer_points(row.answer_id, group.key, row.participant_id, row.text)
    ]
    compile_question(first.key, points, rule_of(consultation))
    figures["compile_one_s"] = time.perf_counter() - start
    figures["points_in_one_question"] = len(points)
    start = time.perf_counter()
    selection = await remind_now.select(deps, consultation, remind_now.EVERYONE)
    meetings = await upcoming_meetings(deps, consultation)
    for person in selection.chosen:
        remind_now.render(deps, consultation, person, meetings, person.language)
    figures["remind_select_render_s"] = time.perf_counter() - start
    figures["reminder_recipients"] = len(selection.chosen)
    progress("remind_select_render_s", figures["remind_select_render_s"])
    if export:  # last: it grows faster than the answers (docs/scaling.md) and may take an hour
        figures["peak_rss_before_export_mb"] = peak_rss_mb()
        sent = len(api.calls)
        figures["export_s"] = await timed_update(app, api, "/eksport")
        files = [f for call in api.calls[sent:] for f in call.files.values()]
        figures["export_documents"] = len(files)
        figures["export_mb"] = sum(len(f) for f in files) / 1e6
        progress("export_s", figures["export_s"])
    return figures


async def start_up_seconds(config: Config) -> float:
    """Open the full database and start tingbot on it (as `tingbot run` does before polling)."""
    start = time.perf_counter()
    storage = await Storage.open(config.database, config.durability)
    app = build_application(config, storage, lambda: NOW, request=bot_api())
    try:
        await app.initialize()
        await start_up(app)
        return time.perf_counter() - start
    finally:
        await app.shutdown()
        await storage.close()


async def measure(
    participants: int, groups: int, sample: int, folder: Path, export: bool = True
) -> dict[str, Any]:
    """Every figure of the module docstring, for a consultation of this size."""
    config = scale_config(folder / "tingbot.sqlite3", groups)
    storage = await Storage.open(config.database)
    api = bot_api()
    app = build_application(config, storage, lambda: NOW, request=api, rate_limiter=False)
    figures: dict[str, Any] = {"participants": participants, "groups": groups, "sample": sample}
    try:
        await app.initialize()
        await start_up(app)
        await app.start()
        figures.update(await through_the_app(app, config, sample))
        fill_seconds = await fill(app, storage, participants, sample)
        figures["fill_answers_per_s"] = (participants - sample) * ANSWERED / fill_seconds
        figures["answers"] = int(
            (await storage.db.fetchone("SELECT count(*) FROM answer"))[0]  # type: ignore[index]
        )
        figures.update(await on_full_database(app, api, export))
        figures["rss_mb"] = rss_mb()
        figures["peak_rss_mb"] = peak_rss_mb()
    finally:
        # Stopped here even when a step failed: shutting down a running Application raises,
        # and the database's thread would then keep the process alive.
        if app.running:
            await app.stop()
        await app.shutdown()
        await storage.close()
    files = [config.database, config.database.with_name(config.database.name + "-wal")]
    figures["database_mb"] = sum(f.stat().st_size for f in files if f.exists()) / 1e6
    figures["start_up_s"] = await start_up_seconds(config)
    everyone = figures["reminder_recipients"]
    paid = estimate(everyone, PAID_RATE)
    figures["remind_everyone_free_s"] = everyone * FREE_SPACING
    figures["remind_everyone_paid_s"] = paid.seconds
    figures["remind_everyone_paid_stars"] = paid.stars
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run at the size asked for; print the figures and write bench/scale_results.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--participants", type=int, default=50_000)
    parser.add_argument("--groups", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--skip-export", action="store_true", help="leave out /eksport")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "scale_results.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tingbot-scale-", dir=ROOT / "bench") as folder:
        run = measure(
            args.participants, args.groups, args.sample, Path(folder), not args.skip_export
        )
        figures = asyncio.run(run)
    for key, value in figures.items():
        print(f"{key:28} {value:,.3f}" if isinstance(value, float) else f"{key:28} {value:,}")
    args.output.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
