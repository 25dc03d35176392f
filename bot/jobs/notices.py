"""The job that sends the participants' notices after a publication or a decision.

The ✅ handler only plans it (`Deps.plan_notices`, pointed here by the composition root) and
answers at once; the job sends the notices in bulk and then tells the organiser the count. At
start-up, a slot whose notices did not finish is planned again (`schedule_notices`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram.error import TelegramError

from bot.context import Context, TingApplication, deps
from bot.i18n.translator import translator
from bot.render.notices import notices_count
from bot.services.notices import send_notices, unfinished_notices

log = logging.getLogger(__name__)
# A late job still runs: the notices are due whenever the bot gets to them.
JOB_OPTIONS = {"misfire_grace_time": None, "coalesce": True}


@dataclass(frozen=True)
class NoticeJob:
    """What a notice job carries: the consultation, the slot, and whether it is resumed."""

    consultation_key: str
    slot_key: str
    resumed: bool = False


def job_name(consultation_key: str, slot_key: str) -> str:
    """ "hallingting-2026:notices:outcome:2" """
    return f"{consultation_key}:notices:{slot_key}"


def plan_notices(
    app: TingApplication, consultation_key: str, slot_key: str, resumed: bool = False
) -> None:
    """Plan the slot's notices to go out at once (a pending job of the same slot is replaced)."""
    queue = app.job_queue
    assert queue is not None, "python-telegram-bot must be installed with the job-queue extra"
    name = job_name(consultation_key, slot_key)
    for job in queue.get_jobs_by_name(name):
        job.schedule_removal()
    data = NoticeJob(consultation_key, slot_key, resumed)
    queue.run_once(notice_job, when=0, data=data, name=name, job_kwargs=JOB_OPTIONS)


async def notice_job(context: Context) -> None:
    """Send the slot's notices, then tell the organiser who pressed ✅ how it went."""
    job = context.job
    assert job is not None and isinstance(job.data, NoticeJob)
    data = job.data
    done = await send_notices(deps(context), context.bot, data.consultation_key, data.slot_key)
    if done is None:
        log.warning("no posted record for notices %s of %s", data.slot_key, data.consultation_key)
        return
    text = notices_count(
        translator(done.language), done.sent, done.skipped, done.failed, data.resumed
    )
    try:
        await context.bot.send_message(done.organiser_id, text)
    except TelegramError as exc:  # the notices went out; only the count did not reach them
        log.warning("the count of notices %s did not reach the organiser: %s", data.slot_key, exc)


async def schedule_notices(app: TingApplication) -> list[str]:
    """At start-up: plan the notices that did not finish before the bot stopped; their names."""
    names = []
    for unfinished in await unfinished_notices(app.bot_data.deps):
        log.info("resuming notices %s of %s", unfinished.slot_key, unfinished.consultation_key)
        plan_notices(app, unfinished.consultation_key, unfinished.slot_key, resumed=True)
        names.append(job_name(unfinished.consultation_key, unfinished.slot_key))
    return names
