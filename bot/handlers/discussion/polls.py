"""Polls that let a group's members weigh its points: opening them, and the votes that come
back (PollAnswer updates from non-anonymous polls, Poll updates with counts from any poll)."""

from __future__ import annotations

import logging

from telegram import InputPollOption, Update

from bot.context import Context, deps
from bot.domain.group_answer import MAX_POLL_QUESTION_LENGTH, option_text, poll_pages, shorten
from bot.handlers.discussion.group_answer import leader_button, question_number
from bot.handlers.discussion.group_common import chat_translator
from bot.handlers.shared.common import acknowledge, sender
from bot.services import group_answers as svc
from bot.services.group_answers import GroupPoll

log = logging.getLogger(__name__)


async def poll_button(update: Update, context: Context) -> None:
    """📊: open polls (12 options at most each) for the members to weigh the points."""
    found = await leader_button(update, context, "cv", 1)
    if found is None:
        return
    d, table, parts = found
    query = update.callback_query
    assert query is not None
    question_id = int(parts[0])
    _ = chat_translator(table)
    points = await svc.group_points(d, table, question_id)
    pages = poll_pages(list(enumerate(points, start=1)))
    if not pages:
        await acknowledge(query, _("There must be at least two points to weigh."), alert=True)
        return
    await acknowledge(query)
    anonymous = table.target.consultation.groupchat.poll_anonymous
    number = question_number(table, question_id)
    for page_number, page in enumerate(pages, start=1):
        title = _(
            "{group} · question {number}: which points belong in the group's answer?",
            group=table.target.group.name,
            number=number,
        )
        if len(pages) > 1:
            title += f" ({page_number}/{len(pages)})"
        # Poll texts are plain: the HTML default would choke on a point with "<" or "&".
        message = await context.bot.send_poll(
            table.chat_id,
            shorten(title, MAX_POLL_QUESTION_LENGTH),
            [
                InputPollOption(option_text(f"{index}. {point.text}"), text_parse_mode=None)
                for index, point in page
            ],
            is_anonymous=anonymous,
            allows_multiple_answers=True,
            question_parse_mode=None,
        )
        assert message.poll is not None
        poll = GroupPoll(
            message.poll.id,
            table.chat_id,
            message.message_id,
            table.group_id,
            question_id,
            tuple(point.ref for _index, point in page),
            anonymous,
            (),
            0,
        )
        await svc.record_poll(d, poll, sender(update).id)
    log.info("%s poll(s) opened for group %s", len(pages), table.target.group.key)


async def poll_answer(update: Update, context: Context) -> None:
    """A member's (changed) choice in a non-anonymous poll: it replaces the earlier one."""
    answer = update.poll_answer
    if answer is None or answer.user is None:
        return  # cast on behalf of a chat: there is no person to count
    stored = await svc.record_poll_answer(
        deps(context), answer.poll_id, answer.user.id, list(answer.option_ids)
    )
    if stored:
        log.info("poll %s: vote of user %s stored", answer.poll_id, answer.user.id)


async def poll_state(update: Update, context: Context) -> None:
    """A poll's counts (the only result anonymous polls give)."""
    poll = update.poll
    if poll is None:
        return
    counts = [option.voter_count for option in poll.options]
    await svc.record_poll_result(deps(context), poll.id, counts, poll.total_voter_count)
