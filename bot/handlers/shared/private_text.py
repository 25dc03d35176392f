"""Every text a user writes to the bot in private chat (not a command), in one handler.

Most updates are answers, so this runs first, in a group of its own, and ends the update's
handling: PTB then checks no other handler for it. Before a text is taken as an answer, the
inputs someone was asked for get their turn (`awaiting.offer`, which ends the update itself
when the text was meant for one of them).
"""

from __future__ import annotations

from telegram import MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, filters

from bot.context import Context
from bot.handlers.participant import answering
from bot.handlers.shared import awaiting


class _PrivateText(filters.UpdateFilter):
    """A new message in private chat with text that does not start with a command.

    The same as `PRIVATE & TEXT & ~COMMAND & UpdateType.MESSAGE`, in one check (it runs for
    every update).
    """

    __slots__ = ()

    def filter(self, update: Update) -> bool:
        message = update.message
        if message is None or message.text is None or message.chat.type != ChatType.PRIVATE:
            return False
        entities = message.entities
        return not (
            entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0
        )


PRIVATE_TEXT = _PrivateText(name="private text")


async def on_private_text(update: Update, context: Context) -> None:
    """Offer the text to what awaits input, else take it as an answer; then stop."""
    await awaiting.offer(update, context)  # raises ApplicationHandlerStop when it took the text
    await answering.on_text(update, context)
    raise ApplicationHandlerStop
