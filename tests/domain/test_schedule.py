"""Tests for reminder scheduling: offsets, DST, quiet hours, planning and catch-up."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.schedule import (
    Event,
    Offset,
    QuietHours,
    ReminderSlot,
    catch_up,
    due_time,
    plan_slots,
    resolve_local,
    upcoming,
)

OSLO = ZoneInfo("Europe/Oslo")
NO_QUIET = QuietHours(time(0, 0), time(0, 0))
DEFAULT_QUIET = QuietHours()


def oslo(*args: int) -> datetime:
    """An Oslo wall-clock time (first occurrence if ambiguous) as UTC."""
    return resolve_local(datetime(*args), OSLO)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def due(start: datetime, offset: str, quiet: QuietHours = NO_QUIET) -> datetime:
    result = due_time(start, Offset.parse(offset), OSLO, quiet)
    assert result is not None
    return result


# --- offsets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit", "key"),
    [("7d", 7, "d", "7d"), ("2h", 2, "h", "2h"), ("30m", 30, "m", "30m"), (" 07d ", 7, "d", "7d")],
)
def test_offset_parses_and_has_stable_string(text: str, amount: int, unit: str, key: str) -> None:
    offset = Offset.parse(text)
    assert (offset.amount, offset.unit, str(offset)) == (amount, unit, key)


@pytest.mark.parametrize("text", ["7x", "-1d", "", "d", "1.5h", "1d2h", "7 d"])
def test_offset_parse_rejects_malformed_text_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match=f"invalid reminder offset {text!r}.*d \\(days\\)"):
        Offset.parse(text)


def test_offset_parse_rejects_zero() -> None:
    with pytest.raises(ValueError, match="positive"):
        Offset.parse("0h")


# --- DST: day offsets keep the local wall clock ---------------------------------------------


def test_day_offset_across_spring_transition_keeps_local_time() -> None:
    start = oslo(2026, 3, 30, 10, 0)  # the day after clocks went forward (29 March)
    assert due(start, "1d") == oslo(2026, 3, 29, 10, 0) == utc(2026, 3, 29, 8, 0)
    assert due(start, "2d") == utc(2026, 3, 28, 9, 0)  # 10:00 CET
    assert start - due(start, "2d") == timedelta(hours=47)
    assert due(start, "7d").astimezone(OSLO).time() == time(10, 0)


def test_day_offset_on_spring_transition_day_is_23_hours() -> None:
    start = oslo(2026, 3, 29, 10, 0)
    assert due(start, "1d") == utc(2026, 3, 28, 9, 0)
    assert start - due(start, "1d") == timedelta(hours=23)


def test_day_offset_across_autumn_transition_keeps_local_time() -> None:
    start = oslo(2026, 10, 26, 10, 0)  # the day after clocks went back (25 October)
    assert due(start, "1d") == utc(2026, 10, 25, 9, 0)  # 10:00 CET
    assert due(start, "2d") == utc(2026, 10, 24, 8, 0)  # 10:00 CEST
    assert start - due(start, "2d") == timedelta(hours=49)


def test_day_offset_on_autumn_transition_day_is_25_hours() -> None:
    start = oslo(2026, 10, 25, 10, 0)
    assert start - due(start, "1d") == timedelta(hours=25)
    assert due(start, "1d").astimezone(OSLO).time() == time(10, 0)


def test_day_offset_into_spring_gap_moves_forward_by_the_gap() -> None:
    start = oslo(2026, 3, 30, 2, 30)
    # 02:30 on 29 March does not exist in Oslo; it becomes 03:30 CEST.
    assert due(start, "1d") == utc(2026, 3, 29, 1, 30)
    assert due(start, "1d").astimezone(OSLO).time() == time(3, 30)


def test_day_offset_into_autumn_fold_takes_first_occurrence() -> None:
    start = utc(2026, 10, 26, 1, 30)  # 02:30 CET
    # 02:30 on 25 October happens twice; the first (CEST, UTC+2) is chosen.
    assert due(start, "1d") == utc(2026, 10, 25, 0, 30)


# --- DST: hour and minute offsets are elapsed time ------------------------------------------


def test_hour_offset_across_spring_transition_is_elapsed_time() -> None:
    start = oslo(2026, 3, 29, 10, 0)  # 08:00 UTC
    assert due(start, "8h") == utc(2026, 3, 29, 0, 0)
    assert due(start, "8h").astimezone(OSLO).time() == time(1, 0)  # nine wall-clock hours


def test_hour_offset_across_autumn_transition_is_elapsed_time() -> None:
    start = oslo(2026, 10, 25, 10, 0)  # 09:00 UTC
    assert due(start, "9h") == utc(2026, 10, 25, 0, 0)
    assert due(start, "9h").astimezone(OSLO).time() == time(2, 0)  # eight wall-clock hours
    assert due(start, "540m") == due(start, "9h")


# --- quiet hours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "inside"),
    [
        (time(21, 59), False),
        (time(22, 0), True),
        (time(0, 0), True),
        (time(7, 59), True),
        (time(8, 0), False),
        (time(12, 0), False),
    ],
)
def test_default_quiet_hours_wrap_midnight(clock: time, inside: bool) -> None:
    assert DEFAULT_QUIET.contains(clock) is inside


def test_quiet_hours_with_equal_start_and_end_are_none() -> None:
    quiet = QuietHours(time(8, 0), time(8, 0))
    assert not any(quiet.contains(time(h, m)) for h in range(24) for m in (0, 59))
    start = oslo(2026, 1, 15, 7, 0)
    assert due(start, "2h", quiet) == oslo(2026, 1, 15, 5, 0)


def test_quiet_hours_parse() -> None:
    assert QuietHours.parse("23:30-06:15") == QuietHours(time(23, 30), time(6, 15))
    assert QuietHours.parse("none") == NO_QUIET
    with pytest.raises(ValueError, match="HH:MM-HH:MM"):
        QuietHours.parse("22-08-09")


def test_reminder_after_midnight_in_quiet_hours_moves_to_quiet_end() -> None:
    start = oslo(2026, 1, 15, 10, 0)
    assert due(start, "3h", DEFAULT_QUIET) == oslo(2026, 1, 15, 8, 0)


def test_reminder_before_midnight_in_quiet_hours_moves_to_next_morning() -> None:
    start = oslo(2026, 1, 15, 10, 0)
    assert due(start, "12h", DEFAULT_QUIET) == oslo(2026, 1, 15, 8, 0)
    assert due(start, "1d", QuietHours(time(9, 0), time(11, 0))) == oslo(2026, 1, 14, 11, 0)


def test_reminder_outside_quiet_hours_is_unchanged() -> None:
    start = oslo(2026, 1, 15, 10, 0)
    assert due(start, "2h", DEFAULT_QUIET) == oslo(2026, 1, 15, 8, 0)  # end is exclusive
    assert due(start, "1d", DEFAULT_QUIET) == oslo(2026, 1, 14, 10, 0)


def test_non_wrapping_quiet_hours() -> None:
    quiet = QuietHours(time(12, 0), time(13, 0))
    start = oslo(2026, 1, 15, 14, 0)
    assert due(start, "2h", quiet) == oslo(2026, 1, 15, 13, 0)
    assert due(start, "3h", quiet) == oslo(2026, 1, 15, 11, 0)


@pytest.mark.parametrize("meeting_hour", [7, 8])
def test_quiet_shift_reaching_the_event_keeps_original_time(meeting_hour: int) -> None:
    start = oslo(2026, 1, 15, meeting_hour, 0)
    assert due(start, "2h", DEFAULT_QUIET) == start - timedelta(hours=2)


def test_quiet_end_uses_local_time_on_transition_day() -> None:
    start = oslo(2026, 3, 29, 9, 0)  # 07:00 UTC; 2h before is 07:00 CEST, inside quiet hours
    assert due(start, "2h", DEFAULT_QUIET) == utc(2026, 3, 29, 6, 0)  # 08:00 CEST


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    amount=st.integers(min_value=1, max_value=200),
    unit=st.sampled_from(["d", "h", "m"]),
)
def test_due_time_properties(start: datetime, amount: int, unit: str) -> None:
    event_start = start.replace(tzinfo=UTC)
    result = due(event_start, f"{amount}{unit}", DEFAULT_QUIET)
    assert result < event_start
    local = result.astimezone(OSLO)
    if DEFAULT_QUIET.contains(local.time()):
        # Only allowed when the morning after would already be too late.
        assert result == due(event_start, f"{amount}{unit}")
        assert event_start - result < timedelta(hours=10) + timedelta(hours=1)


# --- planning ----------------------------------------------------------------------------------

APRIL = Event("meeting", "hallingting-april", oslo(2026, 4, 20, 18, 0))
DEADLINE = Event("deadline", "answers", oslo(2026, 4, 15, 12, 0))
MEETING_OFFSETS = [Offset.parse(t) for t in ("7d", "1d", "2h")]
DEADLINE_OFFSETS = [Offset.parse(t) for t in ("3d", "1d")]


def test_plan_slots_sorted_with_offsets_per_kind() -> None:
    slots = plan_slots(
        [APRIL, DEADLINE],
        {"meeting": MEETING_OFFSETS, "deadline": DEADLINE_OFFSETS},
        OSLO,
        DEFAULT_QUIET,
    )
    assert [s.slot_key for s in slots] == [
        "deadline:answers:3d",
        "meeting:hallingting-april:7d",
        "deadline:answers:1d",
        "meeting:hallingting-april:1d",
        "meeting:hallingting-april:2h",
    ]
    assert [s.due_utc for s in slots] == sorted(s.due_utc for s in slots)
    assert slots[0].due_utc == oslo(2026, 4, 12, 12, 0)
    assert slots[1].due_utc == oslo(2026, 4, 13, 18, 0)


def test_slot_keys_are_deterministic() -> None:
    first = plan_slots([APRIL, DEADLINE], MEETING_OFFSETS, OSLO, DEFAULT_QUIET)
    again = plan_slots(
        [DEADLINE, APRIL], [Offset.parse(t) for t in ("2h", "07d", "1d", "2h")], OSLO, DEFAULT_QUIET
    )
    assert first == again
    assert len({s.slot_key for s in first}) == len(first) == 6
    assert (
        ReminderSlot("meeting", "m1", Offset(1, "d"), utc(2026, 1, 1)).slot_key == "meeting:m1:1d"
    )


def test_offsets_pushed_to_same_instant_collapse_to_the_shorter() -> None:
    early = Event("meeting", "early", oslo(2026, 1, 15, 8, 15))
    slots = plan_slots([early], [Offset.parse("2h"), Offset.parse("30m")], OSLO, DEFAULT_QUIET)
    assert [(s.slot_key, s.due_utc) for s in slots] == [("meeting:early:30m", oslo(2026, 1, 15, 8))]


def test_event_validation() -> None:
    with pytest.raises(ValueError, match="time-zone-aware"):
        Event("meeting", "m", datetime(2026, 1, 1, 10, 0))
    with pytest.raises(ValueError, match="key"):
        Event("meeting", "a:b", utc(2026, 1, 1))
    assert Event("meeting", "m", oslo(2026, 1, 1, 10)).start_utc.tzinfo is UTC


# --- catch-up and upcoming ------------------------------------------------------------------


def _april_slots() -> list[ReminderSlot]:
    return plan_slots([APRIL, DEADLINE], MEETING_OFFSETS, OSLO, DEFAULT_QUIET)


def test_catch_up_sends_only_latest_missed_offset_per_event() -> None:
    now = oslo(2026, 4, 19, 20, 0)  # after 1d of the meeting, before its 2h
    missed = catch_up(_april_slots(), now, [APRIL, DEADLINE])
    assert [s.slot_key for s in missed] == ["meeting:hallingting-april:1d"]
    assert [s.slot_key for s in upcoming(_april_slots(), now)] == ["meeting:hallingting-april:2h"]


def test_catch_up_one_per_event_still_ahead() -> None:
    now = oslo(2026, 4, 14, 13, 0)  # after both 1d of the deadline and 7d of the meeting
    missed = catch_up(_april_slots(), now, [APRIL, DEADLINE])
    assert [s.slot_key for s in missed] == ["meeting:hallingting-april:7d", "deadline:answers:1d"]


@pytest.mark.parametrize("minutes_after_start", [0, 1, 600])
def test_catch_up_never_after_the_event(minutes_after_start: int) -> None:
    now = APRIL.start_utc + timedelta(minutes=minutes_after_start)
    assert catch_up(_april_slots(), now, [APRIL, DEADLINE]) == []
    assert upcoming(_april_slots(), now) == []


def test_catch_up_skips_cancelled_events_and_handled_latest_slot() -> None:
    now = oslo(2026, 4, 19, 20, 0)
    assert catch_up(_april_slots(), now, [DEADLINE]) == []
    # The 1d reminder was handled: the older 7d one must not follow it.
    handled = {"meeting:hallingting-april:1d"}
    assert catch_up(_april_slots(), now, [APRIL], sent=handled) == []


def test_slot_due_exactly_now_is_caught_up_not_upcoming() -> None:
    slots = _april_slots()
    now = slots[0].due_utc
    assert catch_up(slots, now, [APRIL, DEADLINE]) == [slots[0]]
    assert slots[0] not in upcoming(slots, now)
