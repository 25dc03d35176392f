"""The participants' notice jobs in tests: the JobQueue is never started, so a test runs the
planned notice jobs itself (each once: it is taken out of the queue), as PTB would run them."""

from __future__ import annotations

from telegram.ext import Job

from bot.context import Context
from bot.jobs.notices import NoticeJob
from tests.support.harness import Harness


def notice_jobs(h: Harness) -> list[Job[Context]]:
    """The planned notice jobs, in the order they were planned."""
    assert h.app.job_queue is not None
    return [job for job in h.app.job_queue.jobs() if isinstance(job.data, NoticeJob)]


async def run_notices(h: Harness) -> list[str]:
    """Run every planned notice job now; returns their names."""
    names = []
    for job in notice_jobs(h):
        job.schedule_removal()
        context = h.app.context_types.context.from_job(job, h.app)
        await job.callback(context)
        await h.storage.db.flush()
        assert job.name is not None
        names.append(job.name)
    return names
