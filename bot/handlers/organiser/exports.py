"""/eksport: the report (DOCX, Markdown) and the raw data (CSV, JSON) as documents.

The raw data leaves withdrawn answers out; `/eksport trekte` keeps them (marked "withdrawn"),
as `tingbot export --include-withdrawn` does.

The summary is compiled and the documents are made on a worker thread, so the bot goes on
answering meanwhile (at 200,000 answers the documents took 65 s, on the event loop before;
bench.export_replies measures the replies meanwhile). A document larger than Telegram lets a bot
send goes as a zip archive, and one still too large is named with the way to get it on the
server (`tingbot export`).
"""

from __future__ import annotations

import asyncio

from telegram import InputFile, Update

from bot.config.model import Consultation
from bot.context import Context
from bot.handlers.shared.common import reply, speak
from bot.handlers.shared.organiser_access import organiser_only

WITHDRAWN = "trekte"  # the argument of /eksport that keeps withdrawn answers in the raw data


@organiser_only
async def export(update: Update, context: Context, consultation: Consultation) -> None:
    """Send the case draft, the Markdown report and the raw data to the organiser."""
    # The report machinery is imported at the first export, not when the bot starts.
    from bot.render.exports import FORMATS, export_bytes, export_name, packed
    from bot.render.limits import UPLOAD_LIMIT
    from bot.services.reports import gather

    d, _ = await speak(update, context)
    message = update.effective_message
    assert message is not None
    source = await gather(d, consultation, on_thread=True)
    names = _("names shown") if consultation.show_names else _("anonymous")
    withdrawn = [arg.lower() for arg in context.args or []] == [WITHDRAWN]
    text = _(
        "The report as a case draft (DOCX) and as Markdown ({names}), and the raw data as CSV and JSON: one row per point, participants as pseudonymous ids.",
        names=names,
    )
    if withdrawn:
        text += " " + _("The raw data includes the withdrawn answers, marked as withdrawn.")
    else:
        text += " " + _(
            "Withdrawn answers are left out of the raw data; /eksport {word} includes them.",
            word=WITHDRAWN,
        )
    await reply(update, text)
    for fmt in FORMATS:
        data = await asyncio.to_thread(export_bytes, source, fmt, include_withdrawn=withdrawn)
        name = export_name(source, fmt)
        if len(data) > UPLOAD_LIMIT:
            data, name = await asyncio.to_thread(packed, data, name)
        if len(data) > UPLOAD_LIMIT:
            await reply(
                update,
                _(
                    "{name} is too large to send here ({size} MB compressed; Telegram takes up to 50 MB). On the server, tingbot export writes it to a folder.",
                    name=name,
                    size=round(len(data) / 1e6),
                ),
            )
            continue
        await message.reply_document(InputFile(data, filename=name), do_quote=False)
