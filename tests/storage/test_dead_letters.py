"""Dead letters hold a person's words and ids: whose they are, erasing them, and their purge."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from storage import Storage
from storage.deadletters import sender_of
from storage.schema import migrations

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
KARI, OLA, PER = 501, 502, 503


def press(update_id: int, sender: int, secret: str) -> dict[str, Any]:
    """An unreadable button press (no chat_instance) from `sender`, its data a secret."""
    person = {"id": sender, "is_bot": False, "first_name": f"Namn{sender}"}
    return {"update_id": update_id, "callback_query": {"id": "q", "from": person, "data": secret}}


def reply_to(update_id: int, sender: int, replied: int) -> dict[str, Any]:
    """A message from `sender` in a group, replying to one of `replied` (an odd field kept)."""
    quoted = {"message_id": 1, "date": 0, "chat": {"id": -5, "type": "group"}, "text": "Hei"}
    message = {
        "message_id": 2,
        "date": 0,
        "chat": {"id": -5, "type": "group"},
        "from": {"id": sender, "is_bot": False, "first_name": "X"},
        "reply_to_message": {**quoted, "from": {"id": replied, "is_bot": False}},
    }
    return {"update_id": update_id, "message": message}


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database."""
    opened = await Storage.open(tmp_path / "db.sqlite3")
    yield opened
    await opened.close()


def test_the_sender_is_who_pressed_wrote_or_voted() -> None:
    assert sender_of(press(1, KARI, "x")) == KARI
    assert sender_of(reply_to(2, OLA, KARI)) == OLA
    assert sender_of({"update_id": 3, "poll_answer": {"poll_id": "p", "user": {"id": PER}}}) == PER
    assert sender_of({"update_id": 4, "poll": {"id": "p", "question": "?"}}) is None
    assert sender_of({"update_id": 5, "callback_query": {"from": {"id": "501"}}}) is None
    assert sender_of([1, 2]) is None


async def test_a_dead_letter_records_its_sender(storage: Storage) -> None:
    await storage.deadletters.keep(7, press(7, KARI, "hemmeleg"), "KeyError('chat_instance')", NOW)
    await storage.deadletters.keep(8, {"update_id": 8, "poll": {}}, "KeyError('id')", NOW)
    letters = await storage.deadletters.all()
    assert [(d.update_id, d.telegram_id) for d in letters] == [(7, KARI), (8, None)]


async def test_slett_erases_the_letters_a_person_sent_or_is_named_in(storage: Storage) -> None:
    await storage.deadletters.keep(1, press(1, KARI, "Karis hemmelegheit"), "e", NOW)
    await storage.deadletters.keep(2, reply_to(2, OLA, KARI), "e", NOW)  # Kari was replied to
    await storage.deadletters.keep(3, press(3, OLA, "Olas"), "e", NOW)
    await storage.deadletters.keep(4, {"update_id": 4, "poll": {"id": str(KARI)}}, "e", NOW)
    seen = await storage.privacy.personal_data(KARI)
    assert [row["update_id"] for row in seen["dead_letter"]] == [1, 2]
    counts = await storage.privacy.erase_user(KARI)
    assert counts["dead_letter"] == 2
    assert [d.update_id for d in await storage.deadletters.all()] == [3, 4]
    assert "dead_letter" not in await storage.privacy.personal_data(KARI)
    olas = (await storage.privacy.personal_data(OLA))["dead_letter"]
    assert [row["update_id"] for row in olas] == [3]


async def test_a_malformed_letter_does_not_stop_an_erasure(storage: Storage) -> None:
    await storage.deadletters.keep(1, press(1, KARI, "x"), "e", NOW)
    await storage.db.apply(
        lambda conn: conn.execute("UPDATE dead_letter SET raw = '{not json', telegram_id = NULL")
    )
    await storage.deadletters.keep(2, press(2, KARI, "y"), "e", NOW)
    assert (await storage.privacy.erase_user(KARI))["dead_letter"] == 1
    assert [d.update_id for d in await storage.deadletters.all()] == [1]


async def test_the_purge_deletes_only_letters_older_than_the_cutoff(storage: Storage) -> None:
    for day in range(5):
        moment = NOW + timedelta(days=day)
        await storage.deadletters.keep(day, press(day, KARI, f"dag {day}"), "e", moment)
    assert await storage.deadletters.purge_before(NOW + timedelta(days=2)) == 2
    assert [d.update_id for d in await storage.deadletters.all()] == [2, 3, 4]
    assert await storage.deadletters.purge_before(NOW + timedelta(days=2)) == 0


async def test_the_migration_names_the_senders_of_letters_kept_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    this = next(v for v, name, _ in migrations() if "dead_letters" in name)
    for version, _name, sql in migrations():
        if version < this:
            conn.executescript(f"{sql}\nPRAGMA user_version = {version};")
    letters = [press(1, KARI, "x"), {"update_id": 2, "poll_answer": {"user": {"id": PER}}}, {}]
    for number, raw in enumerate(letters, start=1):
        conn.execute(
            "INSERT INTO dead_letter (update_id, received_at, error, raw) VALUES (?, ?, 'e', ?)",
            (number, NOW.isoformat(), json.dumps(raw)),
        )
    conn.commit()
    conn.close()
    opened = await Storage.open(path)
    try:
        found = [(d.update_id, d.telegram_id) for d in await opened.deadletters.all()]
    finally:
        await opened.close()
    assert found == [(1, KARI), (2, PER), (3, None)]
