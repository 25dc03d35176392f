"""Reminder jobs through the real Application: derived at start-up, exactly once, caught up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config.model import Localized, Meeting, Reminders
from bot.jobs.reminders import planned_run, schedule_reminders
from tests.support.botapi import Call
from tests.support.flow import KARI, OLA
from tests.support.harness import CODE_2, Harness
from tests.support.jobs import job, reminder_jobs, run, run_due, running, stale_job

OSLO = ZoneInfo("Europe/Oslo")
MEETING = "regionradet-regionplan"  # 2027-01-21 10:00 in Oslo (09:00 UTC), Ål kulturhus
MEETING_START = datetime(2027, 1, 21, 9, 0, tzinfo=UTC)
SLOT_7D = datetime(2027, 1, 14, 9, 0, tzinfo=UTC)
SLOT_1D = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
SLOT_2H = datetime(2027, 1, 21, 7, 0, tzinfo=UTC)


def name(slot_key: str) -> str:
    """The job name of a slot of the example consultation."""
    return f"hallingting-2026:{slot_key}"


def meeting_reminders(h: Harness, chat: int | None = None) -> list[Call]:
    """Reminders for the Ål meeting the bot sent (to one chat, or to anyone)."""
    return [
        c
        for c in h.tg.calls
        if c.method == "sendMessage"
        and "Ål kulturhus" in c.text
        and (chat is None or str(c.params["chat_id"]) == str(chat))
    ]


async def test_jobs_are_derived_from_the_database_at_start_up(h: Harness) -> None:
    assert reminder_jobs(h) == {
        # The deadline is at 23:59, so its reminders wait for the end of quiet hours (08:00).
        name("deadline:answers:3d"): datetime(2027, 1, 12, 7, 0, tzinfo=UTC),
        name("deadline:answers:1d"): datetime(2027, 1, 14, 7, 0, tzinfo=UTC),
        name(f"meeting:{MEETING}:7d"): SLOT_7D,
        name(f"meeting:{MEETING}:1d"): SLOT_1D,
        name(f"meeting:{MEETING}:2h"): SLOT_2H,
    }
    # The meetings in April and June 2026 are over: no jobs for them.


async def test_rebuilding_the_jobs_is_idempotent_and_leaves_other_jobs_alone(h: Harness) -> None:
    before = reminder_jobs(h)
    assert h.app.job_queue is not None
    all_before = len(h.app.job_queue.jobs())

    async def other_feature(context: object) -> None:
        """Another feature's job, whatever its name."""

    later = datetime(2027, 1, 2, tzinfo=UTC)
    h.app.job_queue.run_once(other_feature, when=later, name="hallingting-2026:other", data="x")
    for _ in range(3):
        await schedule_reminders(h.app)
    assert reminder_jobs(h) == before
    assert planned_run("hallingting-2026:other", h.app) == later
    assert len(h.app.job_queue.jobs()) == all_before + 1


