"""Shared by organiser views: the organiser's language, and updating a view message in place."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.context import Context, Deps, deps
from bot.i18n.translator import Translate, translator
from bot.services.participation import language_of

log = logging.getLogger(__name__)


async def speech(update: Update, context: Context) -> tuple[Deps, Translate, str]:
    """The dependencies, a translator and the language code for the sender."""
    d = deps(context)
    user = update.effective_user
    language = await language_of(d, user.id, user.language_code) if user else "nn"
    return d, translator(language), language


def is_not_modified(error: BadRequest) -> bool:
    """Telegram refuses an edit that changes nothing; that is success, not an error."""
    return "not modified" in error.message.lower()


async def show(
    bot: ExtBot[None],
    chat_id: int,
    message_id: int | None,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    """Edit message `message_id` to `text` (send it anew if that message is gone or too old).

    Returns False when the message already showed exactly this.
    """
    if message_id is not None:
        try:
            await bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
            return True
        except BadRequest as error:
            if is_not_modified(error):
                return False
            log.info("could not edit message %s in chat %s: %s", message_id, chat_id, error)
    await bot.send_message(chat_id, text, reply_markup=markup)
    return True


async def show_for_button(
    update: Update, bot: ExtBot[None], text: str, markup: InlineKeyboardMarkup | None
) -> bool:
    """Replace the message whose button was pressed (a new message if it cannot be edited)."""
    query = update.callback_query
    assert query is not None
    message = query.message
    chat = update.effective_chat
    if chat is None:
        return False
    return await show(bot, chat.id, message.message_id if message else None, text, markup)
