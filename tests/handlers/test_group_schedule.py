"""Posting the questions in the linked chats at the configured time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config.model import GroupChatSettings
from tests.support.flow import AFTER_DEADLINE
from tests.support.groupchat import GROUP_CHAT, OTHER_CHAT, link, question_messages
from tests.support.harness import CODE_2, start_harness, stop_harness

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
JOB = "post-questions:hallingting-2026"


async def test_the_job_posts_once_in_every_linked_chat(tmp_path: Path) -> None:
    at = NOW + timedelta(hours=1)
    h = await start_harness(tmp_path, now=NOW, groupchat=GroupChatSettings(post_questions_at=at))
    try:
        assert h.app.job_queue is not None
        (job,) = h.app.job_queue.get_jobs_by_name(JOB)
        await link(h)
        await link(h, CODE_2, chat_id=OTHER_CHAT)
        assert question_messages(h) == {} and question_messages(h, OTHER_CHAT) == {}
        h.clock.advance(hours=2)
        await job.run(h.app)
        await job.run(h.app)  # a second run posts nothing twice
        assert len(question_messages(h)) == 5 and len(question_messages(h, OTHER_CHAT)) == 5
        assert len(h.rows("SELECT * FROM chat_question")) == 10
    finally:
        await stop_harness(h)


async def test_a_chat_linked_after_the_time_gets_the_questions_at_once(tmp_path: Path) -> None:
    at = NOW - timedelta(hours=1)
    h = await start_harness(tmp_path, now=NOW, groupchat=GroupChatSettings(post_questions_at=at))
    try:
        assert h.app.job_queue is not None
        assert h.app.job_queue.get_jobs_by_name(JOB)  # the missed time is caught up at once
        await link(h, chat_id=GROUP_CHAT)
        assert len(question_messages(h)) == 5
    finally:
        await stop_harness(h)


async def test_nothing_is_posted_after_the_deadline(tmp_path: Path) -> None:
    h = await start_harness(
        tmp_path, now=AFTER_DEADLINE, groupchat=GroupChatSettings(post_questions_at=NOW)
    )
    try:
        assert h.app.job_queue is not None
        assert h.app.job_queue.get_jobs_by_name(JOB) == ()
        await link(h)
        assert question_messages(h) == {}
    finally:
        await stop_harness(h)
