"""Helpers of the group-chat handlers: the chat's table, replies and the consent offer."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from telegram import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ChatMemberRestricted,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden
from telegram.ext import ExtBot

from bot.context import Context, Deps, deps
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import speak
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import N_, Translate, translator
from bot.render.prompts import privacy_notice
from bot.services.groupchat import ChatTable, table_of

NOT_LINKED = N_(
    "This chat is not linked to a group. An organiser sends /kopla followed by the group's join code here."
)
NOT_LEADER = N_("Only the organisers or the group's referent can do this.")


async def chat_table(update: Update, context: Context) -> tuple[Deps, ChatTable | None]:
    """The dependencies and the table this chat is (None when it is not linked)."""
    d = deps(context)
    chat = update.effective_chat
    return d, (await table_of(d, chat.id) if chat is not None else None)


def chat_translator(table: ChatTable) -> Translate:
    """A translator in the consultation's language, for messages the whole chat reads."""
    return translator(table.language)


async def answer_member(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Answer a member's message in a group chat, quoting it so they see it is for them."""
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(text, reply_markup=markup, do_quote=True)


async def not_linked(update: Update, context: Context) -> None:
    """Tell the sender that this chat is no group's table."""
    _d, _ = await speak(update, context)
    await answer_member(update, _(NOT_LINKED))


def consent_keyboard(_: Translate, table: ChatTable) -> InlineKeyboardMarkup:
    """The button that makes a member a participant of the chat's group."""
    label = "✅ " + _("Take part in {group}", group=table.target.group.name)
    return InlineKeyboardMarkup([[button(label, cb.TAKE_PART.build(table.group_id))]])


def consent_text(_: Translate, table: ChatTable) -> str:
    """What a member reads before tapping the consent button."""
    return "\n\n".join(
        [
            _(
                "<b>Take part in {group}</b>\nTap the button to answer the questions here as a member of {group}. Nothing is stored about you before you tap.",
                group=table.target.group.name,
            ),
            privacy_notice(_, table.target.consultation, table.language),
        ]
    )


@dataclass(frozen=True)
class BotRights:
    """What the bot may do in a chat, and whether it reads every message (privacy mode off)."""

    can_send: bool
    can_send_polls: bool
    can_pin: bool
    reads_all: bool


async def bot_rights(bot: ExtBot[None], chat_id: int) -> BotRights:
    """Ask Telegram what the bot may do in a chat (getChatMember, and the chat's permissions)."""
    reads_all = bool(bot.can_read_all_group_messages)
    member = await bot.get_chat_member(chat_id, bot.id)
    if isinstance(member, ChatMemberOwner):
        return BotRights(True, True, True, reads_all)
    if isinstance(member, ChatMemberAdministrator):
        return BotRights(True, True, member.can_pin_messages is not False, reads_all)
    if isinstance(member, ChatMemberRestricted):
        return BotRights(
            member.can_send_messages,
            member.can_send_messages and member.can_send_polls,
            member.can_pin_messages,
            reads_all,
        )
    if isinstance(member, ChatMemberLeft | ChatMemberBanned):
        return BotRights(False, False, False, reads_all)
    assert isinstance(member, ChatMemberMember)
    permissions = (await bot.get_chat(chat_id)).permissions
    if permissions is None:
        return BotRights(True, True, False, reads_all)
    return BotRights(
        permissions.can_send_messages is not False,
        permissions.can_send_messages is not False and permissions.can_send_polls is not False,
        bool(permissions.can_pin_messages),
        reads_all,
    )


def rights_notes(_: Translate, rights: BotRights) -> list[str]:
    """Plain notes on what the bot lacks in a chat, and on privacy mode."""
    notes = []
    if not rights.can_send_polls:
        notes.append(
            "⚠️ "
            + _(
                "I cannot send polls here, so the group cannot weigh its points in a poll. Allow members to send polls, or make me an admin."
            )
        )
    if not rights.can_pin:
        notes.append(
            "ℹ️ "
            + _(
                "I cannot pin messages here. Make me an admin with the right to pin messages if the questions should be pinned."
            )
        )
    if rights.reads_all:
        notes.append(
            "ℹ️ "
            + _(
                "Privacy mode is off, so I receive every message here, but I only store replies to the question messages; other chatter is never stored."
            )
        )
    else:
        notes.append(
            "ℹ️ "
            + _(
                "Privacy mode is on (the default): I only see commands and replies to my own messages. Answer by replying to a question message; other chatter never reaches me."
            )
        )
    return notes


async def pin_quietly(bot: ExtBot[None], message: Message) -> None:
    """Pin a message without notifying everyone; pinning is a courtesy, so failures are ignored."""
    with contextlib.suppress(BadRequest, Forbidden):
        await bot.pin_chat_message(message.chat_id, message.message_id, disable_notification=True)


async def edit_in_place(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show new text on the message a button was pressed on (the same text is no error)."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise
