"""The pieces of the single writer: queued writes, and running a batch of plain operations.

Plain operations run on the event loop's own thread, on a sqlite3 connection that never waits
for a lock (another process holding the write lock makes BEGIN fail at once, and the caller
tries again later without blocking the loop) and never checkpoints (the WAL is checkpointed in
the background, see `storage.db`). A batch is microseconds of SQLite work per operation and one
commit that, in WAL mode with synchronous=NORMAL, writes to the WAL without waiting for the disk.
Running it on the loop costs less than handing it to a thread: such a thread needs the GIL back
after every statement while the loop holds it, so the loop ends up waiting for its answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PlainOperation = Callable[[sqlite3.Connection], Any]
Outcome = list[tuple[bool, Any]] | Exception
PLAIN_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=0",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA wal_autocheckpoint=0",
    "PRAGMA secure_delete=ON",  # as storage.db: erased rows leave no text behind
)


@dataclass
class Queued:
    """A write waiting for its turn: a plain or coroutine operation, or an exclusive section."""

    kind: str  # "plain", "async" or "exclusive"
    operation: Any
    cache_safe: bool
    future: asyncio.Future[Any]
    released: asyncio.Event | None = field(default=None)  # exclusive: set when it has ended


def connect_plain(path: Path) -> sqlite3.Connection:
    """The connection for plain operations, used on the event loop's thread."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        for pragma in PLAIN_PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def next_batch(queue: list[Queued], max_batch: int) -> list[Queued]:
    """Take the leading run of writes of one kind from `queue` (an exclusive section alone)."""
    kind = queue[0].kind
    size = 1
    while kind != "exclusive" and size < min(max_batch, len(queue)) and queue[size].kind == kind:
        size += 1
    batch = queue[:size]
    del queue[:size]
    return batch


def is_busy(error: Exception) -> bool:
    """Whether `error` says another connection holds the write lock."""
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY


def run_plain(conn: sqlite3.Connection, operations: list[PlainOperation]) -> list[tuple[bool, Any]]:
    """Run a batch of plain operations in one transaction.

    First all together, without savepoints (the usual case: nothing fails); if one fails, the
    transaction is rolled back and the batch runs again with each operation in a savepoint, so
    that only the failing one fails. So a plain operation may run twice: it must only touch the
    database. Raises when the transaction cannot begin (`is_busy`) or commit.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        try:
            values = [operation(conn) for operation in operations]
        except Exception:
            conn.execute("ROLLBACK")
            return _run_isolated(conn, operations)
        conn.execute("COMMIT")
    except Exception:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return [(True, value) for value in values]


def _run_isolated(
    conn: sqlite3.Connection, operations: list[PlainOperation]
) -> list[tuple[bool, Any]]:
    """Run a batch with each operation in its own savepoint: a failing one is undone alone."""
    outcomes: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    for operation in operations:
        conn.execute("SAVEPOINT op")
        try:
            value = operation(conn)
        except Exception as exc:
            conn.execute("ROLLBACK TO op")
            conn.execute("RELEASE op")
            outcomes.append((False, exc))
        else:
            conn.execute("RELEASE op")
            outcomes.append((True, value))
    conn.execute("COMMIT")
    return outcomes
