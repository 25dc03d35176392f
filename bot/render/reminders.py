"""Texts of reminders, meeting notices and the meeting list, in the recipient's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.broadcast_cost import BroadcastEstimate, duration_text
from bot.domain.shortening import shorten
from bot.i18n.translator import Translate, esc

QUESTION_CHARS = 90


@dataclass(frozen=True)
class MeetingText:
    """A meeting as a recipient reads it: local time (formatted), place and description."""

    when: str
    place: str
    description: str


def meeting_block(meeting: MeetingText) -> str:
    """Time in bold, place and description, one per line."""
    lines = [f"<b>{esc(meeting.when)}</b>"]
    if meeting.place:
        lines.append(f"📍 {esc(meeting.place)}")
    if meeting.description:
        lines.append(f"<i>{esc(meeting.description)}</i>")
    return "\n".join(lines)


def missing_block(_: Translate, missing: Sequence[tuple[int, str]], intro: str) -> str:
    """The unanswered questions as a numbered list under `intro`, or thanks if there are none."""
    if not missing:
        return _("You have answered all the questions – thank you! /mine shows your answers.")
    items = [f"• {number}. {esc(shorten(text, QUESTION_CHARS))}" for number, text in missing]
    return "\n".join([intro, *items])


def meeting_reminder(
    _: Translate, meeting: MeetingText, missing: Sequence[tuple[int, str]] | None
) -> str:
    """Before a meeting: when, where, what it is, and what is left to answer (None: closed)."""
    text = _("🔔 <b>Reminder: meeting</b>") + "\n" + meeting_block(meeting)
    if missing is None:
        return text
    prepare = missing_block(_, missing, _("To prepare, these questions are still unanswered:"))
    return f"{text}\n\n{prepare}"


def deadline_reminder(_: Translate, deadline: str, missing: Sequence[tuple[int, str]]) -> str:
    """Before the deadline: when it is and what is missing."""
    head = _("⏰ <b>Answers are due {deadline}</b>", deadline=deadline)
    return f"{head}\n\n{missing_block(_, missing, _('You have not answered these questions yet:'))}"


def organiser_reminder(
    _: Translate,
    meeting: MeetingText | None,
    deadline: str | None,
    missing: Sequence[tuple[int, str]] | None,
) -> str:
    """A reminder an organiser sends now: next meeting, deadline, what is missing (None: closed)."""
    parts = [_("🔔 <b>Reminder from the organisers</b>")]
    if meeting is not None:
        parts.append(_("Next meeting:") + "\n" + meeting_block(meeting))
    if deadline is not None:
        parts.append(_("Answers are due {deadline}.", deadline=deadline))
    if missing is not None:
        parts.append(missing_block(_, missing, _("You have not answered these questions yet:")))
    return "\n\n".join(parts)


def paid_broadcast_text(_: Translate, rate: int, estimate: BroadcastEstimate) -> str:
    """The preview's line on a paid broadcast: how long it takes and what it costs."""
    return _(
        "💫 Paid broadcast (up to {rate} a second): takes about {duration} instead of {free} and costs about {stars} Stars from the bot's balance.",
        rate=rate,
        duration=duration_text(estimate.seconds),
        free=duration_text(estimate.free_seconds),
        stars=estimate.stars,
    )


def meeting_notice(_: Translate, kind: str, meeting: MeetingText) -> str:
    """A short notice that a meeting was added, changed or cancelled."""
    if kind == "cancelled":
        return _("❌ <b>Meeting cancelled</b>") + "\n" + _strike(meeting)
    head = _("📅 <b>New meeting</b>") if kind == "added" else _("📅 <b>Meeting changed</b>")
    return f"{head}\n{meeting_block(meeting)}\n\n" + _("/kalender lists all meetings.")


def meeting_list(_: Translate, meetings: Sequence[MeetingText]) -> str:
    """The upcoming meetings of a participant's group."""
    if not meetings:
        return _("There are no upcoming meetings for your group.")
    blocks = [meeting_block(m) for m in meetings]
    return "\n\n".join([_("📅 <b>Upcoming meetings</b>"), *blocks])


def _strike(meeting: MeetingText) -> str:
    """The cancelled meeting, struck through."""
    where = f" – {esc(meeting.place)}" if meeting.place else ""
    return f"<s>{esc(meeting.when)}{where}</s>"
