"""What the organiser is told about the participants' notices: that they are going out, and
how it went once the job that sends them has finished."""

from __future__ import annotations

from bot.i18n.translator import P_, Translate


def notices_planned(_: Translate) -> str:
    """The line after ✅: the notices go out now, the count follows."""
    return "📣 " + _(
        "The notices to the participants are going out now; you get the count when they are done."
    )


def notices_count(_: Translate, sent: int, skipped: int, failed: int, resumed: bool) -> str:
    """ "📣 The notices to the participants are done. Sent to 7 participants. 1 participant
    skipped (reminders off or unreachable). 0 messages failed.", each count in its plural form,
    and whether they were resumed after a restart."""
    line = "📣 " + " ".join(
        (
            _("The notices to the participants are done."),
            _(P_("Sent to {count} participant.", "Sent to {count} participants."), count=sent),
            _(
                P_(
                    "{count} participant skipped (reminders off or unreachable).",
                    "{count} participants skipped (reminders off or unreachable).",
                ),
                count=skipped,
            ),
            _(P_("{count} message failed.", "{count} messages failed."), count=failed),
        )
    )
    if resumed:
        line += "\n" + _("The bot restarted while sending them; the rest were sent after it.")
    return line
