"""Which reminder to send when: the events of a consultation, job names, due checks, input.

Pure logic on top of bot.domain.schedule: the caller supplies meetings, the deadline and the
clock. A slot is sent only while it is planned at the same due time, is due, is the latest due
slot of its event (an older offset never follows a newer one) and the event is still ahead.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, tzinfo

from bot.domain.schedule import Event, ReminderSlot, catch_up, resolve_local

DEADLINE_KEY = "answers"
_MOMENT_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:.](\d{2})")


def reminder_events(meetings: Iterable[tuple[str, datetime]], deadline: datetime) -> list[Event]:
    """The events reminders lead up to: each (meeting key, start) and the answering deadline."""
    events = [Event("meeting", key, start) for key, start in meetings]
    return [*events, Event("deadline", DEADLINE_KEY, deadline)]


def job_name(consultation_key: str, slot_key: str) -> str:
    """The JobQueue name of a slot: "<consultation>:<slot key>", the same at every start-up."""
    return f"{consultation_key}:{slot_key}"


def due_now(
    slots: Sequence[ReminderSlot],
    slot_key: str,
    planned_due: datetime,
    now: datetime,
    events: Iterable[Event],
) -> ReminderSlot | None:
    """The slot to send now, or None if it moved, is not yet due, was superseded or is over."""
    slot = next((s for s in slots if s.slot_key == slot_key), None)
    if slot is None or slot.due_utc != planned_due:
        return None
    return slot if slot in catch_up(slots, now, events) else None


def missing_questions(order: Sequence[int], answered: Collection[int]) -> list[int]:
    """The questions of `order` without an answer, in order."""
    return [q for q in order if q not in answered]


def parse_local_moment(text: str, tz: tzinfo) -> datetime | None:
    """ "2027-01-21 10:00" read as local time in `tz`, as a UTC instant; None if unreadable."""
    match = _MOMENT_RE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute = (int(part) for part in match.groups())
    try:
        naive = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    return resolve_local(naive, tz)