async def test_exactly_once_across_a_restart(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await h.join(KARI)
        await h.join(OLA, CODE_2)
        h.clock.now = SLOT_1D
        await run_due(h)
        await run_due(h)  # the same jobs again, in the same process
        assert len(meeting_reminders(h, KARI)) == len(meeting_reminders(h, OLA)) == 1

    async with running(tmp_path, now=SLOT_1D + timedelta(minutes=5), tg=h.tg) as again:
        # Nothing to catch up: the 1d slot is recorded as handled.
        assert set(reminder_jobs(again)) == {name(f"meeting:{MEETING}:2h")}
        await run(again, stale_job(f"meeting:{MEETING}:1d", SLOT_1D))  # even a job for it
        await run_due(again)
        assert len(meeting_reminders(again, KARI)) == len(meeting_reminders(again, OLA)) == 1
        assert again.rows("SELECT slot_key, status FROM reminder_sent") == [
            (f"meeting:{MEETING}:1d", "sent"),
            (f"meeting:{MEETING}:1d", "sent"),
        ]


async def test_two_runs_of_the_same_job_at_once_send_once(h: Harness) -> None:
    await h.join(KARI)
    await h.join(OLA, CODE_2)
    h.clock.now = SLOT_1D
    one_day = job(h, name(f"meeting:{MEETING}:1d"))
    await asyncio.gather(run(h, one_day), run(h, one_day), run(h, one_day))
    assert len(meeting_reminders(h, KARI)) == len(meeting_reminders(h, OLA)) == 1


async def test_catch_up_sends_only_the_latest_missed_reminder(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await h.join(KARI)
    # The bot was down while the 7d and 1d reminders fell due; the meeting is still ahead.
    now = SLOT_1D + timedelta(hours=3)
    async with running(tmp_path, now=now, tg=h.tg) as again:
        assert reminder_jobs(again) == {
            name(f"meeting:{MEETING}:1d"): now,  # runs as soon as the bot runs
            name(f"meeting:{MEETING}:2h"): SLOT_2H,
        }
        await run_due(again)
        await run(again, stale_job(f"meeting:{MEETING}:7d", SLOT_7D))  # superseded: nothing
        assert len(meeting_reminders(again, KARI)) == 1
        assert again.rows("SELECT slot_key FROM reminder_sent") == [(f"meeting:{MEETING}:1d",)]


async def test_nothing_is_caught_up_or_sent_after_the_event(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await h.join(KARI)
    async with running(tmp_path, now=MEETING_START + timedelta(minutes=1), tg=h.tg) as again:
        assert reminder_jobs(again) == {}
        for offset, due in (("7d", SLOT_7D), ("1d", SLOT_1D), ("2h", SLOT_2H)):
            await run(again, stale_job(f"meeting:{MEETING}:{offset}", due))
        await run(again, stale_job("deadline:answers:1d", datetime(2027, 1, 14, 7, tzinfo=UTC)))
        assert meeting_reminders(again) == []
        assert again.rows("SELECT count(*) FROM reminder_sent") == [(0,)]


async def test_quiet_hours_hold_a_reminder_until_the_morning(tmp_path: Path) -> None:
    early = Meeting("frukost", datetime(2027, 1, 5, 9, 0, tzinfo=OSLO), "Gol", Localized("Møte"))
    async with running(tmp_path / "quiet", meetings=(early,)) as h:
        jobs = reminder_jobs(h)
        # 2h before 09:00 is 07:00, inside 22:00–08:00: it waits until 08:00.
        assert jobs[name("meeting:frukost:2h")].astimezone(OSLO).time() == time(8, 0)
        assert jobs[name("deadline:answers:1d")].astimezone(OSLO) == datetime(
            2027, 1, 14, 8, 0, tzinfo=OSLO
        )
        await h.join(KARI)
        h.clock.now = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)  # the 1d reminder, 09:00
        await run_due(h)
        h.clock.now = datetime(2027, 1, 5, 6, 59, tzinfo=UTC)  # 07:59 in Oslo: still quiet
        await run_due(h)
        assert h.rows("SELECT slot_key FROM reminder_sent") == [("meeting:frukost:1d",)]
        h.clock.advance(minutes=1)
        await run_due(h)
        assert h.rows("SELECT slot_key FROM reminder_sent ORDER BY id") == [
            ("meeting:frukost:1d",),
            ("meeting:frukost:2h",),
        ]
        assert len([c for c in h.tg.to(KARI, "sendMessage") if "Gol" in c.text]) == 2
    # Without quiet hours the deadline reminders go out at 23:59.
    none = Reminders(quiet_start=time(0, 0), quiet_end=time(0, 0))
    async with running(tmp_path / "loud", reminders=none) as loud:
        assert reminder_jobs(loud)[name("deadline:answers:1d")].astimezone(OSLO) == datetime(
            2027, 1, 13, 23, 59, tzinfo=OSLO
        )


async def test_day_offsets_keep_the_local_time_across_both_dst_changes(tmp_path: Path) -> None:
    spring = datetime(2026, 3, 30, 10, 0, tzinfo=OSLO)  # summer time began on 29 March
    autumn = datetime(2026, 10, 26, 10, 0, tzinfo=OSLO)  # and ended on 25 October
    meetings = (
        Meeting("var", spring, "Gol kulturhus", Localized("Vårmøte")),
        Meeting("haust", autumn, "Ål kulturhus", Localized("Haustmøte")),
    )
    today = datetime(2026, 3, 1, 12, tzinfo=UTC)
    async with running(tmp_path, now=today, meetings=meetings) as h:
        jobs = reminder_jobs(h)
        for key, start in (("var", spring), ("haust", autumn)):
            one_day = jobs[name(f"meeting:{key}:1d")].astimezone(OSLO)
            assert (one_day.date(), one_day.time()) == (start.date() - timedelta(days=1), time(10))
            week = jobs[name(f"meeting:{key}:7d")].astimezone(OSLO)
            assert (week.date(), week.time()) == (start.date() - timedelta(days=7), time(10))
            # Hours are elapsed time: 2h before is exactly 7,200 seconds before.
            assert start - jobs[name(f"meeting:{key}:2h")] == timedelta(hours=2)
        # A week before is 167 hours in spring and 169 in autumn, on the wall clock 10:00.
        assert spring - jobs[name("meeting:var:7d")] == timedelta(hours=167)
        assert autumn - jobs[name("meeting:haust:7d")] == timedelta(hours=169)

        await h.join(KARI)
        h.clock.now = jobs[name("meeting:var:1d")]
        await run_due(h)
        h.clock.now = jobs[name("meeting:haust:1d")]
        await run_due(h)
        sent = [c.text for c in h.tg.to(KARI, "sendMessage") if "kulturhus" in c.text]
        assert len(sent) == 2
        assert "måndag 30. mars 2026 kl. 10:00" in sent[0] and "Gol kulturhus" in sent[0]
        assert "måndag 26. oktober 2026 kl. 10:00" in sent[1] and "Ål kulturhus" in sent[1]
