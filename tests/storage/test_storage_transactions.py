"""Storage writes: committed reads, transactions, batches that fail alone or together,
concurrent writers, closing and backing up while writing (a real SQLite file)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

import storage.db
from storage import Storage
from storage.maintenance import backup
from tests.storage.test_storage import LATEST, NOW, committed, joined
from tests.support.batches import queued_together, spy_batches


async def test_reads_see_only_committed_data(store: Storage) -> None:
    await joined(store)
    async with store.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (1, 'X', 'x')"
        )
        assert await store.participants.user(1) is None
    assert await store.participants.user(1) is not None


async def test_transaction_rolls_back_on_error(store: Storage) -> None:
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO telegram_user (telegram_id, first_name, created_at) "
                "VALUES (1, 'X', 'x')"
            )
            raise RuntimeError("boom")
    assert committed(store.db.path, "SELECT count(*) FROM telegram_user") == [(0,)]


async def test_a_failing_operation_does_not_affect_its_batch(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = spy_batches(store, monkeypatch)

    def insert(telegram_id: int) -> Any:
        async def op(conn: aiosqlite.Connection) -> int:
            await conn.execute(
                "INSERT INTO telegram_user (telegram_id, first_name, created_at) "
                "VALUES (?, 'X', 'x')",
                (telegram_id,),
            )
            return telegram_id

        return op

    async def half_then_fail(conn: aiosqlite.Connection) -> None:
        await conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (50, 'X', 'x')"
        )
        raise ValueError("this operation fails after writing")

    results = await queued_together(
        store,
        store.db.write(insert(1)),
        store.db.write(half_then_fail),
        store.db.write(insert(1)),  # a constraint violation
        store.db.write(insert(2)),
    )
    assert sizes == [4]
    assert results[0] == 1 and results[3] == 2
    assert isinstance(results[1], ValueError)
    assert isinstance(results[2], sqlite3.IntegrityError)
    assert committed(store.db.path, "SELECT telegram_id FROM telegram_user ORDER BY 1") == [
        (1,),
        (2,),
    ]


async def test_a_failing_commit_fails_every_operation_of_the_batch(store: Storage) -> None:
    # A deferred foreign key is checked only at COMMIT: the whole batch must fail, and say so.
    async with store.db.transaction() as conn:
        await conn.execute(
            "CREATE TABLE audit (user_id INTEGER REFERENCES nobody(id) DEFERRABLE INITIALLY DEFERRED)"
        )
        await conn.execute("CREATE TABLE nobody (id INTEGER PRIMARY KEY)")

    async def ok(conn: aiosqlite.Connection) -> None:
        await conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (1, 'X', 'x')"
        )

    async def dangling(conn: aiosqlite.Connection) -> None:
        await conn.execute("INSERT INTO audit VALUES (7)")

    results = await asyncio.gather(
        store.db.write(ok), store.db.write(dangling), return_exceptions=True
    )
    assert all(isinstance(r, sqlite3.IntegrityError) for r in results), results
    assert committed(store.db.path, "SELECT count(*) FROM telegram_user") == [(0,)]
    # The writer is usable again afterwards.
    await store.db.write(ok)
    assert committed(store.db.path, "SELECT count(*) FROM telegram_user") == [(1,)]


async def test_concurrent_writes_from_many_tasks_all_commit(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    participant, first = await joined(store)
    sizes = spy_batches(store, monkeypatch)

    async def participant_task(n: int) -> None:
        for k in range(5):
            await store.answers.add_answer(
                participant, first, f"svar {n}.{k}", 5001, n * 100 + k, NOW
            )
            await asyncio.sleep(0)

    await asyncio.gather(*(participant_task(n) for n in range(100)))
    assert committed(store.db.path, "SELECT count(*) FROM answer") == [(500,)]
    assert sum(sizes) == 500
    assert len(sizes) < 500  # several writers shared a commit
    assert max(sizes) <= storage.db.MAX_BATCH


async def test_close_waits_for_queued_writes(tmp_path: Path) -> None:
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    participant, first = await joined(opened)
    pending = [
        asyncio.create_task(opened.answers.add_answer(participant, first, "p", 5001, i, NOW))
        for i in range(20)
    ]
    await asyncio.sleep(0)
    await opened.close()
    assert all(t.done() and t.exception() is None for t in pending)
    assert committed(tmp_path / "ting.sqlite3", "SELECT count(*) FROM answer") == [(20,)]


async def test_backup_while_writes_are_happening(store: Storage, tmp_path: Path) -> None:
    participant, first = await joined(store)

    async def keep_writing() -> None:
        for i in range(200):
            await store.answers.add_answer(participant, first, f"p{i}", 5001, i, NOW)

    writer = asyncio.create_task(keep_writing())
    await asyncio.sleep(0)
    destination = tmp_path / "backup" / "copy.sqlite3"
    await backup(store.db, destination)
    copied = committed(destination, "SELECT count(*) FROM answer")[0][0]
    await writer
    assert 0 <= copied <= 200
    assert committed(destination, "PRAGMA integrity_check") == [("ok",)]
    assert committed(destination, "PRAGMA user_version") == [(LATEST,)]
    assert committed(destination, "SELECT text FROM answer ORDER BY id") == [
        (f"p{i}",) for i in range(copied)
    ]
    assert committed(destination, "SELECT count(*) FROM participant") == [(1,)]
