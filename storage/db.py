"""Open the SQLite database, migrate it, and serialise every write through one writer.

aiosqlite does not isolate transactions between coroutines that share a connection, and job
callbacks run as separate tasks; so all writes go through `Database.write`/`Database.apply`
(batched: several writers' operations share one transaction and one commit) or
`Database.transaction` (one exclusive transaction). All of them are queued and run by one drain
task in the order they were asked for, so only one transaction is open at a time. Reads use
their own connection, which in WAL mode only ever sees committed data.

Group commit. The drain task takes what has queued up (up to MAX_BATCH) and runs it as one
batch: BEGIN IMMEDIATE, the operations, one COMMIT (a failing operation is undone alone and gets
its exception, see `storage.writer.run_plain`); only then is each caller's future resolved, so
whatever a caller does after `await` (such as acknowledging an answer) happens after its data
is committed. While a batch commits, the next one queues up.

Two kinds of operation. `apply(op)` takes a plain function on a sqlite3 connection; its batch
runs on the event loop's thread (why, and why that does not block it: `storage.writer`), which
is what makes the hot path (answers) cheap. That connection never checkpoints the WAL; every
CHECKPOINT_EVERY batches a passive checkpoint runs on the reader's thread instead. `write(op)`
takes a coroutine function on the aiosqlite connection: every `await conn.execute(...)` inside
is a hop to aiosqlite's thread and back. Consecutive operations of the same kind share a batch.

Caching. `generation` counts the committed batches and transactions that may have changed cached
rows: every write counts, except an `apply(op, cache_safe=True)` whose operation promises to leave
the `telegram_user` and `participant` tables alone. A repository that caches rows fills its
cache only when the generation did not move during the read, and drops it when the generation
moves; so a write that does not know about a cache can never leave it stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage import durability as durable
from storage.schema import connect, migrate
from storage.writer import (
    Outcome,
    PlainOperation,
    Queued,
    connect_plain,
    is_busy,
    next_batch,
    run_plain,
)

T = TypeVar("T")
Operation = Callable[[aiosqlite.Connection], Awaitable[Any]]
log = logging.getLogger(__name__)
MAX_BATCH = 256
CHECKPOINT_EVERY = 64  # plain batches between WAL checkpoints (SQLite's own: 1000 pages)
BUSY_RETRY = 0.01  # seconds between tries while another process holds the write lock
BUSY_PATIENCE = 5.0  # as long as busy_timeout lets the other connections wait


class Database:
    """The connections (writers, reader), the migrations, and the batched single writer."""

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        plain: sqlite3.Connection,
    ):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._plain = plain
        self._queue: list[Queued] = []
        self._task: asyncio.Task[None] | None = None
        self._plain_batches = 0
        self._checkpoint: asyncio.Task[None] | None = None
        self.schema_version = 0
        self.generation = 0

    @classmethod
    async def open(cls, path: Path | str, durability: str = durable.DEFAULT) -> Database:
        """Open (creating folder and file if missing) and migrate the database at `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await connect(path)
        try:
            await durable.apply(writer, durability)
            version = await migrate(writer)
            reader = await connect(path)
        except BaseException:
            await writer.close()
            raise
        try:
            plain = connect_plain(path)
            durable.apply_plain(plain, durability)
        except BaseException:
            await reader.close()
            await writer.close()
            raise
        db = cls(path, writer, reader, plain)
        db.schema_version = version
        return db

    @property
    def reader(self) -> aiosqlite.Connection:
        """The connection for reads: it sees committed data only."""
        return self._reader

    async def fetchall(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Rows of a read query."""
        return list(await self._reader.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        """The first row of a read query, or None."""
        rows = await self._reader.execute_fetchall(sql, params)
        return next(iter(rows), None)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One exclusive write transaction: committed on exit, rolled back on error."""
        async with self.exclusive():
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                except BaseException:
                    await self._writer.rollback()
                    raise
                await self._writer.commit()
            finally:
                self.generation += 1

    @contextlib.asynccontextmanager
    async def exclusive(self) -> AsyncIterator[None]:
        """Wait for every write queued before, then hold off every write queued after."""
        released = asyncio.Event()
        try:
            await self._queued("exclusive", None, cache_safe=False, released=released)
            yield
        finally:
            released.set()

    async def write(self, operation: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run `operation` in a batched transaction; return once its batch is committed."""
        result: T = await self._queued("async", operation, cache_safe=False)
        return result

    async def apply(
        self, operation: Callable[[sqlite3.Connection], T], *, cache_safe: bool = False
    ) -> T:
        """Like `write`, for a plain function, run on the event loop's thread (storage.writer).

        `cache_safe=True` promises that the operation leaves `telegram_user` and `participant`
        alone, so cached rows of those stay valid (see the module docstring). The operation may
        run twice when another one of its batch fails (`run_plain`): it must only touch the
        database.
        """
        result: T = await self._queued("plain", operation, cache_safe=cache_safe)
        return result

    def _queued(
        self, kind: str, operation: Any, cache_safe: bool, released: asyncio.Event | None = None
    ) -> asyncio.Future[Any]:
        """Put a write in the queue (in order with every other) and start the drain task."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append(Queued(kind, operation, cache_safe, future, released))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain(), name="tingbot-db-writer")
        return future

    async def flush(self) -> None:
        """Wait until every write queued so far is committed (`apply_later`'s too)."""
        await self._queued("plain", lambda _conn: None, True)  # commits after all before it

    def apply_later(
        self, operation: Callable[[sqlite3.Connection], object], *, cache_safe: bool = False
    ) -> asyncio.Future[Any]:
        """Queue a plain write and return at once; it commits with its batch, in order.

        For a record whose loss in a crash only repeats a harmless step (that the "saved" reply
        went out: after a crash the reply is sent again). Awaiting its commit held each answer's
        update for a second commit: bench.ingest at 0 ms RTT went from 0.79x the echo bot
        (awaited) to 0.88x (queued), at 50 ms from 0.94x to 0.98x, in runs minutes apart.
        A failure is logged; `close` still runs what is queued. Returns the write's future, for
        a caller that must know when it has ended (it need not be awaited).
        """
        future = self._queued("plain", operation, cache_safe)
        future.add_done_callback(_log_failure)
        return future

    async def _drain(self) -> None:
        """Run the queued writes in order, in batches of one kind, until the queue is empty."""
        while self._queue:
            batch = next_batch(self._queue, MAX_BATCH)
            first = batch[0]
            if first.kind == "exclusive":
                assert first.released is not None
                if not first.future.done():  # its waiter may have given up
                    first.future.set_result(None)
                    await first.released.wait()
                continue
            outcome: Outcome
            try:
                if first.kind == "plain":
                    outcome = await self._run_plain([queued.operation for queued in batch])
                else:
                    outcome = await self._run_async(batch)
            except Exception as exc:
                outcome = exc
            self._settle(batch, outcome)

    async def _run_plain(self, operations: list[PlainOperation]) -> list[tuple[bool, Any]]:
        """A plain batch on this thread; while another process writes, try again shortly."""
        waited = 0.0
        while True:
            try:
                outcomes = run_plain(self._plain, operations)
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or waited >= BUSY_PATIENCE:
                    raise
                await asyncio.sleep(BUSY_RETRY)
                waited += BUSY_RETRY
                continue
            self._plain_batches += 1
            if self._plain_batches % CHECKPOINT_EVERY == 0:
                self._start_checkpoint()
            return outcomes

    def _start_checkpoint(self) -> None:
        """Checkpoint the WAL on the reader's thread (the plain connection never does)."""
        if self._checkpoint is None or self._checkpoint.done():
            self._checkpoint = asyncio.create_task(self._checkpoint_now())

    async def _checkpoint_now(self) -> None:
        """Copy what the WAL holds into the database file, without blocking any writer."""
        try:
            await self._reader.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            log.warning("WAL checkpoint failed; the next one will try again", exc_info=True)

    def _settle(self, batch: list[Queued], outcome: Outcome) -> None:
        """After a batch: move the generation on if needed, then resolve every caller."""
        if not all(queued.cache_safe for queued in batch):
            self.generation += 1
        for index, queued in enumerate(batch):
            if queued.future.done():
                continue
            if isinstance(outcome, Exception):
                queued.future.set_exception(outcome)
            elif outcome[index][0]:
                queued.future.set_result(outcome[index][1])
            else:
                queued.future.set_exception(outcome[index][1])

    async def _run_async(self, batch: list[Queued]) -> list[tuple[bool, Any]]:
        """Run a batch of coroutine operations on the aiosqlite writer; (ok, value) each."""
        outcomes: list[tuple[bool, Any]] = []
        try:
            await self._writer.execute("BEGIN IMMEDIATE")
            for queued in batch:
                await self._writer.execute("SAVEPOINT op")
                try:
                    value = await queued.operation(self._writer)
                except Exception as exc:
                    await self._writer.execute("ROLLBACK TO op")
                    await self._writer.execute("RELEASE op")
                    outcomes.append((False, exc))
                else:
                    await self._writer.execute("RELEASE op")
                    outcomes.append((True, value))
            await self._writer.commit()
        except Exception:
            with contextlib.suppress(sqlite3.Error):
                await self._writer.rollback()
            raise
        return outcomes

    async def close(self) -> None:
        """Finish queued writes, then close the connections."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        if self._checkpoint is not None:
            await self._checkpoint
        self._plain.close()
        await self._reader.close()
        await self._writer.close()


def _log_failure(future: asyncio.Future[Any]) -> None:
    """Log the error of a write nobody waits for."""
    if not future.cancelled() and future.exception() is not None:
        log.error("a queued write failed", exc_info=future.exception())
