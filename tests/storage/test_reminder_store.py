"""Meetings and the reminder record on a real SQLite file: config sync, organiser edits, claims."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage import Storage
from storage.models import ConsultationSpec, MeetingSpec, ThemeSpec

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SPEC = ConsultationSpec(
    "ting",
    "Tinget",
    (ThemeSpec("t", "Tema", (("q1", "Kva?"), ("q2", "Korleis?"))),),
    (("gruppe-1", "Gruppe 1", "code-1"), ("gruppe-2", "Gruppe 2", "code-2")),
)
APRIL = MeetingSpec(
    "april", datetime(2027, 4, 22, 8, 0, tzinfo=UTC), "Gol", {"nn": "Møte", "en": "Meeting"}
)
JUNE = MeetingSpec("juni", datetime(2027, 6, 10, 8, 0, tzinfo=UTC), "Ål", {"nn": "Rådet"})


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database with the consultation synced."""
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    await opened.consultations.sync_consultations([SPEC], NOW)
    yield opened
    await opened.close()


def committed(store: Storage, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows as another connection sees them."""
    with sqlite3.connect(store.db.path) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


async def cid(store: Storage) -> int:
    """The consultation's id."""
    return (await store.consultations.catalog("ting")).consultation_id


async def test_config_meetings_are_inserted_updated_and_cancelled_by_key(store: Storage) -> None:
    consultation = await cid(store)
    await store.meetings.sync_meetings(consultation, [APRIL, JUNE], NOW)
    first = {m.key: m for m in await store.meetings.of_consultation(consultation)}
    assert first["april"].place == "Gol" and first["april"].description_in("en") == "Meeting"
    assert first["juni"].description_in("en") == "Rådet"  # falls back to Nynorsk
    assert first["april"].sequence == first["juni"].sequence == 0

    # The same config again changes nothing, not even the sequence.
    await store.meetings.sync_meetings(consultation, [APRIL, JUNE], NOW)
    assert {m.key: m for m in await store.meetings.of_consultation(consultation)} == first

    moved = MeetingSpec("april", APRIL.start_utc + timedelta(days=1), "Geilo", APRIL.description)
    await store.meetings.sync_meetings(consultation, [moved], NOW + timedelta(hours=1))
    after = {m.key: m for m in await store.meetings.of_consultation(consultation)}
    assert after["april"].start_utc == moved.start_utc and after["april"].place == "Geilo"
    assert after["april"].sequence == 1 and not after["april"].cancelled
    # Removed from the config: kept, but cancelled.
    assert after["juni"].cancelled and after["juni"].sequence == 1

    # Listed again: back, not cancelled.
    await store.meetings.sync_meetings(consultation, [moved, JUNE], NOW)
    assert not {m.key: m for m in await store.meetings.of_consultation(consultation)}[
        "juni"
    ].cancelled


async def test_organiser_edits_win_over_the_config(store: Storage) -> None:
    consultation = await cid(store)
    await store.meetings.sync_meetings(consultation, [APRIL], NOW)
    (april,) = await store.meetings.of_consultation(consultation)
    later = APRIL.start_utc + timedelta(hours=2)
    edited = await store.meetings.edit_meeting(april.id, later, "Hemsedal", {"nn": "Flytta"}, NOW)
    assert edited is not None and edited.organiser_edited and edited.sequence == 1

    await store.meetings.sync_meetings(
        consultation, [APRIL], NOW
    )  # the config still says 08:00 at Gol
    await store.meetings.sync_meetings(consultation, [], NOW)  # ... and then drops it
    (kept,) = await store.meetings.of_consultation(consultation)
    assert (kept.start_utc, kept.place, kept.cancelled) == (later, "Hemsedal", False)

    cancelled = await store.meetings.cancel_meeting(april.id, NOW)
    assert cancelled is not None and cancelled.cancelled and cancelled.sequence == 2
    assert await store.meetings.cancel_meeting(9999, NOW) is None


async def test_meetings_added_in_chat_are_not_cancelled_by_the_config(store: Storage) -> None:
    consultation = await cid(store)
    added = await store.meetings.add_meeting(consultation, JUNE, NOW)
    assert added.organiser_edited and not added.from_config
    await store.meetings.sync_meetings(consultation, [APRIL], NOW)
    assert [(m.key, m.cancelled) for m in await store.meetings.of_consultation(consultation)] == [
        ("april", False),
        ("juni", False),
    ]
    assert await store.meetings.meeting(added.id) == added


async def joined(store: Storage, count: int, first_id: int = 5000) -> list[int]:
    """`count` participants in group 1; returns their ids."""
    catalog = await store.consultations.catalog("ting")
    ids = []
    for n in range(count):
        participant = await store.participants.join(
            catalog.consultation_id, first_id + n, "Kari", catalog.groups[0].id, None, NOW
        )
        ids.append(participant.id)
    return ids


async def test_a_slot_is_claimed_once_per_participant_even_by_concurrent_claims(
    store: Storage,
) -> None:
    consultation = await cid(store)
    a, b, c = await joined(store, 3)
    slot = "meeting:april:1d"
    first, second = await asyncio.gather(
        store.reminders.claim_reminders(consultation, slot, [a, b, c], {}, NOW),
        store.reminders.claim_reminders(consultation, slot, [a, b, c], {}, NOW),
    )
    assert sorted([first, second], key=len) == [set(), {a, b, c}]
    # A participant recorded as skipped cannot be claimed afterwards, nor skipped twice.
    d, e = await joined(store, 2, first_id=6000)
    assert await store.reminders.claim_reminders(
        consultation, slot, [d], {e: "reminders off"}, NOW
    ) == {d}
    assert (
        await store.reminders.claim_reminders(consultation, slot, [e], {d: "inactive"}, NOW)
        == set()
    )
    assert committed(store, "SELECT count(*) FROM reminder_sent") == [(5,)]
    assert await store.reminders.handled_slots(consultation) == {"meeting:april:1d"}


async def test_claims_are_committed_and_finished_as_sent_or_failed(store: Storage) -> None:
    consultation = await cid(store)
    a, b, c = await joined(store, 3)
    claimed = await store.reminders.claim_reminders(consultation, "s", [a, b], {c: "inactive"}, NOW)
    assert claimed == {a, b}
    # Committed before anything is sent: another connection sees the claims.
    assert committed(
        store, "SELECT participant_id, status FROM reminder_sent ORDER BY participant_id"
    ) == [(a, "claimed"), (b, "claimed"), (c, "skipped")]
    await store.reminders.finish_reminder(consultation, "s", a, "sent", NOW)
    await store.reminders.finish_reminder(consultation, "s", b, "failed", NOW, "Forbidden: blocked")
    await store.reminders.finish_reminder(
        consultation, "s", c, "sent", NOW
    )  # skipped stays skipped
    assert committed(
        store, "SELECT participant_id, status, error FROM reminder_sent ORDER BY participant_id"
    ) == [(a, "sent", ""), (b, "failed", "Forbidden: blocked"), (c, "skipped", "inactive")]
    with pytest.raises(ValueError, match="sent or failed"):
        await store.reminders.finish_reminder(consultation, "s", a, "claimed", NOW)


async def test_recipients_answers_and_flags(store: Storage) -> None:
    consultation = await cid(store)
    a, b = await joined(store, 2)
    catalog = await store.consultations.catalog("ting")
    q1 = catalog.active_questions[0].id
    await store.answers.add_answer(a, q1, "Svar", 5000, 1, NOW)
    withdrawn, _ = await store.answers.add_answer(b, q1, "Trekt", 5001, 1, NOW)
    await store.answers.set_answer_status(withdrawn.id, "withdrawn", NOW)
    assert await store.answers.answered_questions(consultation) == {a: {q1}}

    await store.participants.set_reminders(a, False)
    await store.participants.set_active(b, False)
    await store.participants.set_language(5001, "Ola", "en", NOW)
    recipients = await store.reminders.recipients(consultation)
    assert [(r.participant_id, r.reminders, r.active, r.group_key) for r in recipients] == [
        (a, False, True, "gruppe-1"),
        (b, True, False, "gruppe-1"),
    ]
    assert [r.language for r in recipients] == [None, "en"]
