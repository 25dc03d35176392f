"""The record of finished notices and the counts of a slot on a real SQLite file, and the
migration that counts notices sent before it as finished."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.services.catalog import spec
from storage import Storage
from storage.schema import migrations
from tests.support.harness import example_config

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


async def opened(path: Path) -> tuple[Storage, int, list[int]]:
    """A database with the example consultation and three participants."""
    config = example_config(path)
    storage = await Storage.open(path)
    await storage.consultations.sync_consultations([spec(c) for c in config.consultations], NOW)
    catalog = await storage.consultations.catalog("hallingting-2026")
    people = []
    for telegram_id in (7001, 7002, 7003):
        who = await storage.participants.join(
            catalog.consultation_id, telegram_id, "P", catalog.groups[0].id, None, NOW
        )
        people.append(who.id)
    return storage, catalog.consultation_id, people


async def test_finished_notices_and_the_counts_of_a_slot(tmp_path: Path) -> None:
    storage, cid, (a, b, c) = await opened(tmp_path / "db.sqlite3")
    try:
        reminders = storage.reminders
        assert await reminders.claim_reminders(cid, "outcome:1", [a, b], {c: "reminders off"}, NOW)
        await reminders.finish_reminder(cid, "outcome:1", a, "sent", NOW)
        assert await reminders.slot_counts(cid, "outcome:1") == {
            "sent": 1,
            "claimed": 1,
            "skipped": 1,
        }
        assert await reminders.slot_counts(cid, "decision:1") == {}
        assert await storage.outcomes.finished_notices(cid) == set()
        await storage.outcomes.finish_notices(cid, "outcome:1", NOW)
        await storage.outcomes.finish_notices(cid, "outcome:1", NOW)  # once is enough
        assert await storage.outcomes.finished_notices(cid) == {"outcome:1"}
    finally:
        await storage.close()


async def test_the_migration_counts_earlier_notices_as_finished(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    storage, cid, (a, _b, _c) = await opened(path)
    await storage.reminders.claim_reminders(cid, "outcome:1", [a], {}, NOW)
    await storage.reminders.claim_reminders(cid, "decision:2", [a], {}, NOW)
    await storage.reminders.claim_reminders(cid, "meeting:m1:24h", [a], {}, NOW)
    await storage.close()
    # Back to the schema before 0013 and through 0013 again (only it: later migrations stay).
    (script,) = [sql for _version, name, sql in migrations() if "outcome_notices" in name]
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE outcome_notice")
        conn.executescript(script)
    storage = await Storage.open(path)
    try:
        assert await storage.outcomes.finished_notices(cid) == {"outcome:1", "decision:2"}
    finally:
        await storage.close()
