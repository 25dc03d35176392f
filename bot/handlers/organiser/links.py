"""/lenkjer (also /lenker): every group's join link in one message, a QR code PNG per group and a printable sheet."""

from __future__ import annotations

import logging

from telegram import InputFile, Update

from bot.config.model import Consultation
from bot.context import Context
from bot.handlers.organiser.organiser_view import speech
from bot.handlers.shared.common import reply
from bot.handlers.shared.organiser_access import organised, organiser_only
from bot.render.links import group_links, link_caption, links_sheet, links_text, qr_png

log = logging.getLogger(__name__)


@organiser_only
async def links(update: Update, context: Context, _first: Consultation) -> None:
    """Send the links, then one QR code document per group, then the sheet with all of them."""
    d, _, language = await speech(update, context)
    message = update.effective_message
    assert message is not None
    if not d.bot_username:
        await reply(
            update,
            _(
                "I don't know my own username yet, so I cannot make the links. Please try again in a minute."
            ),
        )
        return
    for consultation in organised(update, context):
        found = group_links(consultation, d.bot_username)
        await reply(update, links_text(_, consultation, found, language))
        for link in found:
            await message.reply_document(
                InputFile(qr_png(link.url), filename=f"{consultation.key}-{link.key}.png"),
                caption=link_caption(link),
                do_quote=False,
            )
        sheet = links_sheet(_, consultation, found, language)
        await message.reply_document(
            InputFile(sheet, filename=f"{consultation.key}-qr.docx"),
            caption=_("All QR codes, one group per page, ready to print."),
            do_quote=False,
        )
        log.info("sent %s join links of %s", len(found), consultation.key)
