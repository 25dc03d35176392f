"""Reminder jobs in tests: list them, see when they run, and run them by calling the callback.

The JobQueue is never started in tests; a job runs only when a test calls its callback here, with
a context built from the application as PTB itself builds it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import Job

from bot.context import Context
from bot.jobs.reminders import SlotJob, planned_run, reminder_job
from tests.support.harness import Harness, start_harness, stop_harness

CONSULTATION = "hallingting-2026"


def reminder_jobs(h: Harness) -> dict[str, datetime]:
    """Job name → planned run time (UTC) of every reminder job in the queue."""
    assert h.app.job_queue is not None
    found = {}
    for job in h.app.job_queue.jobs():
        if not isinstance(job.data, SlotJob):
            continue  # other features' jobs (the daily purge, question posting)
        assert job.name is not None
        when = planned_run(job.name, h.app)
        assert when is not None
        found[job.name] = when.astimezone(UTC)
    return found


def job(h: Harness, name: str) -> Job[Context]:
    """The one job called `name`."""
    assert h.app.job_queue is not None
    (found,) = h.app.job_queue.get_jobs_by_name(name)
    return found


async def run(h: Harness, found: Job[Context]) -> None:
    """Run a job's callback now, with the context PTB would give it."""
    context = h.app.context_types.context.from_job(found, h.app)
    await found.callback(context)


async def run_due(h: Harness) -> list[str]:
    """Run every job whose time has come on the harness clock; returns their names."""
    due = sorted((when, name) for name, when in reminder_jobs(h).items() if when <= h.clock())
    for _when, name in due:
        await run(h, job(h, name))
    return [name for _when, name in due]


def stale_job(slot_key: str, due: datetime) -> Job[Context]:
    """A job for a slot as an earlier build of the schedule made it (not in the queue)."""
    return Job(reminder_job, data=SlotJob(CONSULTATION, slot_key, due), name=f"stale:{slot_key}")


@contextlib.asynccontextmanager
async def running(tmp_path: Path, **kwargs: Any) -> AsyncIterator[Harness]:
    """A started harness that is always stopped (an unclosed database keeps pytest alive)."""
    h = await start_harness(tmp_path, **kwargs)
    try:
        yield h
    finally:
        await stop_harness(h)
