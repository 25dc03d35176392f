"""Meetings as an iCalendar (.ics) file that participants can add to their calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Event


DEFAULT_DURATION = timedelta(hours=2)
PRODUCT_ID = "-//tingbot//meetings//EN"


@dataclass(frozen=True)
class CalendarMeeting:
    """One meeting as the calendar needs it; sequence counts changes so calendars update it."""

    key: str
    title: str
    start_utc: datetime
    end_utc: datetime | None = None
    place: str = ""
    description: str = ""
    cancelled: bool = False
    sequence: int = 0

    def __post_init__(self) -> None:
        for name in ("start_utc", "end_utc"):
            moment = getattr(self, name)
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"meeting {self.key!r}: {name} must be time-zone-aware")
        if self.end_utc is not None and self.end_utc <= self.start_utc:
            raise ValueError(f"meeting {self.key!r}: end must be after start")


def meetings_ics(
    consultation_title: str,
    meetings: Iterable[CalendarMeeting],
    tz: tzinfo,
    *,
    consultation_key: str,
    uid_domain: str = "tingbot.invalid",
    include_cancelled: bool = True,
    stamp_utc: datetime | None = None,
) -> bytes:
    """An .ics calendar with one VEVENT per meeting, in tz when it is an IANA zone, else UTC.

    UIDs are "<consultation_key>.<meeting key>@<uid_domain>", so importing a newer file updates
    the same events; cancelled meetings stay in (STATUS:CANCELLED) unless include_cancelled is
    False, so a calendar that holds one learns of the cancellation.
    """
    stamp = (stamp_utc or datetime.now(UTC)).astimezone(UTC)
    zone = tz if isinstance(tz, ZoneInfo) else None
    chosen = sorted(
        (m for m in meetings if include_cancelled or not m.cancelled),
        key=lambda m: (m.start_utc, m.key),
    )
    from icalendar import Calendar  # imported on use: only /kalender needs it

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", consultation_title)
    if zone is not None:
        calendar.add("x-wr-timezone", zone.key)
    for meeting in chosen:
        calendar.add_component(
            _vevent(meeting, consultation_title, zone, stamp, consultation_key, uid_domain)
        )
    if zone is not None and chosen:
        # A VTIMEZONE covering only the years around the meetings keeps the file small.
        first, last = chosen[0].start_utc.year, chosen[-1].start_utc.year
        calendar.add_missing_timezones(date(first - 1, 1, 1), date(last + 2, 1, 1))
    result: bytes = calendar.to_ical()
    return result


def _vevent(
    meeting: CalendarMeeting,
    consultation_title: str,
    zone: ZoneInfo | None,
    stamp: datetime,
    consultation_key: str,
    uid_domain: str,
) -> Event:
    """The VEVENT for one meeting."""
    start = meeting.start_utc
    end = meeting.end_utc or start + DEFAULT_DURATION
    from icalendar import Event

    event = Event()
    event.add("uid", f"{consultation_key}.{meeting.key}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _in_zone(start, zone))
    event.add("dtend", _in_zone(end, zone))
    event.add("summary", meeting.title or consultation_title)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.description:
        event.add("description", meeting.description)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    return event


def _in_zone(moment: datetime, zone: ZoneInfo | None) -> datetime:
    """The instant in the consultation's zone (written with TZID), or in UTC (written with Z)."""
    return moment.astimezone(zone if zone is not None else UTC)
