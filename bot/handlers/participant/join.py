"""Joining a group with a deep link: /start <code>, consent, and moving between groups."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot import logs
from bot.context import Context, Deps
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
from bot.i18n.translator import LANGUAGES, Translate, translator
from bot.render.prompts import join_offer, privacy_notice
from bot.services import participation as svc
from bot.services.participation import Participation

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
    language = await svc.language_in(d, user.id, user.language_code, target.consultation)
    text, keyboard = await _offer(d, user.id, target, language)
    await reply(update, text, keyboard)


async def _offer(
    d: Deps, user_id: int, target: svc.JoinTarget, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The join offer in `language`: the consultation, the group, the short privacy notice,
    and its buttons (signed for this user and group)."""
    _ = translator(language)
    member = await svc.membership_in(d, user_id, target.catalog.consultation_id)
    old = target.catalog.group(member.group_id) if member else None
    text = join_offer(
        _, target.consultation, target.group.name, language, old.name if old else None
    )
    signature = signed(d, "join", user_id, target.record.id)
    keyboard = join_keyboard(_, target.record.id, old is not None, signature, language)
    return text, keyboard


async def offer_in_language(update: Update, context: Context) -> None:
    """Bokmål / English / Nynorsk under the join offer: store the choice, show the offer in it."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    user = sender(update)
    parts = callback_parts(update, cb.JOIN_LANGUAGE)
    group_id = int_or_none(parts[1]) if len(parts) == 3 else None
    target = svc.find_group(d, group_id) if group_id is not None else None
    if (
        target is None
        or parts[0] not in LANGUAGES
        or not signature_ok(d, parts[2], "join", user.id, group_id)
    ):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await svc.set_language(d, user.id, user.first_name, parts[0])
    await acknowledge(query)
    text, keyboard = await _offer(d, user.id, target, parts[0])
    try:
        await query.edit_message_text(text, reply_markup=keyboard)
    except TelegramError:  # the offer is too old to edit, or was deleted: send it anew
        log.info("join offer not edited; sent again")
        await reply(update, text, keyboard)


async def privacy_more(update: Update, context: Context) -> None:
    """🔒 under the join offer: the whole privacy notice, in the reader's language."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.PRIVACY_MORE)
    group_id = int_or_none(parts[0]) if len(parts) == 1 else None
    target = svc.find_group(d, group_id) if group_id is not None else None
    if target is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    language = await svc.language_in(d, user.id, user.language_code, target.consultation)
    await acknowledge(query)
    await reply(update, privacy_notice(translator(language), target.consultation, language))


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
    language = await svc.language_in(d, user.id, user.language_code, target.consultation)
    joined = await svc.join(
        d, target, user.id, user.first_name, update.update_id, language=language
    )
    if joined.welcomed_at is not None:  # delivered again, or pressed twice: welcomed already
        await acknowledge(query, _("You are already in {group}.", group=target.group.name))
        await remove_buttons(query)
        return
    log.info("participant joined", extra={"user": logs.person(user.id), "group": target.group.key})
    await acknowledge(query)
    await remove_buttons(query)
    who = await svc.current(d, user.id, user.language_code)
    assert who is not None
    await reply(update, welcome(_, who, target.group.name))
    await send_question(update, context, who, who.participant.question_id)
    svc.welcomed(d, joined)  # a failed send above leaves it unrecorded: a redelivery welcomes


def welcome(_: Translate, who: Participation, group: str) -> str:
    """The greeting after joining, naming what comes next: the first question, the question
    where the participant left off (joining again, or moving group), or the end."""
    order, question_id = who.order, who.participant.question_id
    if question_id not in order:
        return _(
            "Welcome to <b>{group}</b>! You have already been through all the questions.",
            group=group,
        )
    number = order.index(question_id) + 1
    if number == 1:
        return _("Welcome to <b>{group}</b>! Here comes the first question.", group=group)
    return _(
        "Welcome to <b>{group}</b>! You go on where you left off: question {number} of {total}.",
        group=group,
        number=number,
        total=len(order),
    )


async def cancel(update: Update, context: Context) -> None:
    """The cancel button under a join offer: nothing is stored."""
    _d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    await acknowledge(query)
    await remove_buttons(query)
    await reply(update, _("Nothing was stored. You can open the link again whenever you like."))
