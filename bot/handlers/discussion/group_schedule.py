"""Posting the questions in the linked chats at a configured time (`post_questions_at`).

From that time until the deadline every linked chat should have the questions: a job posts them
at that time in each linked chat that has none yet; at start-up after that time (a time missed
while the bot was down) the job runs at once; and a chat linked later gets them when linked.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.error import BadRequest, Forbidden

from bot.config.model import Consultation
from bot.context import Context, TingApplication, deps
from bot.handlers.discussion.group_chat import post_questions
from bot.services.groupchat import ChatTable, has_questions, linked_chats, table_of

log = logging.getLogger(__name__)


def posting_due(consultation: Consultation, now: datetime) -> bool:
    """Whether the questions should be in every linked chat now."""
    at = consultation.groupchat.post_questions_at
    return at is not None and at <= now < consultation.deadline


async def post_if_due(context: Context, table: ChatTable) -> bool:
    """Post the questions in a chat that has none, if the configured time has come."""
    d = deps(context)
    if not posting_due(table.target.consultation, d.clock()):
        return False
    if await has_questions(d, table.chat_id):
        return False
    try:
        await post_questions(context, table)
    except (BadRequest, Forbidden) as error:
        log.warning("questions not posted in chat %s: %s", table.chat_id, error.__class__.__name__)
        return False
    return True


async def post_scheduled(context: Context) -> None:
    """The job: post the questions in every linked chat of the consultation that has none."""
    d = deps(context)
    job = context.job
    consultation = d.config.consultation(str(job.data)) if job is not None else None
    if consultation is None:
        return
    posted = 0
    for link in await linked_chats(d, consultation):
        table = await table_of(d, link.chat_id)
        if table is not None and await post_if_due(context, table):
            posted += 1
    log.info("scheduled questions posted in %s chat(s) of %s", posted, consultation.key)


def schedule_posting(app: TingApplication) -> None:
    """Derive the posting jobs from the config (at start-up)."""
    d = app.bot_data.deps
    queue = app.job_queue
    if queue is None:
        return
    now = d.clock()
    for consultation in d.config.consultations:
        at = consultation.groupchat.post_questions_at
        if at is None or now >= consultation.deadline:
            continue
        queue.run_once(
            post_scheduled,
            when=max(0.0, (at - now).total_seconds()),
            data=consultation.key,
            name=f"post-questions:{consultation.key}",
        )
