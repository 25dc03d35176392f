"""/paminningar (reminders on or off), the button under a reminder, and the organisers' /paminn."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update

from bot.config.model import Consultation
from bot.context import Context
from bot.domain.broadcast_cost import estimate
from bot.handlers.organiser.meeting_admin import language_and_translator
from bot.handlers.participant.answering import NOT_JOINED, send_question
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    participation,
    reply,
)
from bot.handlers.shared.keyboards import button
from bot.handlers.shared.organiser_access import organiser_only
from bot.i18n.translator import P_
from bot.render.reminders import paid_broadcast_text
from bot.render.wording import send_counts
from bot.services import remind_now as svc
from bot.services.answers import continue_point
from bot.services.reminders import mark_reachable, set_reminders

log = logging.getLogger(__name__)


async def toggle(update: Update, context: Context) -> None:
    """/paminningar: turn one's own reminders off, or on again."""
    d, who, _ = await participation(update, context)
    if who is None:
        await reply(update, _(NOT_JOINED))
        return
    on = not who.participant.reminders
    await set_reminders(d, who.participant.id, on)
    if on:
        text = _(
            "🔔 Reminders are on: you get a reminder before each meeting and before the deadline. /paminningar turns them off."
        )
    else:
        text = _(
            "🔕 Reminders are off: you get no reminders before meetings or the deadline, only a notice if a meeting is changed or cancelled. /paminningar turns them on again."
        )
    await reply(update, text)


async def reactivate(update: Update, context: Context) -> None:
    """A message from a participant marked unreachable shows they no longer block the bot."""
    user = update.effective_user
    if user is not None:
        await mark_reachable(context.bot_data.deps, user.id)


async def continue_answering(update: Update, context: Context) -> None:
    """The button under a reminder: the next question without an answer."""
    d, who, _ = await participation(update, context)
    query = update.callback_query
    assert query is not None
    # PTB hands empty callback data to the first button handler.
    if cb.CONTINUE_ANSWERING.parse(query.data) is None:
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    if who is None:
        await acknowledge(query, _(NOT_JOINED), alert=True)
        return
    await acknowledge(query)
    target = await continue_point(d, who)
    await send_question(update, context, who, target)


@organiser_only
async def choose(update: Update, context: Context, consultation: Consultation) -> None:
    """/paminn: whom to remind now."""
    _language, _ = await language_and_translator(update, context)
    rows = [
        [button(_("Everyone"), cb.REMIND_PREVIEW.build(svc.EVERYONE))],
        [
            button(
                _("Only those with unanswered questions"),
                cb.REMIND_PREVIEW.build(svc.NON_RESPONDERS),
            )
        ],
    ]
    catalog = context.bot_data.deps.catalogs[consultation.key]
    rows += [
        [button(g.name, cb.REMIND_PREVIEW.build(f"g{g.id}"))]
        for g in catalog.groups
        if not g.retired
    ]
    await reply(update, _("Who should get a reminder now?"), InlineKeyboardMarkup(rows))


@organiser_only
async def preview(update: Update, context: Context, consultation: Consultation) -> None:
    """A target button: how many get it, and what they get; then ✅ or Avbryt."""
    d = context.bot_data.deps
    language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.REMIND_PREVIEW)
    target = parts[0] if len(parts) == 1 else ""
    if not svc.valid_target(d, consultation, target):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    selection, sample = await svc.preview(d, consultation, target, language)
    skipped = _(
        "{count} skipped (reminders off, unreachable, or nothing left to answer).",
        count=len(selection.skipped),
    )
    if sample is None:
        await reply(update, _("Nobody to remind in this selection.") + " " + skipped)
        return
    head = _(
        P_(
            "<b>Preview</b>: {count} participant gets this, with their own unanswered questions and in their own language.",
            "<b>Preview</b>: {count} participants get this, each with their own unanswered questions and in their own language.",
        ),
        count=len(selection.chosen),
    )
    paid = d.config.telegram.paid_broadcast
    if paid:
        head += "\n" + paid_broadcast_text(_, paid, estimate(len(selection.chosen), paid))
    stamp = int(d.clock().timestamp())
    keyboard = InlineKeyboardMarkup(
        [
            [
                button("✅ " + _("Send"), cb.REMIND_SEND.build(target, stamp)),
                button(_("Cancel"), cb.REMIND_DISMISS.build()),
            ]
        ]
    )
    await reply(update, f"{head} {skipped}\n\n{sample}", keyboard)


@organiser_only
async def send(update: Update, context: Context, consultation: Consultation) -> None:
    """✅: send it now (once, however often pressed) and report sent / skipped / failed."""
    d = context.bot_data.deps
    _language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    parts = callback_parts(update, cb.REMIND_SEND)
    stamp = int_or_none(parts[1]) if len(parts) == 2 else None
    if stamp is None or stamp < 0 or not svc.valid_target(d, consultation, parts[0]):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    await acknowledge(query)
    await query.edit_message_reply_markup(None)
    report = await svc.send_now(d, context.bot, consultation, parts[0], stamp)
    log.info("reminder now to %s: %s", parts[0], report)
    await reply(
        update,
        _("Reminder done.") + " " + send_counts(_, report.sent, report.skipped, report.failed),
    )


@organiser_only
async def dismiss(update: Update, context: Context, consultation: Consultation) -> None:
    """Avbryt under a preview: nothing is sent."""
    _language, _ = await language_and_translator(update, context)
    query = update.callback_query
    assert query is not None
    await acknowledge(query)
    await query.edit_message_reply_markup(None)
    await reply(update, _("Nothing was sent."))
