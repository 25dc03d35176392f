"""Meetings: synced from the config, listed for participants, changed by organisers."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.config.model import Consultation, Localized
from bot.context import Deps
from bot.i18n.translator import format_moment, resolve_language, translator
from bot.render.reminders import MeetingText, meeting_notice
from bot.services.broadcast import BroadcastReport, Outgoing, broadcast
from storage.models import MeetingRecord as MeetingRecord
from storage.models import MeetingSpec


def localized_texts(text: Localized) -> dict[str, str]:
    """A Localized as the database keeps it: only the languages that are given."""
    return {k: v for k, v in asdict(text).items() if isinstance(v, str) and v}


async def sync_meetings(deps: Deps) -> None:
    """Bring every consultation's config meetings into the database (organiser edits win)."""
    for consultation in deps.config.consultations:
        specs = [
            MeetingSpec(m.key, m.start, m.place, localized_texts(m.description), m.groups)
            for m in consultation.meetings
        ]
        cid = deps.catalogs[consultation.key].consultation_id
        await deps.storage.meetings.sync_meetings(cid, specs, deps.clock())


def meeting_text(consultation: Consultation, meeting: MeetingRecord, language: str) -> MeetingText:
    """A meeting in a reader's language and the consultation's time zone."""
    return MeetingText(
        when=format_moment(meeting.start_utc, consultation.timezone, language),
        place=meeting.place,
        description=meeting.description_in(language),
    )


async def meetings_of(deps: Deps, consultation: Consultation) -> list[MeetingRecord]:
    """Every meeting of the consultation, cancelled ones too, by start."""
    return await deps.storage.meetings.of_consultation(
        deps.catalogs[consultation.key].consultation_id
    )


async def upcoming_meetings(
    deps: Deps, consultation: Consultation, group_key: str | None = None
) -> list[MeetingRecord]:
    """Meetings not cancelled and not yet begun, for a group (None: every meeting)."""
    cid = deps.catalogs[consultation.key].consultation_id
    now = deps.clock()
    return [
        m
        for m in await deps.storage.meetings.of_consultation(cid)
        if not m.cancelled and m.start_utc > now and (group_key is None or m.concerns(group_key))
    ]


def calendar_file(
    consultation: Consultation, meetings: list[MeetingRecord], language: str, now: datetime
) -> bytes:
    """The meetings as an .ics file (cancelled ones marked, so calendars drop them)."""
    from bot.render.ics import CalendarMeeting, meetings_ics  # at the first calendar file

    title = consultation.title.get(language)
    entries = [
        CalendarMeeting(
            key=m.key,
            title=title,
            start_utc=m.start_utc,
            place=m.place,
            description=m.description_in(language),
            cancelled=m.cancelled,
            sequence=m.sequence,
        )
        for m in meetings
    ]
    return meetings_ics(
        title,
        entries,
        ZoneInfo(consultation.timezone),
        consultation_key=consultation.key,
        stamp_utc=now,
    )


async def new_meeting_key(deps: Deps, consultation: Consultation, start: datetime) -> str:
    """A fresh key for a meeting added in chat, from its local start ("m202701211000")."""
    cid = deps.catalogs[consultation.key].consultation_id
    taken = {m.key for m in await deps.storage.meetings.of_consultation(cid)}
    base = "m" + start.astimezone(ZoneInfo(consultation.timezone)).strftime("%Y%m%d%H%M")
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


async def notify(
    deps: Deps, bot: Bot, consultation: Consultation, meeting: MeetingRecord, kind: str
) -> BroadcastReport:
    """Tell the active participants of the meeting's groups that it was added/changed/cancelled.

    Notices go out even to those who turned reminders off: a cancelled meeting matters to them.
    The slot "notice:<meeting>:<sequence>" makes each change's notice go out once.
    """
    catalog = deps.catalogs[consultation.key]
    messages: list[Outgoing] = []
    skipped: dict[int, str] = {}
    for recipient in await deps.storage.reminders.recipients(catalog.consultation_id):
        if not meeting.concerns(recipient.group_key):
            continue
        if not recipient.active:
            skipped[recipient.participant_id] = "inactive"
            continue
        language = resolve_language(recipient.language, None, consultation.language)
        text = meeting_notice(
            translator(language), kind, meeting_text(consultation, meeting, language)
        )
        messages.append(Outgoing(recipient.participant_id, recipient.telegram_id, text))
    slot = f"notice:{meeting.key}:{meeting.sequence}"
    return await broadcast(deps, bot, catalog.consultation_id, slot, messages, skipped)
