"""/sprak: the participant's language."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.handlers.shared.common import acknowledge, callback_parts, reply, sender, speak
from bot.handlers.shared.keyboards import language_keyboard
from bot.i18n.translator import LANGUAGES, translator
from bot.services import participation as svc


async def choose_language(update: Update, context: Context) -> None:
    """/sprak: offer the languages."""
    _d, _ = await speak(update, context)
    await reply(update, _("Which language should tingbot use with you?"), language_keyboard())


async def set_language(update: Update, context: Context) -> None:
    """A language button: store the choice and confirm in the new language."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, "l")
    if len(parts) != 1 or parts[0] not in LANGUAGES:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    user = sender(update)
    await svc.set_language(d, user.id, user.first_name, parts[0])
    await acknowledge(query)
    _ = translator(parts[0])
    await reply(update, _("Done: tingbot now speaks English with you."))
