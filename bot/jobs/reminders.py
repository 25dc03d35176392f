"""Reminder jobs, derived from the database: (re)built at start-up and after schedule changes.

One job per upcoming slot, named "<consultation>:<slot key>". Building is idempotent: a job of
the same name is replaced, and jobs of slots that no longer exist are removed. At start-up, a
slot missed while the bot was down is caught up (only the latest per event still ahead). The job
callback re-reads the database, so a job that outlived a change sends nothing stale.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from telegram.ext import Job

from bot.config.model import Consultation
from bot.context import Context, TingApplication, deps
from bot.domain.reminding import due_now, job_name
from bot.domain.schedule import catch_up, upcoming
from bot.services.reminders import handled_slots, load_schedule, run_slot

log = logging.getLogger(__name__)
# A late job still runs (the callback decides whether it is still due); a missed run is not
# repeated.
JOB_OPTIONS = {"misfire_grace_time": None, "coalesce": True}


@dataclass(frozen=True)
class SlotJob:
    """What a reminder job carries: the slot and the due time it was planned for."""

    consultation_key: str
    slot_key: str
    due_utc: datetime


async def reminder_job(context: Context) -> None:
    """Send the job's slot if it is still due (re-read from the database)."""
    job = context.job
    assert job is not None and isinstance(job.data, SlotJob)
    data = job.data
    await run_slot(deps(context), context.bot, data.consultation_key, data.slot_key, data.due_utc)


async def schedule_reminders(
    app: TingApplication, consultation: Consultation | None = None, at_start_up: bool = False
) -> list[str]:
    """(Re)build the reminder jobs of one consultation (default: all); returns their names.

    At start-up, missed slots are registered to run at once; later rebuilds keep such a job
    while it is still pending and valid.
    """
    d = app.bot_data.deps
    chosen = [consultation] if consultation else list(d.config.consultations)
    names: list[str] = []
    for each in chosen:
        names += await _schedule_one(app, each, at_start_up)
    return names


async def _schedule_one(
    app: TingApplication, consultation: Consultation, at_start_up: bool
) -> list[str]:
    """Replace the jobs of one consultation with those its schedule calls for."""
    d = app.bot_data.deps
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot must be installed with the job-queue extra"
    schedule = await load_schedule(d, consultation)
    now = d.clock()
    wanted: dict[str, tuple[SlotJob, datetime]] = {}
    for slot in upcoming(schedule.slots, now):
        data = SlotJob(consultation.key, slot.slot_key, slot.due_utc)
        wanted[job_name(consultation.key, slot.slot_key)] = (data, slot.due_utc)
    # Only this consultation's reminder jobs: other features' jobs are told apart by their data.
    existing: dict[str, Job[Context]] = {}
    for job in queue.jobs():
        mine = isinstance(job.data, SlotJob) and job.data.consultation_key == consultation.key
        if mine and job.name:
            existing[job.name] = job
    if at_start_up:
        handled = await handled_slots(d, schedule)
        for slot in catch_up(schedule.slots, now, schedule.events, sent=handled):
            data = SlotJob(consultation.key, slot.slot_key, slot.due_utc)
            wanted[job_name(consultation.key, slot.slot_key)] = (data, now)
            log.info("catching up reminder %s", slot.slot_key)
    for name, job in existing.items():
        # A due job that has not run yet (a catch-up, or one about to fire) stays if valid.
        pending = job.data if isinstance(job.data, SlotJob) else None
        if (
            name not in wanted
            and pending is not None
            and due_now(schedule.slots, pending.slot_key, pending.due_utc, now, schedule.events)
        ):
            wanted[name] = (pending, now)
        job.schedule_removal()
    for name, (data, when) in sorted(wanted.items(), key=lambda item: (item[1][1], item[0])):
        queue.run_once(reminder_job, when=when, data=data, name=name, job_kwargs=JOB_OPTIONS)
    removed = sorted(set(existing) - set(wanted))
    if removed:
        log.info("removed reminder jobs %s", ", ".join(removed))
    return sorted(wanted)


def application_of(context: Context) -> TingApplication:
    """The application that runs a handler or job, with its precise type."""
    return cast(TingApplication, context.application)


def planned_run(name: str, app: TingApplication) -> datetime | None:
    """When the job `name` is set to run (also before the JobQueue has started)."""
    queue = app.job_queue
    jobs = queue.get_jobs_by_name(name) if queue else ()
    trigger = jobs[0].job.trigger if jobs else None
    run_date = getattr(trigger, "run_date", None)  # one-off reminder jobs have a DateTrigger
    return run_date if isinstance(run_date, datetime) else None
