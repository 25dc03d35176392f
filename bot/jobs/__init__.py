"""Jobs derived from the database and config: reminders, question posting, the retention purge,
and the participants' notices after a publication or a decision.

`schedule_jobs` is the one place that plans them all, at start-up; a schedule change rebuilds
its own jobs (`schedule_reminders` after a meeting change). Every build replaces jobs of the
same name, so planning again never doubles a job.
"""

from __future__ import annotations

from bot.context import TingApplication
from bot.jobs.notices import schedule_notices
from bot.jobs.posting import QuestionPoster, schedule_posting
from bot.jobs.purge import schedule_purge
from bot.jobs.reminders import schedule_reminders


async def schedule_jobs(
    app: TingApplication, poster: QuestionPoster, at_start_up: bool = False
) -> None:
    """(Re)build every job: reminders from the database, posting from the config, the purge;
    at start-up also the notices that did not finish before the bot stopped."""
    await schedule_reminders(app, at_start_up=at_start_up)
    schedule_posting(app, poster)
    schedule_purge(app)
    if at_start_up:
        await schedule_notices(app)
