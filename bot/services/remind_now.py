"""A reminder an organiser sends now: to everyone, one group, or those with unanswered questions."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.answering import is_open
from bot.i18n.translator import format_moment, translator
from bot.render.reminders import organiser_reminder
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from bot.services.meetings import meeting_text, upcoming_meetings
from bot.services.reminders import (
    Addressee,
    addressees,
    continue_keyboard,
    missing_texts,
    unreachable,
)
from storage.models import MeetingRecord

EVERYONE = "all"
NON_RESPONDERS = "nr"


@dataclass(frozen=True)
class Selection:
    """Who a reminder now goes to, and who of the selected is skipped (and why)."""

    chosen: list[Addressee]
    skipped: dict[int, str]


def valid_target(deps: Deps, consultation: Consultation, target: str) -> bool:
    """ "all", "nr" or "g<group id>" of a group of this consultation."""
    if target in (EVERYONE, NON_RESPONDERS):
        return True
    catalog = deps.catalogs[consultation.key]
    group_id = target[1:] if target.startswith("g") else ""
    # isdigit() alone lets "²" through, which int() refuses.
    return group_id.isascii() and group_id.isdigit() and catalog.group(int(group_id)) is not None


async def select(deps: Deps, consultation: Consultation, target: str) -> Selection:
    """The participants a target names, minus the unreachable and those with nothing missing."""
    chosen: list[Addressee] = []
    skipped: dict[int, str] = {}
    for person in await addressees(deps, consultation):
        recipient = person.recipient
        if target.startswith("g") and target != f"g{recipient.group_id}":
            continue
        reason = unreachable(recipient)
        if reason is None and target == NON_RESPONDERS and not person.missing:
            reason = "answered"
        if reason is None:
            chosen.append(person)
        else:
            skipped[recipient.participant_id] = reason
    return Selection(chosen, skipped)


def render(
    deps: Deps,
    consultation: Consultation,
    person: Addressee,
    meetings: list[MeetingRecord],
    language: str,
) -> str:
    """The reminder `person` gets, in `language` (their own, or the organiser's for a preview)."""
    _ = translator(language)
    catalog = deps.catalogs[consultation.key]
    meeting = next((m for m in meetings if m.concerns(person.recipient.group_key)), None)
    if not is_open(consultation.deadline, deps.clock()):
        shown = meeting_text(consultation, meeting, language) if meeting else None
        return organiser_reminder(_, shown, None, None)
    return organiser_reminder(
        _,
        meeting_text(consultation, meeting, language) if meeting else None,
        format_moment(consultation.deadline, consultation.timezone, language),
        missing_texts(consultation, catalog, person.missing, language),
    )


async def preview(
    deps: Deps, consultation: Consultation, target: str, language: str
) -> tuple[Selection, str | None]:
    """Who would get the reminder, and the first one's message in the organiser's language."""
    selection = await select(deps, consultation, target)
    if not selection.chosen:
        return selection, None
    meetings = await upcoming_meetings(deps, consultation)
    return selection, render(deps, consultation, selection.chosen[0], meetings, language)


async def send_now(
    deps: Deps, bot: Bot, consultation: Consultation, target: str, stamp: int
) -> BroadcastReport:
    """Send the reminder; the slot "now:<target>:<stamp>" makes a repeated confirmation harmless."""
    selection = await select(deps, consultation, target)
    meetings = await upcoming_meetings(deps, consultation)
    messages = []
    for person in selection.chosen:
        text = render(deps, consultation, person, meetings, person.language)
        answering = is_open(consultation.deadline, deps.clock())
        markup = (
            continue_keyboard(translator(person.language)) if person.missing and answering else None
        )
        recipient = person.recipient
        messages.append(Outgoing(recipient.participant_id, recipient.telegram_id, text, markup))
    catalog = deps.catalogs[consultation.key]
    slot = f"now:{target}:{stamp}"
    return await broadcast(deps, bot, catalog.consultation_id, slot, messages, selection.skipped)
