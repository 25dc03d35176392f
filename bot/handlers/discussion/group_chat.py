"""Answering in a group chat: /sporsmal posts the questions; a reply to one is an answer.

With Telegram's privacy mode on, the bot sees only commands and replies to its own messages;
even with it off, only replies to a question message are stored. Other chatter is never stored
and gets no reply.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden

from bot.context import Context, deps
from bot.domain.answering import is_open
from bot.handlers.discussion.checkback import correction_in_chat
from bot.handlers.discussion.group_common import (
    NOT_LEADER,
    answer_member,
    chat_table,
    chat_translator,
    consent_keyboard,
    consent_text,
    not_linked,
    pin_quietly,
)
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.commands import GROUP_COMMANDS, help_lines
from bot.handlers.shared.common import reply, sender, speak
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import Translate, translator
from bot.render.groupchat import intro_post, question_post
from bot.services import groupchat as svc
from bot.services.answers import Outcome, Taken, take_answer_to
from bot.services.groupchat import ChatTable
from bot.services.referents import may_lead, referent_of

log = logging.getLogger(__name__)
ANSWER_REACTION = "✍"  # "written down"; ✅ is not among the reactions bots may set


async def questions(update: Update, context: Context) -> None:
    """/sporsmal: post the questions in the chat, each as its own message."""
    d, table = await chat_table(update, context)
    if table is None:
        await not_linked(update, context)
        return
    _d, _ = await speak(update, context)
    if not await may_lead(d, table, sender(update).id):
        await answer_member(update, _(NOT_LEADER))
        return
    if not is_open(table.target.consultation.deadline, d.clock()):
        await answer_member(
            update, _("The deadline for answers has passed, so I did not post the questions.")
        )
        return
    await post_questions(context, table)


async def post_questions(context: Context, table: ChatTable) -> int:
    """Post the intro (pinned when allowed) and each active question; returns how many."""
    d = deps(context)
    _ = chat_translator(table)
    consultation, language = table.target.consultation, table.language
    rows = list(consent_keyboard(_, table).inline_keyboard)
    if await referent_of(d, table) is None:
        rows.append(
            (button("🙋 " + _("I will be the referent"), cb.REFERENT_OFFER.build(table.group_id)),)
        )
    intro = await context.bot.send_message(
        table.chat_id,
        intro_post(_, table.target.group.name),
        reply_markup=InlineKeyboardMarkup(rows),
    )
    await pin_quietly(context.bot, intro)
    records = table.target.catalog.active_questions
    for number, record in enumerate(records, start=1):
        question = consultation.question(record.key)
        if question is None:
            continue
        theme = consultation.theme_of(record.key).title.get(language)
        text = question_post(_, theme, question.text.get(language), number, len(records))
        sent = await context.bot.send_message(table.chat_id, text)
        await svc.record_question_message(d, table, sent.message_id, record.id)
    log.info("questions posted in chat %s for group %s", table.chat_id, table.target.group.key)
    return len(records)


async def post_if_due(context: Context, table: ChatTable) -> bool:
    """Post the questions in a chat that has none, if their configured time has come."""
    if not await svc.questions_due(deps(context), table):
        return False
    try:
        await post_questions(context, table)
    except (BadRequest, Forbidden) as error:
        log.warning("questions not posted in chat %s: %s", table.chat_id, error.__class__.__name__)
        return False
    return True


def replies_to_bot(message: Message, bot_id: int) -> bool:
    """Whether a message replies to one of the bot's own messages."""
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


