"""Everything that is not an answer: other message kinds, edits, unknown commands and buttons."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.handlers.shared.common import acknowledge, reply, speak


async def not_text(update: Update, context: Context) -> None:
    """Photos, stickers, voice, documents, locations, polls …: only text is taken."""
    _d, _ = await speak(update, context)
    await reply(
        update,
        _(
            "I can only take answers as text messages, so that was not stored. Please write your answer."
        ),
    )


async def edited(update: Update, context: Context) -> None:
    """An edit of a sent message is not picked up: say so and point to /mine."""
    _d, _ = await speak(update, context)
    message = update.edited_message
    if message is not None:
        await message.reply_text(
            _("Edits made in Telegram are not picked up. Use /mine to edit an answer."),
            do_quote=True,
        )


async def unknown_command(update: Update, context: Context) -> None:
    """A command tingbot does not know."""
    _d, _ = await speak(update, context)
    await reply(update, _("I don't know that command. /hjelp lists what I can do."))


async def unknown_button(update: Update, context: Context) -> None:
    """Stale or forged button data."""
    _d, _ = await speak(update, context)
    query = update.callback_query
    if query is not None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
