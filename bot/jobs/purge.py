"""The retention purge: once a day, answers past the consultation's retention period go, and
dead letters older than their retention."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context, TingApplication, deps
from bot.services import privacy as svc

PURGE_JOB = "retention-purge"


async def purge_job(context: Context) -> None:
    """The daily job: delete raw answers of consultations whose retention period has ended."""
    d = deps(context)
    await svc.purge_now(d)


def schedule_purge(app: TingApplication) -> None:
    """(Re)register the daily purge; calling it again replaces the job rather than adding one."""
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(PURGE_JOB):
        job.schedule_removal()
    queue.run_repeating(
        purge_job, interval=timedelta(days=1), first=timedelta(minutes=1), name=PURGE_JOB
    )
