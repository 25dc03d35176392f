"""The error handler: log with the traceback; never let one update stop the bot."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError
from telegram.ext import ApplicationHandlerStop

from bot.context import Context
from bot.handlers.shared.common import not_modified
from bot.i18n.translator import translator
from bot.services.participation import language_of

log = logging.getLogger("tingbot.errors")


async def on_error(update: object, context: Context) -> None:
    """Log the error, tell the user (when there is one) to try again, and end the update.

    Ending it (ApplicationHandlerStop) keeps the handlers of later groups from taking an update
    whose handler failed: a failed answer must not then be refused as "not a text".
    """
    await _report(update, context)
    if isinstance(update, Update):
        raise ApplicationHandlerStop


async def _report(update: object, context: Context) -> None:
    """Log the error with its traceback and tell the user, when there is one, to try again."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if not_modified(error):  # an edit already done (a press repeated or redelivered)
        log.info("edit already applied", extra={"update": update_id})
        return
    # A network failure or a user who blocked the bot is not a bug; a BadRequest (a NetworkError
    # subclass) is one: Telegram refused what the bot sent, so it is logged with its traceback.
    if isinstance(error, Forbidden | NetworkError) and not isinstance(error, BadRequest):
        log.warning(
            "update not handled", extra={"update": update_id, "error": error.__class__.__name__}
        )
        return
    log.error("update failed", extra={"update": update_id}, exc_info=error)
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == "private"
    ):
        language = "nn"
        user = update.effective_user
        if user is not None:
            with contextlib.suppress(Exception):  # the database may be what failed
                language = await language_of(context.bot_data.deps, user.id, user.language_code)
        _ = translator(language)
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                _(
                    "Something went wrong on my side. Everything I confirmed as saved is safe; please try again."
                ),
            )
        except Exception:  # the apology is best effort: the error is already logged
            log.warning("could not tell the chat about the error", extra={"update": update_id})
