"""The single writer runs every write in the order asked for, one transaction at a time."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

import storage.db
from storage import Storage
from tests.storage.test_storage import committed


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database under tmp_path."""
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    yield opened
    await opened.close()


def names(path: Path) -> set[str]:
    """The users' first names, as another connection sees them."""
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT first_name FROM telegram_user")}


def plain(name: str, log: list[str]) -> Any:
    """A plain operation adding a user called `name` (noting when it ran)."""

    def op(conn: sqlite3.Connection) -> None:
        log.append(name)
        conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (?, ?, 'x')",
            (abs(hash(name)) % 10**9, name),
        )

    return op


async def test_a_transaction_waits_for_earlier_writes_and_holds_later_ones(
    store: Storage,
) -> None:
    log: list[str] = []
    before = asyncio.ensure_future(store.db.apply(plain("before", log)))
    await asyncio.sleep(0)
    async with store.db.transaction() as conn:
        assert before.done()  # queued first, so committed first
        later = asyncio.ensure_future(store.db.apply(plain("later", log)))
        await asyncio.sleep(0.05)
        assert not later.done() and log == ["before"]  # held while the transaction is open
        await conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) "
            "VALUES (7, 'inside', 'x')"
        )
        log.append("inside")
    await later
    assert log == ["before", "inside", "later"]
    assert names(store.db.path) == {"before", "inside", "later"}


async def test_a_transaction_given_up_while_waiting_does_not_stall_the_writer(
    store: Storage,
) -> None:
    log: list[str] = []
    entered = asyncio.Event()

    async def hold() -> None:
        async with store.db.transaction():
            entered.set()
            await asyncio.sleep(0.05)

    async def never_entered() -> None:
        async with store.db.transaction():
            raise AssertionError("this transaction was cancelled before its turn")

    holding = asyncio.ensure_future(hold())
    await entered.wait()
    waiting = asyncio.ensure_future(never_entered())
    await asyncio.sleep(0)
    waiting.cancel()
    await holding
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await asyncio.wait_for(store.db.apply(plain("after", log)), timeout=5)
    assert names(store.db.path) == {"after"}


async def test_closing_runs_what_was_queued_of_every_kind(tmp_path: Path) -> None:
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    log: list[str] = []

    async def coroutine_op(conn: aiosqlite.Connection) -> None:
        log.append("coroutine")
        await conn.execute(
            "INSERT INTO telegram_user (telegram_id, first_name, created_at) "
            "VALUES (8, 'coroutine', 'x')"
        )

    pending = [
        asyncio.ensure_future(opened.db.apply(plain("one", log))),
        asyncio.ensure_future(opened.db.write(coroutine_op)),
        asyncio.ensure_future(opened.db.apply(plain("two", log))),
    ]
    await asyncio.sleep(0)
    await opened.close()
    assert all(task.done() and task.exception() is None for task in pending)
    assert log == ["one", "coroutine", "two"]
    assert names(tmp_path / "ting.sqlite3") == {"one", "coroutine", "two"}


async def test_a_write_lock_held_elsewhere_is_waited_for_without_blocking_the_loop(
    store: Storage,
) -> None:
    log: list[str] = []
    other = sqlite3.connect(store.db.path, isolation_level=None)  # as another process would
    other.execute("BEGIN IMMEDIATE")
    writing = asyncio.ensure_future(store.db.apply(plain("waited", log)))
    await asyncio.sleep(0.1)  # the event loop keeps running meanwhile
    assert not writing.done() and log == []
    other.execute("COMMIT")
    other.close()
    await asyncio.wait_for(writing, timeout=5)
    assert names(store.db.path) == {"waited"}


async def test_the_wal_is_checkpointed_in_the_background(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.db, "CHECKPOINT_EVERY", 3)
    before = store.db.path.stat().st_size
    log: list[str] = []
    for n in range(3):  # three batches of ~200 kB each
        await store.db.apply(plain(f"{n}" + "x" * 200_000, log))
    assert store.db.path.stat().st_size == before  # the plain connection never checkpoints
    assert store.db._checkpoint is not None
    await store.db._checkpoint
    assert store.db.path.stat().st_size > before + 500_000  # the pages reached the file


async def test_a_write_queued_without_waiting_commits_in_order_and_logs_a_failure(
    store: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    def insert(telegram_id: int) -> Callable[[sqlite3.Connection], None]:
        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (?, 'X', 'x')",
                (telegram_id,),
            )

        return op

    store.db.apply_later(insert(7))
    store.db.apply_later(insert(7))  # a constraint violation: nobody waits, so it is logged
    assert committed(store.db.path, "SELECT telegram_id FROM telegram_user") == []
    with caplog.at_level(logging.ERROR, logger="storage.db"):
        await store.db.flush()
    assert committed(store.db.path, "SELECT telegram_id FROM telegram_user") == [(7,)]
    assert [r.getMessage() for r in caplog.records] == ["a queued write failed"]
