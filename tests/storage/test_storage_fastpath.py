"""The writer's plain-operation batches, the cached user and participant rows, take_answer."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from storage import Storage
from storage.models import ConsultationSpec, ThemeSpec
from tests.support.batches import queued_together, spy_batches

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SPEC = ConsultationSpec(
    "ting",
    "Tinget",
    (ThemeSpec("naering", "Næring", (("organisering", "Korleis?"), ("tiltak", "Kva?"))),),
    (("gruppe-1", "Gruppe 1", "code-1"), ("gruppe-2", "Gruppe 2", "code-2")),
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database under tmp_path."""
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    yield opened
    await opened.close()


def committed(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows as another connection sees them."""
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


async def joined(store: Storage, telegram_id: int = 5001) -> tuple[int, int, int]:
    """Sync SPEC and join; returns (participant id, first question id, second question id)."""
    catalog = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    first, second = (q.id for q in catalog.active_questions)
    participant = await store.participants.join(
        catalog.consultation_id, telegram_id, "Kari", catalog.groups[0].id, first, NOW
    )
    return participant.id, first, second


def insert_user(telegram_id: int) -> Any:
    """A plain operation adding a user."""

    def op(conn: sqlite3.Connection) -> int:
        conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (?, 'X', 'x')",
            (telegram_id,),
        )
        return telegram_id

    return op


async def test_plain_connection_has_the_pragmas(store: Storage) -> None:
    def pragmas(conn: sqlite3.Connection) -> list[Any]:
        names = (
            "journal_mode",
            "foreign_keys",
            "busy_timeout",
            "synchronous",
            "wal_autocheckpoint",
        )
        return [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in names]

    # It never waits for a lock nor checkpoints: it runs on the event loop's thread.
    assert await store.db.apply(pragmas) == ["wal", 1, 0, 1, 0]


async def test_plain_operations_share_a_batch_and_fail_alone(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = spy_batches(store, monkeypatch)

    def half_then_fail(conn: sqlite3.Connection) -> None:
        insert_user(50)(conn)
        raise ValueError("this operation fails after writing")

    results = await queued_together(
        store,
        store.db.apply(insert_user(1)),
        store.db.apply(half_then_fail),
        store.db.apply(insert_user(1)),  # a constraint violation
        store.db.apply(insert_user(2)),
    )
    assert sizes == [4]
    assert results[0] == 1 and results[3] == 2
    assert isinstance(results[1], ValueError)
    assert isinstance(results[2], sqlite3.IntegrityError)
    assert committed(store.db.path, "SELECT telegram_id FROM telegram_user ORDER BY 1") == [
        (1,),
        (2,),
    ]


async def test_plain_and_coroutine_operations_keep_their_order(store: Storage) -> None:
    async def coroutine_op(conn: aiosqlite.Connection) -> None:
        await conn.execute("UPDATE telegram_user SET first_name = 'Async' WHERE telegram_id = 1")

    def plain_rename(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE telegram_user SET first_name = 'Plain' WHERE telegram_id = 1")

    await asyncio.gather(
        store.db.apply(insert_user(1)), store.db.write(coroutine_op), store.db.apply(plain_rename)
    )
    assert committed(store.db.path, "SELECT first_name FROM telegram_user") == [("Plain",)]


async def test_a_failing_plain_commit_fails_the_whole_batch(store: Storage) -> None:
    async with store.db.transaction() as conn:
        await conn.execute(
            "CREATE TABLE audit (user_id INTEGER REFERENCES nobody(id) DEFERRABLE INITIALLY DEFERRED)"
        )
        await conn.execute("CREATE TABLE nobody (id INTEGER PRIMARY KEY)")

    def dangling(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO audit VALUES (7)")

    results = await asyncio.gather(
        store.db.apply(insert_user(1)), store.db.apply(dangling), return_exceptions=True
    )
    assert all(isinstance(r, sqlite3.IntegrityError) for r in results), results
    assert committed(store.db.path, "SELECT count(*) FROM telegram_user") == [(0,)]
    assert await store.db.apply(insert_user(1)) == 1


async def test_cached_rows_follow_every_kind_of_write(store: Storage) -> None:
    participant, first, second = await joined(store)
    assert (await store.participants.participations(5001))[0].question_id == first
    await store.participants.set_cursor(participant, second)
    assert (await store.participants.participations(5001))[0].question_id == second

    async def deactivate(conn: aiosqlite.Connection) -> None:
        await conn.execute("UPDATE participant SET active = 0 WHERE id = ?", (participant,))

    await store.db.write(deactivate)  # a write that knows nothing of the cache
    assert not (await store.participants.participations(5001))[0].active
    assert await store.participants.user(7) is None
    await store.db.apply(insert_user(7))
    assert await store.participants.user(7) is not None
    async with store.db.transaction() as conn:
        await conn.execute("UPDATE telegram_user SET language = 'en' WHERE telegram_id = 7")
    user = await store.participants.user(7)
    assert user is not None and user.language == "en"


async def test_a_read_overtaken_by_a_write_is_not_cached(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    participant, first, second = await joined(store)
    fetched, release = asyncio.Event(), asyncio.Event()
    fetchall = store.db.fetchall

    async def slow_fetchall(sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        rows = await fetchall(sql, params)
        fetched.set()
        await release.wait()  # the write below commits before this read returns
        return rows

    monkeypatch.setattr(store.db, "fetchall", slow_fetchall)
    reading = asyncio.create_task(store.participants.participations(5001))
    await fetched.wait()
    await store.participants.set_cursor(participant, second)
    release.set()
    assert (await reading)[0].question_id == first  # what it read before the write
    monkeypatch.setattr(store.db, "fetchall", fetchall)
    assert (await store.participants.participations(5001))[0].question_id == second


async def test_answers_do_not_empty_the_cache(store: Storage) -> None:
    participant, first, _ = await joined(store)
    await store.participants.participations(5001)
    generation = store.db.generation
    await store.answers.take_answer(participant, first, "Eit fond", 5001, 1, NOW)
    await store.answers.add_answer(participant, first, "Trainee", 5001, 2, NOW)
    assert store.db.generation == generation


async def test_take_answer_counts_and_is_idempotent(store: Storage) -> None:
    participant, first, second = await joined(store)
    one = await store.answers.take_answer(participant, first, "Eit fond", 5001, 1, NOW)
    two = await store.answers.take_answer(participant, first, "Trainee", 5001, 2, NOW)
    other = await store.answers.take_answer(participant, second, "Breiband", 5001, 3, NOW)
    again = await store.answers.take_answer(participant, first, "Trainee", 5001, 2, NOW)
    assert (one.created, one.count, two.count, other.count) == (True, 1, 2, 1)
    assert one.answer == await store.answers.answer(one.answer.id)  # as stored, to the field
    assert (again.created, again.revision, again.count, again.answer) == (
        False,
        False,
        2,
        two.answer,
    )
    await store.answers.set_answer_status(one.answer.id, "withdrawn", NOW)
    assert (await store.answers.take_answer(participant, first, "Bustad", 5001, 4, NOW)).count == 2
    assert committed(store.db.path, "SELECT count(*) FROM answer") == [(4,)]


async def test_take_answer_of_a_message_that_revised_an_answer(store: Storage) -> None:
    participant, first, _ = await joined(store)
    taken = await store.answers.take_answer(participant, first, "Eit fond", 5001, 1, NOW)
    await store.answers.revise_answer(taken.answer.id, "Eit regionalt fond", 2, NOW)
    redelivered = await store.answers.take_answer(
        participant, first, "Eit regionalt fond", 5001, 2, NOW
    )
    assert redelivered.revision and not redelivered.created
    assert redelivered.answer.id == taken.answer.id
    assert committed(store.db.path, "SELECT count(*) FROM answer") == [(1,)]


async def taken(store: Storage, count: int) -> list[int]:
    """Join, then take `count` answers to the first question; their ids."""
    participant, first, _ = await joined(store)
    return [
        (await store.answers.take_answer(participant, first, f"Svar {n}", 5001, n, NOW)).answer.id
        for n in range(1, count + 1)
    ]


def acknowledged(store: Storage) -> list[tuple[int, bool]]:
    """(answer id, acknowledged) of every answer, as another connection sees them."""
    rows = committed(store.db.path, "SELECT id, acknowledged_at IS NOT NULL FROM answer")
    return [(int(i), bool(a)) for i, a in rows]


async def test_acknowledgements_join_one_write_and_survive_a_failing_neighbour(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await taken(store, 5)
    sizes = spy_batches(store, monkeypatch)

    def fails(conn: sqlite3.Connection) -> None:
        raise ValueError("a neighbour in the batch fails: the batch runs again, op by op")

    async with store.db.transaction():  # the writer is held: everything below queues
        for answer_id in ids[:3]:
            store.answers.mark_acknowledged(answer_id, NOW)
        failing = asyncio.ensure_future(store.db.apply(fails))
        await asyncio.sleep(0)
    with pytest.raises(ValueError):
        await failing
    assert sizes == [2]  # three acknowledgements in one write, beside the failing operation
    store.answers.mark_acknowledged(ids[3], NOW)  # after that write ran: a new one
    store.answers.mark_acknowledged(ids[0], NOW)  # again: harmless
    await store.db.flush()
    assert acknowledged(store) == [(i, i != ids[4]) for i in ids]


async def test_acknowledgements_after_a_failed_batch_are_still_recorded(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await taken(store, 2)
    monkeypatch.setattr("storage.db.BUSY_PATIENCE", 0.05)
    other = sqlite3.connect(store.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock: the batch fails
    store.answers.mark_acknowledged(ids[0], NOW)
    with pytest.raises(sqlite3.OperationalError):
        await store.db.apply(insert_user(1))  # queued after it, in the same failing batch
    other.execute("ROLLBACK")
    other.close()
    assert acknowledged(store) == [(ids[0], False), (ids[1], False)]  # lost with its batch
    store.answers.mark_acknowledged(ids[1], NOW)  # a new write, not the one that failed
    await store.db.flush()
    assert acknowledged(store) == [(ids[0], False), (ids[1], True)]
