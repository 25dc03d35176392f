"""Only the update kinds tingbot means to handle reach its handlers.

`allowed_updates` asks Telegram for those kinds only, but Telegram still delivers updates made
before a change of it, and a business account's messages (`business_message`) would otherwise
match the private-chat handlers through `effective_message` and get answers inside someone
else's chat. This handler runs first and ends every update of any other kind, silently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context

log = logging.getLogger(__name__)


async def _ignore(update: Update, _context: Context) -> None:
    """End the update unhandled."""
    log.info("update of another kind ignored", extra={"update": update.update_id})
    raise ApplicationHandlerStop


class OtherKinds(BaseHandler[Update, Context, None]):
    """Matches an update that holds none of `kinds` (attribute names of Update)."""

    def __init__(self, kinds: Sequence[str]) -> None:
        super().__init__(_ignore)
        self.kinds = tuple(kinds)

    def check_update(self, update: object) -> bool:
        """Whether `update` is of none of the kinds (the usual two are checked first)."""
        if not isinstance(update, Update):
            return False
        if update.message is not None or update.callback_query is not None:
            return False
        return all(getattr(update, kind, None) is None for kind in self.kinds)
