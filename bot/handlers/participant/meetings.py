"""/kalender (also /motar): upcoming meetings with an .ics file; organisers also get add, change and cancel."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.context import Context
from bot.handlers.organiser import meeting_admin
from bot.handlers.participant.answering import NOT_JOINED
from bot.handlers.shared.common import participation, reply
from bot.handlers.shared.organiser_access import organised_by
from bot.render.reminders import meeting_list
from bot.services.meetings import calendar_file, meeting_text, upcoming_meetings


async def show(update: Update, context: Context) -> None:
    """/kalender: the meetings of the participant's group, and a calendar file to import."""
    if organised_by(update, context) is not None:
        await meeting_admin.overview(update, context)
        return
    d, who, _ = await participation(update, context)
    if who is None:
        await reply(update, _(NOT_JOINED))
        return
    meetings = await upcoming_meetings(d, who.consultation, who.group.key)
    texts = [meeting_text(who.consultation, m, who.language) for m in meetings]
    await reply(update, meeting_list(_, texts))
    message = update.effective_message
    if meetings and message is not None:
        data = calendar_file(who.consultation, meetings, who.language, d.clock())
        await message.reply_document(
            InputFile(data, filename="motar.ics", attach=True),
            caption=_("Open this file to add the meetings to your calendar."),
            do_quote=False,
        )
