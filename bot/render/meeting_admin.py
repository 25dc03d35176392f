"""Texts of the organisers' meeting flow: the overview, each question, and the confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n.translator import Html, Translate
from bot.render.reminders import MeetingText, meeting_block

KEEP = "-"
EXAMPLE = "2027-01-21 10:00"
NORWAY = "Europe/Oslo"


def overview(_: Translate, meetings: Sequence[tuple[MeetingText, str, bool]], zone: str) -> str:
    """Every meeting (text, group names or "", cancelled?) numbered as the buttons are."""
    lines = [_("📅 <b>Meetings</b> (organiser view, {time})", time=zone_words(_, zone))]
    if not meetings:
        lines.append(_("No meetings yet."))
    for number, (meeting, groups, cancelled) in enumerate(meetings, start=1):
        state = " " + _("(cancelled)") if cancelled else ""
        where = _("for {groups}", groups=groups) if groups else _("for all groups")
        lines.append(f"\n{number}.{state} {meeting_block(meeting)}\n{where}")
    return "\n".join(lines)


def ask(_: Translate, step: str, zone: str, current: str | None, changing: bool) -> str:
    """The question for `step` ("start", "place", "description"); with the value being changed."""
    keep = Html(f"<code>{KEEP}</code>")
    if step == "start":
        text = _("When is the meeting?") + " " + when_hint(_, zone)
    elif step == "place":
        text = _("Where is the meeting?")
    else:
        text = _("What is the meeting about, and what should participants prepare?")
    if changing:
        if current:
            text += "\n" + _("Now: {value}", value=current)
        text += "\n" + _("Write {keep} to keep it.", keep=keep)
    elif step == "description":
        text += "\n" + _("Write {keep} for no description.", keep=keep)
    return text


def when_hint(_: Translate, zone: str) -> str:
    """How to write a date and time."""
    return _(
        "Write the date and time like {example} ({time}).",
        example=Html(f"<code>{EXAMPLE}</code>"),
        time=zone_words(_, zone),
    )


def zone_words(_: Translate, zone: str) -> str:
    """ "norsk tid" for Norway's zone, else "tid i <zone>": a zone id is no word for a person."""
    if zone == NORWAY:
        return _("Norwegian time")
    return _("time in {zone}", zone=zone)


def confirmation(_: Translate, kind: str, meeting: MeetingText) -> str:
    """Asks to confirm adding ("add"), changing ("change") or cancelling ("cancel") a meeting."""
    head = {
        "add": _("<b>Add this meeting?</b>"),
        "change": _("<b>Save this change?</b>"),
        "cancel": _("<b>Cancel this meeting?</b>"),
    }[kind]
    note = _("The participants concerned get a notice.")
    return f"{head}\n\n{meeting_block(meeting)}\n\n{note}"


def problem(_: Translate, what: str, zone: str) -> str:
    """A clear message for input the flow cannot take, and what to write instead."""
    if what == "unreadable":
        return _("I could not read that as a date and time.") + " " + when_hint(_, zone)
    if what == "past":
        return _("That time has already passed. Write a time ahead.")
    if what == "place":
        return _("Write the place in 1 to 200 characters.")
    return _("The description can be at most 1,000 characters.")
