"""Who may use organiser commands and buttons: the consultation's listed organisers only."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot import logs
from bot.config.model import Consultation
from bot.context import Context, deps
from bot.handlers.shared.common import acknowledge, reply, speak

log = logging.getLogger("tingbot.access")
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
OrganiserHandler = Callable[[Update, Context, Consultation], Coroutine[Any, Any, None]]


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
        log.warning(
            "refused organiser action",
            extra={"action": handler.__name__, "user": logs.person(user_id)},
        )
        _d, _ = await speak(update, context)
        text = _("Only the organisers of the consultation can do this.")
        if update.callback_query is not None:
            await acknowledge(update.callback_query, text, alert=True)
        else:
            await reply(update, text)

    return guarded


def organised(update: Update, context: Context) -> list[Consultation]:
    """Every consultation the sender organises, in config order."""
    user = update.effective_user
    if user is None:
        return []
    return [c for c in deps(context).config.consultations if user.id in c.organisers]


def organised_by_id(update: Update, context: Context, consultation_id: int) -> Consultation | None:
    """The consultation with this database id if the sender organises it (button data can lie)."""
    for consultation in organised(update, context):
        catalog = deps(context).catalogs.get(consultation.key)
        if catalog is not None and catalog.consultation_id == consultation_id:
            return consultation
    user_id = update.effective_user.id if update.effective_user else None
    log.warning(
        "refused organiser action",
        extra={"consultation": consultation_id, "user": logs.person(user_id)},
    )
    return None
