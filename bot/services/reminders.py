"""Reminders before meetings and the deadline: the schedule from the database, and sending a slot.

The schedule is derived every time from the meetings in the database and the config (offsets,
quiet hours, deadline); nothing about jobs is stored. A slot is sent only if it is still planned
at the due time its job was made for, is the latest due slot of its event and the event is still
ahead; each recipient is claimed in the database before the message goes out (see broadcast).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.answering import is_open
from bot.domain.reminding import due_now, missing_questions, reminder_events
from bot.domain.schedule import Event, EventKind, Offset, QuietHours, ReminderSlot, plan_slots
from bot.i18n.translator import Translate, format_moment, resolve_language, translator
from bot.render.reminders import deadline_reminder, meeting_reminder
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from bot.services.meetings import meeting_text
from storage.models import Catalog, MeetingRecord, Recipient

log = logging.getLogger(__name__)
CONTINUE = "rm:go"


@dataclass(frozen=True)
class Schedule:
    """A consultation's meetings (not cancelled), events and planned reminder slots."""

    consultation: Consultation
    catalog: Catalog
    meetings: dict[str, MeetingRecord]
    events: list[Event]
    slots: list[ReminderSlot]


@dataclass(frozen=True)
class Addressee:
    """A recipient with their language and the questions they have not answered."""

    recipient: Recipient
    language: str
    missing: list[int]


def plan_for(consultation: Consultation, events: list[Event]) -> list[ReminderSlot]:
    """The reminder slots of the events, with the configured offsets and quiet hours."""
    settings = consultation.reminders
    offsets: dict[EventKind, list[Offset]] = {
        "meeting": [Offset.parse(o) for o in settings.meeting_offsets],
        "deadline": [Offset.parse(o) for o in settings.deadline_offsets],
    }
    quiet = QuietHours(settings.quiet_start, settings.quiet_end)
    return plan_slots(events, offsets, ZoneInfo(consultation.timezone), quiet)


async def load_schedule(deps: Deps, consultation: Consultation) -> Schedule:
    """The schedule as the database has it now."""
    catalog = deps.catalogs[consultation.key]
    stored = await deps.storage.meetings.of_consultation(catalog.consultation_id)
    meetings = [m for m in stored if not m.cancelled]
    events = reminder_events(((m.key, m.start_utc) for m in meetings), consultation.deadline)
    return Schedule(
        consultation,
        catalog,
        {m.key: m for m in meetings},
        events,
        plan_for(consultation, events),
    )


async def addressees(deps: Deps, consultation: Consultation) -> list[Addressee]:
    """Every participant with language and unanswered questions (reachable or not)."""
    catalog = deps.catalogs[consultation.key]
    order = [q.id for q in catalog.active_questions]
    answered = await deps.storage.answers.answered_questions(catalog.consultation_id)
    return [
        Addressee(
            r,
            resolve_language(r.language, None, consultation.language),
            missing_questions(order, answered.get(r.participant_id, set())),
        )
        for r in await deps.storage.reminders.recipients(catalog.consultation_id)
    ]


def unreachable(recipient: Recipient) -> str | None:
    """Why a recipient gets no reminders ("inactive", "reminders off"), or None."""
    if not recipient.active:
        return "inactive"
    if not recipient.reminders:
        return "reminders off"
    return None


def missing_texts(
    consultation: Consultation, catalog: Catalog, missing: list[int], language: str
) -> list[tuple[int, str]]:
    """(number, question text) of unanswered questions, numbered as the participant sees them."""
    order = [q.id for q in catalog.active_questions]
    items = []
    for question_id in missing:
        record = catalog.question(question_id)
        question = consultation.question(record.key) if record else None
        if question is not None:
            items.append((order.index(question_id) + 1, question.text.get(language)))
    return items


def continue_keyboard(_: Translate) -> InlineKeyboardMarkup:
    """One button that shows the next unanswered question."""
    label = "✍️ " + _("Continue answering")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=CONTINUE)]])


def compose_slot(
    schedule: Schedule, slot: ReminderSlot, people: list[Addressee], now: datetime
) -> tuple[list[Outgoing], dict[int, str]]:
    """The messages of a slot and who is skipped (and why)."""
    consultation, catalog = schedule.consultation, schedule.catalog
    meeting = schedule.meetings.get(slot.event_key) if slot.event_kind == "meeting" else None
    answering = is_open(consultation.deadline, now)
    messages: list[Outgoing] = []
    skipped: dict[int, str] = {}
    for person in people:
        recipient = person.recipient
        if meeting is not None and not meeting.concerns(recipient.group_key):
            continue
        reason = unreachable(recipient)
        if reason is None and meeting is None and not person.missing:
            reason = "answered"
        if reason is not None:
            skipped[recipient.participant_id] = reason
            continue
        _ = translator(person.language)
        missing = missing_texts(consultation, catalog, person.missing, person.language)
        if meeting is not None:
            shown = meeting_text(consultation, meeting, person.language)
            text = meeting_reminder(_, shown, missing if answering else None)
        else:
            deadline = format_moment(consultation.deadline, consultation.timezone, person.language)
            text = deadline_reminder(_, deadline, missing)
        markup = continue_keyboard(_) if missing and answering else None
        messages.append(Outgoing(recipient.participant_id, recipient.telegram_id, text, markup))
    return messages, skipped


async def run_slot(
    deps: Deps, bot: Bot, consultation_key: str, slot_key: str, planned_due: datetime
) -> BroadcastReport | None:
    """Send a slot if it is (still) due now; None when it is stale, superseded or over."""
    consultation = deps.consultation(consultation_key)
    schedule = await load_schedule(deps, consultation)
    now = deps.clock()
    slot = due_now(schedule.slots, slot_key, planned_due, now, schedule.events)
    if slot is None:
        log.info("reminder %s:%s is no longer due; skipped", consultation_key, slot_key)
        return None
    messages, skipped = compose_slot(schedule, slot, await addressees(deps, consultation), now)
    return await broadcast(
        deps, bot, schedule.catalog.consultation_id, slot.slot_key, messages, skipped
    )


async def handled_slots(deps: Deps, schedule: Schedule) -> set[str]:
    """Keys of the schedule's slots that have already run (for the catch-up at start-up)."""
    return await deps.storage.reminders.handled_slots(schedule.catalog.consultation_id)


async def set_reminders(deps: Deps, participant_id: int, on: bool) -> None:
    """Turn a participant's reminders on or off."""
    await deps.storage.participants.set_reminders(participant_id, on)
    if on:
        # Writing to the bot shows it is not blocked (any more).
        await deps.storage.participants.set_active(participant_id, True)


async def mark_reachable(deps: Deps, telegram_id: int) -> None:
    """A message from the user shows they no longer block the bot: they are reachable again."""
    for participant in await deps.storage.participants.participations(telegram_id):
        if not participant.active:
            await deps.storage.participants.set_active(participant.id, True)
