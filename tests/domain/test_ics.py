"""Tests for the meetings .ics file: parsed back with icalendar."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.render.ics import CalendarMeeting, meetings_ics

OSLO = ZoneInfo("Europe/Oslo")
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

APRIL = CalendarMeeting(
    key="hallingting-april",
    title="Hallingting: gruppemøte",
    start_utc=datetime(2026, 4, 20, 16, 0, tzinfo=UTC),  # 18:00 summer time
    place="Gol kulturhus, sal 2",
    description="Kva er viktigast for dykk?\nTa med svara; ingen førebuing elles.",
)
MARCH = CalendarMeeting(
    key="oppstart",
    title="Oppstart",
    start_utc=datetime(2026, 3, 10, 17, 0, tzinfo=UTC),  # 18:00 winter time
    end_utc=datetime(2026, 3, 10, 20, 30, tzinfo=UTC),
)
CANCELLED = CalendarMeeting(
    key="mai",
    title="",
    start_utc=datetime(2026, 5, 5, 16, 0, tzinfo=UTC),
    cancelled=True,
    sequence=2,
)


def events(ics: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(ics)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def build(**kwargs: Any) -> bytes:
    options: dict[str, Any] = {"consultation_key": "sak-38-26", "stamp_utc": STAMP} | kwargs
    return meetings_ics("Hallingting 2026", [APRIL, CANCELLED, MARCH], OSLO, **options)


def test_one_event_per_meeting_with_stable_uids() -> None:
    parsed = events(build())
    assert list(parsed) == [
        "sak-38-26.oppstart@tingbot.invalid",
        "sak-38-26.hallingting-april@tingbot.invalid",
        "sak-38-26.mai@tingbot.invalid",
    ]
    later = build(stamp_utc=STAMP + timedelta(days=3))
    assert list(events(later)) == list(parsed)
    assert "sak-38-26.mai@example.org" in events(build(uid_domain="example.org"))


def test_times_carry_the_consultation_zone_across_dst() -> None:
    parsed = events(build())
    april = parsed["sak-38-26.hallingting-april@tingbot.invalid"]
    start, end = april.decoded("dtstart"), april.decoded("dtend")
    assert april["dtstart"].params["TZID"] == "Europe/Oslo"
    assert (start.tzinfo, start.hour, start.minute) == (OSLO, 18, 0)
    assert end - start == timedelta(hours=2)  # default duration
    march = parsed["sak-38-26.oppstart@tingbot.invalid"]
    assert march.decoded("dtstart").hour == 18  # 17:00 UTC in winter
    assert march.decoded("dtend") == datetime(2026, 3, 10, 20, 30, tzinfo=UTC)


def test_calendar_has_a_timezone_definition_and_a_name() -> None:
    calendar = Calendar.from_ical(build())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(calendar["x-wr-calname"]) == "Hallingting 2026"
    assert str(calendar["method"]) == "PUBLISH"


def test_text_fields_round_trip() -> None:
    april = events(build())["sak-38-26.hallingting-april@tingbot.invalid"]
    assert str(april["summary"]) == APRIL.title
    assert str(april["location"]) == "Gol kulturhus, sal 2"
    assert str(april["description"]) == APRIL.description
    assert str(april["status"]) == "CONFIRMED"


def test_cancelled_meeting_is_marked_or_left_out() -> None:
    mai = events(build())["sak-38-26.mai@tingbot.invalid"]
    assert str(mai["status"]) == "CANCELLED"
    assert mai.decoded("sequence") == 2
    assert str(mai["summary"]) == "Hallingting 2026"  # no own title: the consultation's
    assert "LOCATION" not in mai
    assert "sak-38-26.mai@tingbot.invalid" not in events(build(include_cancelled=False))


def test_utc_when_zone_has_no_iana_name() -> None:
    ics = meetings_ics("T", [MARCH], UTC, consultation_key="k", stamp_utc=STAMP)
    assert b"DTSTART:20260310T170000Z\r\n" in ics
    assert Calendar.from_ical(ics).walk("VTIMEZONE") == []


def test_rejects_naive_or_backwards_times() -> None:
    with pytest.raises(ValueError, match="time-zone-aware"):
        CalendarMeeting("m", "M", datetime(2026, 1, 1, 10, 0))
    with pytest.raises(ValueError, match="end must be after start"):
        CalendarMeeting("m", "M", STAMP, end_utc=STAMP)
