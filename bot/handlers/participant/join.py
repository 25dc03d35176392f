"""Joining a group with a deep link: /start <code>, consent, and moving between groups."""

from __future__ import annotations

import logging

from telegram import Update

from bot import logs
from bot.context import Context
from bot.handlers.participant.answering import send_question
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    remove_buttons,
    reply,
    sender,
    signature_ok,
    signed,
    speak,
)
from bot.handlers.shared.keyboards import join_keyboard
from bot.render.prompts import join_offer
from bot.services import participation as svc

log = logging.getLogger(__name__)


async def start(update: Update, context: Context) -> None:
    """/start with a join code offers the group; without one, explain how to get a link."""
    d, _ = await speak(update, context)
    user = sender(update)
    code = context.args[0] if context.args else ""
    target = svc.find_join_target(d, code) if code else None
    who = await svc.current(d, user.id, user.language_code)
    if target is None:
        if who is not None and not code:
            await reply(
                update,
                _(
                    "Welcome back to <b>{group}</b>. /svar continues answering, /hjelp lists the commands.",
                    group=who.group.name,
                ),
            )
            return
        unknown = _("I don't know that link.") + " " if code else ""
        how = _(
            "To take part, open the link for your group that the organisers shared (it looks like https://t.me/{bot}?start=…).",
            bot=d.bot_username or "tingbot",
        )
        await reply(update, unknown + how)
        return
    member = await svc.membership_in(d, user.id, target.catalog.consultation_id)
    message = update.effective_message
    sent = message.date if message is not None else d.clock()
    if member is not None and svc.answered_before_joining(member, update.update_id, sent):
        log.info("join link answered before", extra={"update": update.update_id})
        return
    if member is not None and member.group_id == target.record.id and who is not None:
        await reply(update, _("You are already in <b>{group}</b>.", group=target.group.name))
        await send_question(update, context, who, who.participant.question_id)
        return
    old = target.catalog.group(member.group_id) if member else None
    language = await svc.language_in(d, user.id, user.language_code, target.consultation)
    text = join_offer(
        _, target.consultation, target.group.name, language, old.name if old else None
    )
    signature = signed(d, "join", user.id, target.record.id)
    await reply(update, text, join_keyboard(_, target.record.id, old is not None, signature))


async def accept(update: Update, context: Context) -> None:
    """The consent button: store the membership, then pose the first question.

    The button carries a signature over the user and the group, made when the join link was
    opened: forged data naming a group cannot join it without its link. A press delivered again
    after a crash (or pressed a second time) once the welcome went out changes nothing and sends
    nothing new; if the crash came before the welcome went out, the welcome goes now.
    """
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    user = sender(update)
    parts = callback_parts(update, cb.JOIN)
    group_id = int_or_none(parts[0]) if len(parts) == 2 else None
    target = svc.find_group(d, group_id) if group_id is not None else None
    if target is None or not signature_ok(d, parts[1], "join", user.id, group_id):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    joined = await svc.join(d, target, user.id, user.first_name, update.update_id)
    if joined.welcomed_at is not None:  # delivered again, or pressed twice: welcomed already
        await acknowledge(query, _("You are already in {group}.", group=target.group.name))
        await remove_buttons(query)
        return
    log.info("participant joined", extra={"user": logs.person(user.id), "group": target.group.key})
    await acknowledge(query)
    await remove_buttons(query)
    who = await svc.current(d, user.id, user.language_code)
    assert who is not None
    await reply(
        update,
        _("Welcome to <b>{group}</b>! Here comes the first question.", group=target.group.name),
    )
    await send_question(update, context, who, who.participant.question_id)
    svc.welcomed(d, joined)  # a failed send above leaves it unrecorded: a redelivery welcomes


async def cancel(update: Update, context: Context) -> None:
    """The cancel button under a join offer: nothing is stored."""
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    await acknowledge(query)
    await remove_buttons(query)
    await reply(update, _("Nothing was stored. You can open the link again whenever you like."))
