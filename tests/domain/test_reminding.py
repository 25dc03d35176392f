"""Which reminder is due when: events, job names, due checks and organisers' date input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.reminding import (
    due_now,
    job_name,
    missing_questions,
    parse_local_moment,
    reminder_events,
)
from bot.domain.schedule import Offset, QuietHours, plan_slots

OSLO = ZoneInfo("Europe/Oslo")
MEETING = datetime(2027, 1, 21, 9, 0, tzinfo=UTC)  # 10:00 in Oslo
DEADLINE = datetime(2027, 1, 14, 22, 59, tzinfo=UTC)
EVENTS = reminder_events([("rad", MEETING)], DEADLINE)
OFFSETS = {"meeting": [Offset.parse(o) for o in ("7d", "1d", "2h")], "deadline": []}
SLOTS = plan_slots(EVENTS, OFFSETS, OSLO, QuietHours())  # type: ignore[arg-type]
DUE = {s.slot_key: s.due_utc for s in SLOTS}


def test_events_are_the_meetings_and_the_deadline() -> None:
    assert [(e.kind, e.key, e.start_utc) for e in EVENTS] == [
        ("meeting", "rad", MEETING),
        ("deadline", "answers", DEADLINE),
    ]
    assert job_name("ting", "meeting:rad:1d") == "ting:meeting:rad:1d"


def test_a_slot_is_due_at_its_time_and_until_the_next_one_is() -> None:
    one_day = DUE["meeting:rad:1d"]
    assert due_now(SLOTS, "meeting:rad:1d", one_day, one_day - timedelta(seconds=1), EVENTS) is None
    found = due_now(SLOTS, "meeting:rad:1d", one_day, one_day, EVENTS)
    assert found is not None and found.due_utc == one_day
    # Once the 2h slot is due, the 1d one is superseded: an older offset never follows a newer.
    two_hours = DUE["meeting:rad:2h"]
    assert due_now(SLOTS, "meeting:rad:1d", one_day, two_hours, EVENTS) is None
    assert due_now(SLOTS, "meeting:rad:2h", two_hours, two_hours, EVENTS) is not None
    # Never at or after the event.
    assert due_now(SLOTS, "meeting:rad:2h", two_hours, MEETING, EVENTS) is None


def test_a_job_planned_for_another_due_time_is_stale() -> None:
    one_day = DUE["meeting:rad:1d"]
    earlier = one_day - timedelta(days=1)
    assert due_now(SLOTS, "meeting:rad:1d", earlier, one_day, EVENTS) is None
    assert due_now(SLOTS, "meeting:gone:1d", one_day, one_day, EVENTS) is None


def test_missing_questions_keep_the_order() -> None:
    assert missing_questions([3, 1, 2, 5], {1, 5, 9}) == [3, 2]
    assert missing_questions([1, 2], {1, 2}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-21 10:00", datetime(2027, 1, 21, 9, 0, tzinfo=UTC)),
        ("  2027-1-21 9.30 ", datetime(2027, 1, 21, 8, 30, tzinfo=UTC)),
        ("2026-06-11T10:00", datetime(2026, 6, 11, 8, 0, tzinfo=UTC)),  # summer time
        # 02:30 on the night to summer time does not exist: it is read as 03:30.
        ("2026-03-29 02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    ],
)
def test_organisers_write_local_date_and_time(text: str, expected: datetime) -> None:
    assert parse_local_moment(text, OSLO) == expected


@pytest.mark.parametrize(
    "text", ["", "i morgon kl 10", "21.01.2027 10:00", "2027-02-30 10:00", "2027-01-21 25:00"]
)
def test_unreadable_dates_are_refused(text: str) -> None:
    assert parse_local_moment(text, OSLO) is None