async def on_reply(update: Update, context: Context) -> None:
    """A reply in a group chat: an answer when it replies to a question message."""
    message = update.effective_message
    assert message is not None
    if not replies_to_bot(message, context.bot.id):
        return  # chatter between members: never stored, no reply
    assert message.reply_to_message is not None
    d = deps(context)
    question = await svc.question_at(d, message.chat_id, message.reply_to_message.message_id)
    if question is None:
        await correction_in_chat(update, context)
        return
    _d, _ = await speak(update, context)
    table = await svc.table_of(d, message.chat_id)
    if table is None or table.group_id != question.group_id:
        await answer_member(
            update, _("This chat is no longer linked to that group, so your answer was not stored.")
        )
        return
    user = message.from_user
    if user is None or user.is_bot or message.sender_chat is not None:
        await answer_member(
            update,
            _(
                "I cannot tell who wrote this (it was sent on behalf of a chat), so it was not stored."
            ),
        )
        return
    who = await svc.member(d, table, user.id, user.language_code)
    if who is None:
        intro = _(
            "To answer here, take part in {group} first: tap the button, then reply to the question again.",
            group=table.target.group.name,
        )
        await answer_member(
            update, intro + "\n\n" + consent_text(_, table), consent_keyboard(_, table)
        )
        return
    _ = translator(who.language)
    if who.group.id != table.group_id:
        await answer_member(
            update,
            _(
                "You take part in {group}, and this chat is the table of {table}, so your answer was not stored here. Answer in your own group's chat or in a private chat with me.",
                group=who.group.name,
                table=table.target.group.name,
            ),
        )
        return
    if message.text is None:
        await answer_member(
            update,
            _(
                "Only text can be stored as an answer, so that was not stored. Reply to the question with your answer as text."
            ),
        )
        return
    taken = await take_answer_to(
        d, who, question.question_id, message.text, message.chat_id, message.message_id
    )
    order = [q.id for q in table.target.catalog.active_questions]
    number = order.index(question.question_id) + 1 if question.question_id in order else 0
    await acknowledge_answer(update, context, taken, _, number)


async def acknowledge_answer(
    update: Update, context: Context, taken: Taken, _: Translate, number: int
) -> None:
    """React to a stored answer (a short reply if reactions are not allowed), or say why not."""
    message = update.effective_message
    assert message is not None
    if taken.outcome is Outcome.SAVED:
        assert taken.answer is not None
        log.info("answer %s saved from chat %s", taken.answer.id, message.chat_id)
        try:
            await context.bot.set_message_reaction(
                message.chat_id, message.message_id, ANSWER_REACTION
            )
        except BadRequest:
            await answer_member(
                update, _("✅ Saved as your answer to question {number}.", number=number)
            )
        return
    problems = {
        Outcome.CLOSED: _(
            "The deadline for answers has passed, so nothing was stored. Thank you for taking part!"
        ),
        Outcome.TOO_LONG: _(
            "That message is too long (more than 4,096 characters), so it was not stored. Please split it into several messages."
        ),
        Outcome.EMPTY: _("That message has no words in it, so it was not stored."),
    }
    await answer_member(
        update,
        problems.get(taken.outcome, _("That question is no longer asked, so nothing was stored.")),
    )


async def on_edited_reply(update: Update, context: Context) -> None:
    """An edited reply to a question message is not picked up: say so."""
    message = update.edited_message
    if message is None or not replies_to_bot(message, context.bot.id):
        return
    assert message.reply_to_message is not None
    d = deps(context)
    if await svc.question_at(d, message.chat_id, message.reply_to_message.message_id) is None:
        return
    _d, _ = await speak(update, context)
    await message.reply_text(
        _("Edits made in Telegram are not picked up. Use /mine to edit an answer."), do_quote=True
    )


async def group_help(update: Update, context: Context) -> None:
    """/hjelp in a group chat: how the chat works and its commands."""
    _d, table = await chat_table(update, context)
    _ = chat_translator(table) if table else (await speak(update, context))[1]
    lines = [
        _(
            "<b>tingbot in a group chat</b>\nAn organiser links the chat to a group with /kopla. Members tap the button to take part and answer by replying to the question messages."
        ),
        "",
    ]
    lines += help_lines(_, GROUP_COMMANDS)
    await reply(update, "\n".join(lines))


async def only_in_groups(update: Update, context: Context) -> None:
    """A group-chat command sent in private chat."""
    _d, _ = await speak(update, context)
    await reply(update, _("That command works in a group's Telegram group chat, not here."))
