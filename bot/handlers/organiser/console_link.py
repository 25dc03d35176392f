"""/konsoll: a one-time login link to the organisers' console in a browser."""

from __future__ import annotations

from telegram import Update

from bot.config.model import Consultation
from bot.context import Context
from bot.handlers.shared.common import reply, speak
from bot.handlers.shared.organiser_access import organiser_only
from bot.services.console_login import login_link


@organiser_only
async def console_link(update: Update, context: Context, consultation: Consultation) -> None:
    """Reply with a link that opens the console once, within ten minutes."""
    d, _ = await speak(update, context)
    user = update.effective_user
    assert user is not None
    link = await login_link(d, consultation, user.id, d.config.console.url)
    text = _(
        "Your login link to the organisers' console: it works once, within ten minutes. Do not share it.",
    )
    await reply(update, f"{text}\n\n{link}")
