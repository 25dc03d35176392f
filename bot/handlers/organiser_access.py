"""Who may use organiser commands and buttons: the consultation's listed organisers only."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from bot.config_model import Consultation
from bot.context import Context, deps
from bot.handlers.common import acknowledge, reply, speak

log = logging.getLogger("tingbot.access")
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
OrganiserHandler = Callable[[Update, Context, Consultation], Awaitable[None]]


def organised_by(update: Update, context: Context) -> Consultation | None:
    """The consultation the sender organises (the first, if several), or None."""
    user = update.effective_user
    if user is None:
        return None
    return next((c for c in deps(context).config.consultations if user.id in c.organisers), None)


def organiser_only(handler: OrganiserHandler) -> Handler:
    """Run `handler` for organisers; anyone else is told so, nothing changes, and it is logged."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        consultation = organised_by(update, context)
        if consultation is not None:
            await handler(update, context, consultation)
            return
        user_id = update.effective_user.id if update.effective_user else None
        log.warning("refused organiser action %s for user %s", handler.__name__, user_id)
        _d, _ = await speak(update, context)
        text = _("Only the organisers of the consultation can do this.")
        if update.callback_query is not None:
            await acknowledge(update.callback_query, text, alert=True)
        else:
            await reply(update, text)

    return guarded
