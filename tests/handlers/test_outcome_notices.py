"""The participants' notices after a publication or a decision are a job, through the real
Application on a real SQLite file: the organiser's ✅ is answered before any notice and gets the
count after the last; a restart in the middle sends the rest once and nobody twice; a posted
version whose job never ran is sent at the next start-up; finished notices are never resumed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.context import Context
from tests.handlers.test_decision import WRITTEN
from tests.support.botapi import Call
from tests.support.harness import ORGANISER, Harness, start_harness, stop_harness
from tests.support.notices import notice_jobs, run_notices
from tests.support.organiser import consultation_id, seed
from tests.support.seeding import seed_answers

PARTICIPANTS = 70
FIRST = 7000
STOP_AFTER = 12  # notices sent before the bot stops
NOTICE = "📣 Samanstillinga av «"
PLANNED = "📣 Meldingane til deltakarane vert sende no; du får talet når dei er sende."
RESUMED = "Boten starta på nytt medan dei vart sende; resten vart sende etterpå."


def count_line(sent: int, skipped: int = 0, failed: int = 0) -> str:
    """The organiser's count of the notices, in Nynorsk, each count in its plural form."""

    def people(n: int) -> str:
        return f"{n} deltakar" if n == 1 else f"{n} deltakarar"

    messages = f"{failed} melding" if failed == 1 else f"{failed} meldingar"
    return (
        f"📣 Meldingane til deltakarane er ferdige. Send til {people(sent)}. {people(skipped)} "
        f"vart hoppa over (påminningar av eller ikkje mogleg å nå). {messages} kom ikkje fram."
    )


def notices_to(h: Harness, chat_id: int) -> int:
    """How many publication notices a chat got."""
    return sum(1 for t in h.replies(chat_id) if t.startswith(NOTICE))


async def seed_many(h: Harness) -> None:
    """PARTICIPANTS participants in four groups, each with one answer."""
    rows = [
        (f"gruppe-{1 + n % 4}", FIRST + n, "organisering", "Sats på Hallingdal 2.0")
        for n in range(PARTICIPANTS)
    ]
    await seed(h, rows)


async def publish(h: Harness) -> None:
    """Preview and ✅, without running the notices' job."""
    await h.command(ORGANISER, "publiser")
    await h.press(ORGANISER, "✅")


async def test_the_organisers_reply_comes_first_and_the_count_after(h: Harness) -> None:
    await seed_answers(h)
    await publish(h)
    assert h.replies(ORGANISER)[-1] == PLANNED
    assert h.replies(ORGANISER)[-2].startswith("✅ Versjon 1 er publisert")
    assert [job.name for job in notice_jobs(h)] == ["hallingting-2026:notices:outcome:1"]
    assert not any(notices_to(h, user) for user in (501, 502, 503, 504))  # the job has not run
    await run_notices(h)
    sends = [c for c in h.tg.calls if c.method == "sendMessage"]
    to_organiser = [i for i, c in enumerate(sends) if c.params["chat_id"] == ORGANISER]
    notices = [i for i, c in enumerate(sends) if c.text.startswith(NOTICE)]
    assert len(notices) == 4
    published = next(i for i in to_organiser if sends[i].text.startswith("✅ Versjon 1"))
    assert published < min(notices) and max(notices) < to_organiser[-1]
    assert sends[to_organiser[-1]].text == count_line(4)
    assert notice_jobs(h) == []


async def test_a_restart_in_the_middle_sends_the_rest_once(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        await seed_many(h)
        await publish(h)
        [job] = notice_jobs(h)
        job.schedule_removal()
        context = Context.from_job(job, h.app)
        task = asyncio.ensure_future(job.callback(context))
        seen = 0

        def stop_after_some(call: Call) -> None:
            nonlocal seen
            if call.method == "sendMessage" and call.text.startswith(NOTICE):
                seen += 1
                if seen == STOP_AFTER:
                    task.cancel()  # what stopping the JobQueue does to a running job

        h.tg.hooks.append(stop_after_some)
        with pytest.raises(asyncio.CancelledError):
            await task
        h.tg.hooks.clear()
        await h.storage.db.flush()
        first_run = sum(notices_to(h, FIRST + n) for n in range(PARTICIPANTS))
        # The notices already on their way were still sent and recorded; the rest wait.
        assert STOP_AFTER <= first_run < PARTICIPANTS, first_run
        statuses = h.rows("SELECT status, COUNT(*) FROM reminder_sent GROUP BY status")
        assert statuses == [("sent", first_run)]
        assert h.replies(ORGANISER)[-1] == PLANNED  # no count yet
    finally:
        await stop_harness(h)

    again = await start_harness(tmp_path, tg=h.tg)  # the same database and Telegram
    try:
        assert [job.name for job in notice_jobs(again)] == ["hallingting-2026:notices:outcome:1"]
        await run_notices(again)
        assert [notices_to(again, FIRST + n) for n in range(PARTICIPANTS)] == [1] * PARTICIPANTS
        assert again.replies(ORGANISER)[-1] == f"{count_line(PARTICIPANTS)}\n{RESUMED}"
        assert again.rows("SELECT status, COUNT(*) FROM reminder_sent GROUP BY status") == [
            ("sent", PARTICIPANTS)
        ]
    finally:
        await stop_harness(again)

    third = await start_harness(tmp_path, tg=h.tg)  # finished: nothing is resumed
    try:
        assert notice_jobs(third) == []
    finally:
        await stop_harness(third)


async def test_notices_whose_job_never_ran_go_out_at_the_next_start(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        await seed_answers(h)
        await publish(h)
        await h.command(ORGANISER, "vedtak", WRITTEN)
        await h.press(ORGANISER, "✅ Legg ut vedtaket")
        assert len(notice_jobs(h)) == 2  # the bot stops before either runs
    finally:
        await stop_harness(h)
    again = await start_harness(tmp_path, tg=h.tg)
    try:
        assert await run_notices(again) == [
            "hallingting-2026:notices:outcome:1",
            "hallingting-2026:notices:decision:1",
        ]
        assert notices_to(again, 501) == 1
        decided = [t for t in again.replies(501) if t.startswith("🏛 <b>Regionrådet")]
        assert len(decided) == 1
        assert again.replies(ORGANISER)[-2:] == [f"{count_line(4)}\n{RESUMED}"] * 2
        cid = consultation_id(again)
        assert await again.storage.outcomes.finished_notices(cid) == {"outcome:1", "decision:1"}
    finally:
        await stop_harness(again)


async def test_a_newer_version_makes_an_unfinished_older_one_stale(tmp_path: Path) -> None:
    h = await start_harness(tmp_path)
    try:
        await seed_answers(h)
        await publish(h)  # version 1's job never runs
        for job in notice_jobs(h):
            job.schedule_removal()
        h.clock.advance(minutes=5)
        await publish(h)
        await run_notices(h)  # version 2's notices all go out
        assert notices_to(h, 501) == 1
    finally:
        await stop_harness(h)
    again = await start_harness(tmp_path, tg=h.tg)
    try:
        assert notice_jobs(again) == []  # version 1 is not resumed: everyone heard of 2
    finally:
        await stop_harness(again)
