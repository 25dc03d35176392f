"""The one place that asks what a user's next message is input for, and that clears it.

What can be awaited, in the order a private text is offered to it:
- re-activation: a participant marked unreachable (they had blocked the bot) who writes again
  is reachable again (the participant's `active` column; any private message counts);
- a meeting draft of an organiser (in memory, `Deps.awaiting`);
- a check-back correction (a database row: it must survive a restart);
- a pending rename of a summary point (in memory, `Deps.awaiting`).
A private text that none of them takes is an answer. The in-memory inputs are asked only when
the user awaits any (one dict lookup), so the answer path pays nothing for them. The same store
holds a text sent after the last question (`LooseText`) for the buttons that add it to a
question; it takes no text, and ends when a button uses it or after an hour.

Clearing: any command ends a meeting draft and a pending rename (/avbryt with a pending rename
says so and goes no further); any button outside the summary preview ends a pending rename.
A meeting draft or a rename ends itself when its input is taken.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, filters

from bot.context import Context, deps
from bot.domain.renaming import PendingRename
from bot.handlers.discussion import checkback
from bot.handlers.organiser import curation, meeting_admin
from bot.handlers.participant import reminders


async def offer(update: Update, context: Context) -> None:
    """Offer a private text to what awaits it; raises ApplicationHandlerStop when one took it."""
    await reminders.reactivate(update, context)
    user = update.effective_user
    store = deps(context).awaiting
    if user is not None and store.awaits(user.id):
        await meeting_admin.on_text(update, context)
    await checkback.correction_in_private(update, context)
    if user is not None and store.awaits(user.id):
        await curation.on_text(update, context)


async def on_private_message(update: Update, context: Context) -> None:
    """Any other private message: the sender is reachable again; a command ends what awaited."""
    await reminders.reactivate(update, context)
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not filters.COMMAND.check_update(update):
        return
    store = deps(context).awaiting
    store.end(user.id, meeting_admin.MeetingDraft)
    pending = store.end(user.id, PendingRename)
    command = (message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    if pending is not None and command == "avbryt":
        await curation.cancelled(update, context, pending)
        raise ApplicationHandlerStop


async def on_other_button(update: Update, context: Context) -> None:
    """A button outside the preview ends a pending rename (and is then handled as usual)."""
    user = update.effective_user
    if user is not None:
        deps(context).awaiting.end(user.id, PendingRename)
