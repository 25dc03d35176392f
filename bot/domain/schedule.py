"""Reminder scheduling: when each reminder before a meeting or deadline is due.

Pure logic on aware datetimes; the caller supplies the consultation's time zone and quiet hours.

Rules
-----
* Day offsets ("7d", "1d") are calendar days on the local wall clock: one day before a meeting
  at 10:00 local is 10:00 local the day before, even across a DST change (the elapsed time is
  then 23 or 25 hours).
* Hour and minute offsets ("2h", "30m") are elapsed time: two hours before is always exactly
  7,200 seconds before, whatever the wall clock did in between.
* A local wall-clock time that does not exist (spring-forward gap) is moved forward by the
  length of the gap (02:30 on the night to summer time becomes 03:30); an ambiguous one
  (autumn fold) means its first occurrence (the summer-time reading).
* A reminder due inside quiet hours moves to the end of the quiet period. If that end is at or
  after the event start, the reminder keeps its original time: the event itself falls inside
  or right after the quiet period, so a late-night reminder beats none at all.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Literal, cast

EventKind = Literal["meeting", "deadline"]
OffsetUnit = Literal["d", "h", "m"]

_EVENT_KINDS: frozenset[str] = frozenset({"meeting", "deadline"})
_OFFSET_RE = re.compile(r"(\d+)([dhm])")
_UNIT_SECONDS: dict[str, int] = {"d": 86_400, "h": 3_600, "m": 60}
_KEY_RE = re.compile(r"[^\s:]+")


@dataclass(frozen=True)
class Offset:
    """How long before an event a reminder goes out: whole days, hours or minutes."""

    amount: int
    unit: OffsetUnit

    def __post_init__(self) -> None:
        if self.unit not in _UNIT_SECONDS:
            raise ValueError(f"offset unit must be one of d, h, m, not {self.unit!r}")
        if self.amount <= 0:
            raise ValueError(f"offset must be a positive amount, not {self.amount}")

    @classmethod
    def parse(cls, text: str) -> Offset:
        """Parse "7d", "1d", "2h" or "30m"; raise ValueError naming the bad text otherwise."""
        match = _OFFSET_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(
                f"invalid reminder offset {text!r}: expected a positive whole number followed "
                'by d (days), h (hours) or m (minutes), e.g. "7d", "2h", "30m"'
            )
        return cls(int(match.group(1)), cast(OffsetUnit, match.group(2)))

    @property
    def nominal(self) -> timedelta:
        """Length counting a day as 24 hours; used only to order offsets."""
        return timedelta(seconds=self.amount * _UNIT_SECONDS[self.unit])

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True)
class Event:
    """A meeting or an answering deadline that reminders lead up to."""

    kind: EventKind
    key: str
    start_utc: datetime

    def __post_init__(self) -> None:
        if self.kind not in _EVENT_KINDS:
            raise ValueError(f"event kind must be 'meeting' or 'deadline', not {self.kind!r}")
        if not _KEY_RE.fullmatch(self.key):
            raise ValueError(f"event key must be non-empty without spaces or ':', not {self.key!r}")
        object.__setattr__(self, "start_utc", _as_utc(self.start_utc, "event start"))


@dataclass(frozen=True)
class QuietHours:
    """Local times during which no reminder is sent; may wrap midnight; start == end: none."""

    start: time = time(22, 0)
    end: time = time(8, 0)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("quiet hours are local wall-clock times without a time zone")

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Parse "22:00-08:00"; "" or "none" means no quiet hours."""
        if text.strip().lower() in ("", "none"):
            return cls(time(0, 0), time(0, 0))
        try:
            start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
        except ValueError as exc:
            raise ValueError(f'invalid quiet hours {text!r}: expected "HH:MM-HH:MM"') from exc
        return cls(start, end)

    def contains(self, local: time) -> bool:
        """Whether a local wall-clock time falls inside the quiet period."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


@dataclass(frozen=True)
class ReminderSlot:
    """One planned reminder: an event, an offset, and the instant it is due."""

    event_kind: EventKind
    event_key: str
    offset: Offset
    due_utc: datetime

    @property
    def slot_key(self) -> str:
        """Deterministic name, e.g. "meeting:hallingting-april:1d" (job name and DB key)."""
        return f"{self.event_kind}:{self.event_key}:{self.offset}"


def resolve_local(naive: datetime, tz: tzinfo) -> datetime:
    """Local wall-clock reading to a UTC instant: gaps move forward, folds take the first."""
    # fold=0 gives the pre-transition offset: for a gap that lands after it by the gap's
    # length, for a fold it picks the first (summer-time) occurrence.
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def due_time(
    event_start_utc: datetime, offset: Offset, tz: tzinfo, quiet: QuietHours
) -> datetime | None:
    """UTC instant a reminder is due (see module rules); None if it would not precede the event."""
    start = _as_utc(event_start_utc, "event start")
    if offset.unit == "d":
        local_start = start.astimezone(tz).replace(tzinfo=None)
        due = resolve_local(local_start - timedelta(days=offset.amount), tz)
    else:
        due = start - offset.nominal
    if due >= start:
        return None
    shifted = _after_quiet(due, tz, quiet)
    return shifted if shifted < start else due


def plan_slots(
    events: Iterable[Event],
    offsets: Sequence[Offset] | Mapping[EventKind, Sequence[Offset]],
    tz: tzinfo,
    quiet: QuietHours,
) -> list[ReminderSlot]:
    """All reminder slots for the events, sorted by due time, then slot key.

    offsets is one list for every event or a list per event kind. When quiet hours push two
    offsets of the same event to the same instant, only the shorter offset is kept, so nobody
    gets two reminders for one event at once.
    """
    slots: list[ReminderSlot] = []
    for event in events:
        kind_offsets = offsets.get(event.kind, ()) if isinstance(offsets, Mapping) else offsets
        by_due: dict[datetime, ReminderSlot] = {}
        for offset in sorted(set(kind_offsets), key=lambda o: (o.nominal, str(o))):
            due = due_time(event.start_utc, offset, tz, quiet)
            if due is not None and due not in by_due:
                by_due[due] = ReminderSlot(event.kind, event.key, offset, due)
        slots.extend(by_due.values())
    return sorted(slots, key=lambda s: (s.due_utc, s.slot_key))


def catch_up(
    slots: Iterable[ReminderSlot],
    now_utc: datetime,
    events: Iterable[Event],
    sent: Collection[str] = frozenset(),
) -> list[ReminderSlot]:
    """Missed slots to send now: per event still ahead, only its latest past-due slot.

    Pass every planned slot and, in sent, the keys of slots already handled: if the latest
    past-due slot of an event was handled, nothing is caught up for it, so an older offset is
    never sent after a newer one. Slots of events not listed, or already started, are dropped.
    """
    now = _as_utc(now_utc, "now")
    starts = {(e.kind, e.key): e.start_utc for e in events}
    latest: dict[tuple[str, str], ReminderSlot] = {}
    for slot in slots:
        event_id = (slot.event_kind, slot.event_key)
        start = starts.get(event_id)
        if start is None or start <= now or slot.due_utc > now:
            continue
        best = latest.get(event_id)
        # On a tie in due time the shorter offset wins, as in plan_slots.
        if best is None or (slot.due_utc, -slot.offset.nominal) > (
            best.due_utc,
            -best.offset.nominal,
        ):
            latest[event_id] = slot
    missed = [s for s in latest.values() if s.slot_key not in sent]
    return sorted(missed, key=lambda s: (s.due_utc, s.slot_key))


def upcoming(slots: Iterable[ReminderSlot], now_utc: datetime) -> list[ReminderSlot]:
    """Slots still in the future, to register as jobs, sorted by due time."""
    now = _as_utc(now_utc, "now")
    return sorted((s for s in slots if s.due_utc > now), key=lambda s: (s.due_utc, s.slot_key))


def _after_quiet(due: datetime, tz: tzinfo, quiet: QuietHours) -> datetime:
    """The instant quiet hours end if due falls inside them, else due itself."""
    local = due.astimezone(tz)
    if not quiet.contains(local.time()):
        return due
    end_day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        end_day += timedelta(days=1)
    return resolve_local(datetime.combine(end_day, quiet.end), tz)


def _as_utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a time-zone-aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)
