"""An organiser's change to a meeting: stored, the reminder jobs rebuilt at once, notices sent."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config.model import Consultation
from bot.context import TingApplication
from bot.jobs.reminders import schedule_reminders
from bot.services.broadcast import BroadcastReport
from bot.services.meetings import new_meeting_key, notify
from storage.models import MeetingRecord, MeetingSpec

log = logging.getLogger(__name__)


async def add(
    app: TingApplication,
    consultation: Consultation,
    start_utc: datetime,
    place: str,
    description: str,
) -> BroadcastReport:
    """Store a new meeting for every group, schedule its reminders, tell the participants."""
    d = app.bot_data.deps
    key = await new_meeting_key(d, consultation, start_utc)
    spec = MeetingSpec(key, start_utc, place, {"nn": description})
    cid = d.catalogs[consultation.key].consultation_id
    meeting = await d.storage.meetings.add_meeting(cid, spec, d.clock())
    return await _after(app, consultation, meeting, "added")


async def change(
    app: TingApplication,
    consultation: Consultation,
    meeting: MeetingRecord,
    start_utc: datetime | None,
    place: str | None,
    description: str | None,
) -> BroadcastReport | None:
    """Store new values (None: keep); None if the meeting can no longer be changed."""
    d = app.bot_data.deps
    current = await changeable(app, consultation, meeting.id)
    if current is None:
        return None
    texts = current.description if description is None else {"nn": description}
    changed = await d.storage.meetings.edit_meeting(
        current.id,
        start_utc or current.start_utc,
        current.place if place is None else place,
        texts,
        d.clock(),
    )
    assert changed is not None
    return await _after(app, consultation, changed, "changed")


async def cancel(
    app: TingApplication, consultation: Consultation, meeting: MeetingRecord
) -> BroadcastReport | None:
    """Cancel a meeting (kept, marked cancelled); None if it can no longer be changed."""
    d = app.bot_data.deps
    current = await changeable(app, consultation, meeting.id)
    if current is None:
        return None
    cancelled = await d.storage.meetings.cancel_meeting(current.id, d.clock())
    assert cancelled is not None
    return await _after(app, consultation, cancelled, "cancelled")


async def changeable(
    app: TingApplication, consultation: Consultation, meeting_id: int
) -> MeetingRecord | None:
    """The meeting if it belongs to the consultation, is not cancelled and has not begun."""
    d = app.bot_data.deps
    meeting = await d.storage.meetings.meeting(meeting_id)
    if (
        meeting is None
        or meeting.consultation_id != d.catalogs[consultation.key].consultation_id
        or meeting.cancelled
        or meeting.start_utc <= d.clock()
    ):
        return None
    return meeting


async def _after(
    app: TingApplication, consultation: Consultation, meeting: MeetingRecord, kind: str
) -> BroadcastReport:
    """Rebuild the jobs first (no stale reminder can fire), then send the notices."""
    await schedule_reminders(app, consultation)
    log.info("meeting %s %s (sequence %s)", meeting.key, kind, meeting.sequence)
    return await notify(app.bot_data.deps, app.bot, consultation, meeting, kind)
