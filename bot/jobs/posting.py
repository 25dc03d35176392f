"""Posting the questions in the linked chats at a configured time (`post_questions_at`).

From that time until the deadline every linked chat should have the questions: a job posts them
at that time in each linked chat that has none yet; at start-up after that time (a time missed
while the bot was down) the job runs at once; and a chat linked later gets them when linked.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.context import Context, TingApplication, deps
from bot.services.groupchat import ChatTable, linked_chats, table_of

log = logging.getLogger(__name__)
# Posts the questions in one chat if they are due there; True if it posted. The chat-facing part
# (keyboards, pinning) is the discussion handlers'; the composition root hands it in.
QuestionPoster = Callable[[Context, ChatTable], Awaitable[bool]]


@dataclass(frozen=True)
class PostingJob:
    """What a posting job carries: its consultation and how to post in one chat."""

    consultation_key: str
    poster: QuestionPoster


async def post_scheduled(context: Context) -> None:
    """The job: post the questions in every linked chat of the consultation that has none."""
    d = deps(context)
    job = context.job
    data = job.data if job is not None and isinstance(job.data, PostingJob) else None
    consultation = d.config.consultation(data.consultation_key) if data is not None else None
    if data is None or consultation is None:
        return
    posted = 0
    for link in await linked_chats(d, consultation):
        table = await table_of(d, link.chat_id)
        if table is not None and await data.poster(context, table):
            posted += 1
    log.info("scheduled questions posted in %s chat(s) of %s", posted, consultation.key)


def schedule_posting(app: TingApplication, poster: QuestionPoster) -> None:
    """Derive the posting jobs from the config; a job of the same name is replaced."""
    d = app.bot_data.deps
    queue = app.job_queue
    if queue is None:
        return
    now = d.clock()
    for consultation in d.config.consultations:
        at = consultation.groupchat.post_questions_at
        if at is None or now >= consultation.deadline:
            continue
        name = f"post-questions:{consultation.key}"
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()
        queue.run_once(
            post_scheduled,
            when=max(0.0, (at - now).total_seconds()),
            data=PostingJob(consultation.key, poster),
            name=name,
        )
