"""/status: one progress message per consultation the organiser runs, refreshable in place."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.config.model import Consultation
from bot.context import Context
from bot.handlers.organiser.organiser_view import show_for_button, speech
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import acknowledge, callback_parts, int_or_none, reply
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organised, organised_by_id, organiser_only
from bot.i18n.translator import Translate


def refresh_keyboard(_: Translate, consultation_id: int) -> InlineKeyboardMarkup:
    """The 🔄 button under a progress message."""
    return InlineKeyboardMarkup(
        [[button("🔄 " + _("Refresh"), cb.STATUS_REFRESH.build(consultation_id))]]
    )


async def _render(
    update: Update, context: Context, consultation: Consultation
) -> tuple[str, InlineKeyboardMarkup]:
    # The progress count is imported at the first /status, not when the bot starts.
    from bot.render.status import status_text
    from bot.services.progress import progress

    d, _, language = await speech(update, context)
    text = status_text(_, await progress(d, consultation), language)
    return text, refresh_keyboard(_, d.catalogs[consultation.key].consultation_id)


@organiser_only
async def status(update: Update, context: Context, _first: Consultation) -> None:
    """Send the progress of every consultation the organiser runs."""
    for consultation in organised(update, context):
        text, markup = await _render(update, context, consultation)
        await reply(update, text, markup)


@organiser_only
async def refresh(update: Update, context: Context, _first: Consultation) -> None:
    """The 🔄 button: recount and edit the message in place."""
    query = update.callback_query
    assert query is not None
    _d, _, _language = await speech(update, context)
    parts = callback_parts(update, cb.STATUS_REFRESH)
    consultation_id = int_or_none(parts[0]) if len(parts) == 1 else None
    consultation = (
        organised_by_id(update, context, consultation_id) if consultation_id is not None else None
    )
    if consultation is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    text, markup = await _render(update, context, consultation)
    changed = await show_for_button(update, context.bot, text, markup)
    await acknowledge(query, _("Updated.") if changed else _("Nothing new since the last count."))
