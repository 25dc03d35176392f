"""/mine_data (everything stored about you, as JSON) and /slett (erase it)."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot.context import Context
from bot.handlers.shared import callbacks as cb
from bot.handlers.shared.common import (
    acknowledge,
    callback_parts,
    int_or_none,
    remove_buttons,
    reply,
    sender,
    signature_ok,
    signed,
    speak,
)
from bot.handlers.shared.keyboards import button
from bot.i18n.translator import P_
from bot.services import privacy as svc

log = logging.getLogger(__name__)
CONFIRMATION_MINUTES = 15


async def my_data(update: Update, context: Context) -> None:
    """/mine_data: send everything stored about the sender as a JSON document."""
    d, _ = await speak(update, context)
    user = sender(update)
    document, rows = await svc.export_document(d, user.id)
    message = update.effective_message
    if rows == 0 or message is None:
        await reply(update, _("Nothing is stored about you."))
        return
    await message.reply_document(
        InputFile(document, filename=f"tingbot-{user.id}.json"),
        caption=_(
            "Everything tingbot stores about you ({rows} entries), as JSON. /slett deletes it.",
            rows=rows,
        ),
        do_quote=False,
    )


async def request_deletion(update: Update, context: Context) -> None:
    """/slett: say what would be deleted and ask for confirmation with a button."""
    d, _ = await speak(update, context)
    user = sender(update)
    stored = await svc.erasable(d, user.id)
    if not stored:
        await reply(update, _("Nothing is stored about you."))
        return
    minute = int(d.clock().timestamp()) // 60
    signature = signed(d, "erase", user.id, minute)
    keyboard = InlineKeyboardMarkup(
        [
            [button("🗑 " + _("Yes, delete everything"), cb.ERASE.build("yes", minute, signature))],
            [button(_("No, keep it"), cb.ERASE.build("no"))],
        ]
    )
    text = _(
        P_(
            "Delete everything tingbot stores about you? This deletes your group membership, your {count} answer with its earlier versions, your votes in the round and the group's polls, your role as referent, the record of reminders sent to you, and your language choice. It cannot be undone. Summaries that are already published keep only anonymous counts.",
            "Delete everything tingbot stores about you? This deletes your group membership, your {count} answers with their earlier versions, your votes in the round and the group's polls, your role as referent, the record of reminders sent to you, and your language choice. It cannot be undone. Summaries that are already published keep only anonymous counts.",
        ),
        count=stored.get("answer", 0),
    )
    await reply(update, text, keyboard)


async def confirm_deletion(update: Update, context: Context) -> None:
    """The buttons under /slett: erase everything (in one transaction) or keep it."""
    d, _ = await speak(update, context)
    query = update.callback_query
    assert query is not None
    user = sender(update)
    parts = callback_parts(update, cb.ERASE)
    if parts == ["no"]:
        await acknowledge(query)
        await remove_buttons(query)
        await reply(update, _("Nothing was deleted."))
        return
    minute = int_or_none(parts[1]) if len(parts) == 3 and parts[0] == "yes" else None
    if minute is None or not signature_ok(d, parts[2], "erase", user.id, minute):
        await acknowledge(query, _("This button is no longer valid."), alert=True)
        return
    if int(d.clock().timestamp()) // 60 - minute > CONFIRMATION_MINUTES:
        await acknowledge(query)
        await remove_buttons(query)
        await reply(
            update,
            _("This button has expired. Send /slett again if you still want to delete your data."),
        )
        return
    counts = await svc.erase(d, user.id)
    await acknowledge(query)
    await remove_buttons(query)
    await reply(
        update,
        _(
            P_(
                "Deleted: {count} answer and everything else tingbot stored about you. To take part again, open your group's link.",
                "Deleted: {count} answers and everything else tingbot stored about you. To take part again, open your group's link.",
            ),
            count=counts.get("answer", 0),
        ),
    )
