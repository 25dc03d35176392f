"""Curation from the preview: merge, move, rename, hide, show again and undo.

Each action is stored in the curation log (who, when) before the draft is drawn again. A rename
takes the organiser's next text message as the name: a handler in an earlier group than the
participant handlers catches that one text, and nothing else — without a pending rename the
text goes on to answering, and any command or other button ends the wait.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import logs
from bot.context import Context, deps
from bot.domain.curation import CurationAction, Hide, Merge, Move, Rename, Undo, Unhide
from bot.domain.preview import MAX_LABEL
from bot.domain.renaming import RENAME_WINDOW, PendingRename
from bot.handlers.organiser.organiser_view import show, show_for_button, speech
from bot.handlers.organiser.preview_keyboards import Address, main_keyboard, rename_keyboard
from bot.handlers.organiser.preview_screen import Route, Screen, refused, show_summary
from bot.handlers.shared.common import acknowledge, reply
from bot.handlers.shared.organiser_access import organised_by_id
from bot.model.preview import QuestionPreview
from bot.render.preview import summary_page
from bot.services import curation as svc

log = logging.getLogger(__name__)


async def perform(screen: Screen, action: CurationAction, toast: str) -> None:
    """Store the action, then draw the updated draft and confirm with a toast."""
    query = screen.update.callback_query
    assert query is not None and query.from_user is not None
    fresh = await svc.curate(screen.deps, screen.view, query.from_user.id, action)
    if fresh is None:
        log.info("stale curation button from organiser %s", logs.person(query.from_user.id))
        await refused(screen)
        return
    await show_summary(replace(screen, view=fresh))
    await acknowledge(query, toast)


async def merge(screen: Screen) -> None:
    """mb: the second point joins the first."""
    _ = screen.translate
    into, source = screen.press.args
    await perform(screen, Merge(into, source), "🔗 " + _("Merged."))


async def move(screen: Screen) -> None:
    """mr: one answer's point moves to another point."""
    _ = screen.translate
    ref, target = screen.press.args
    await perform(screen, Move(ref, target), "↪️ " + _("Moved."))


async def hide(screen: Screen) -> None:
    """hp: leave a point out of the summary."""
    _ = screen.translate
    await perform(screen, Hide(screen.press.args[0]), "🙈 " + _("Hidden: left out of the summary."))


async def unhide(screen: Screen) -> None:
    """up: bring a hidden point back."""
    _ = screen.translate
    await perform(screen, Unhide(screen.press.args[0]), "👁 " + _("Back in the summary."))


async def automatic_name(screen: Screen) -> None:
    """nx: drop the organiser's name for a point."""
    _ = screen.translate
    await perform(
        screen, Rename(screen.press.args[0], ""), "🔤 " + _("The automatic name is back.")
    )


async def undo(screen: Screen) -> None:
    """z: cancel the latest action, if the log is still as it was when the button was drawn."""
    _ = screen.translate
    if screen.press.args[0] != str(len(screen.view.log)):
        await refused(screen)
        return
    await perform(screen, Undo(), "↩️ " + _("Undone."))


async def ask_name(screen: Screen) -> None:
    """np: wait for the new name of a point as the organiser's next text message."""
    _ = screen.translate
    chosen = screen.point(screen.press.args[0])
    query = screen.update.callback_query
    chat = screen.update.effective_chat
    assert query is not None and query.from_user is not None
    if chosen is None or chat is None:
        await refused(screen)
        return
    address = screen.press.address
    pending = PendingRename(
        address.consultation_id,
        address.question_id,
        chosen.point.key,
        address.page,
        chat.id,
        query.message.message_id if query.message else None,
        screen.deps.clock() + RENAME_WINDOW,
    )
    screen.deps.awaiting.begin(query.from_user.id, pending, pending.until)
    note = (
        "<b>✏️ "
        + _(
            "Send the new name for point {number} as a message (or /avbryt to keep it).",
            number=chosen.number,
        )
        + "</b>"
    )
    page = summary_page(_, screen.view, screen.language, address.page, note)
    markup = rename_keyboard(_, replace(address, page=page.number), chosen)
    await show_for_button(screen.update, screen.context.bot, page.text, markup)
    await acknowledge(query)


ACTIONS: dict[str, Route] = {
    "mb": merge,
    "mr": move,
    "hp": hide,
    "up": unhide,
    "nx": automatic_name,
    "z": undo,
    "np": ask_name,
}


async def redraw(
    context: Context, pending: PendingRename, update: Update, view: QuestionPreview | None = None
) -> None:
    """Draw the draft the pending rename came from again (`view`, if it is at hand), with its
    main keyboard."""
    d, _, language = await speech(update, context)
    consultation = organised_by_id(update, context, pending.consultation_id)
    if view is None and consultation is not None:
        view = await svc.preview(d, consultation, pending.question_id)
    if view is None:
        return
    address = Address(pending.consultation_id, pending.question_id, pending.page)
    page = summary_page(_, view, language, pending.page)
    markup = main_keyboard(_, address, view, page)
    await show(context.bot, pending.chat_id, pending.message_id, page.text, markup)


async def on_text(update: Update, context: Context) -> None:
    """A text while a rename is pending becomes the point's name; otherwise it is left alone."""
    d = deps(context)
    user, message = update.effective_user, update.effective_message
    pending = d.awaiting.active(user.id, PendingRename, d.clock()) if user else None
    if pending is None or user is None or message is None or message.text is None:
        return
    d.awaiting.end(user.id, PendingRename)
    consultation = organised_by_id(update, context, pending.consultation_id)
    if consultation is None:
        return
    _d, _, _language = await speech(update, context)
    label = " ".join(message.text.split())
    if not label or len(label) > MAX_LABEL:
        until = d.clock() + RENAME_WINDOW
        d.awaiting.begin(user.id, replace(pending, until=until), until)
        await reply(
            update,
            _(
                "A name can be at most {limit} characters. Send a shorter one (or /avbryt).",
                limit=MAX_LABEL,
            ),
        )
        raise ApplicationHandlerStop
    view = await svc.preview(d, consultation, pending.question_id)
    fresh = await svc.curate(d, view, user.id, Rename(pending.ref, label)) if view else None
    if fresh is None:
        await reply(update, _("That point is no longer in the draft, so nothing was renamed."))
        raise ApplicationHandlerStop
    await redraw(context, pending, update, fresh)
    await reply(update, "✏️ " + _("Renamed: «{label}».", label=label))
    raise ApplicationHandlerStop


async def cancelled(update: Update, context: Context, pending: PendingRename) -> None:
    """/avbryt ended a pending rename: say so, and show the preview as it was."""
    _d, _, _language = await speech(update, context)
    await redraw(context, pending, update)
    await reply(update, _("Renaming cancelled; the name is unchanged."))
