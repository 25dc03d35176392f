"""What the organiser is told about the participants' notices: that they are going out, and
how it went once the job that sends them has finished."""

from __future__ import annotations

from bot.i18n.translator import Translate


def notices_planned(_: Translate) -> str:
    """The line after ✅: the notices go out now, the count follows."""
    return "📣 " + _(
        "The notices to the participants are going out now; you get the count when they are done."
    )


def notices_count(_: Translate, sent: int, skipped: int, failed: int, resumed: bool) -> str:
    """ "📣 Notices to the participants — sent: 7, skipped: 1, failed: 0", and whether they
    were resumed after a restart."""
    line = "📣 " + _(
        "Notices to the participants — sent: {sent}, skipped (reminders off or unreachable): "
        "{skipped}, failed: {failed}.",
        sent=sent,
        skipped=skipped,
        failed=failed,
    )
    if resumed:
        line += "\n" + _("The bot restarted while sending them; the rest were sent after it.")
    return line
