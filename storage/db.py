"""Open the SQLite database, migrate it, and serialise every write through one writer.

aiosqlite does not isolate transactions between coroutines that share a connection, and job
callbacks run as separate tasks; so all writes go through `Database.write`/`Database.apply`
(batched: several writers' operations share one transaction and one commit, each inside its own
savepoint) or `Database.transaction` (one exclusive transaction). All of them are queued for the
writer's thread (storage/sequencer.py), which runs them in the order they were asked for, so
only one transaction is open at a time. Reads use their own connection, which in WAL mode only
ever sees committed data.

Group commit. The writer's thread takes what has queued up (up to MAX_BATCH) and runs it as one
batch: BEGIN IMMEDIATE, then each operation in a savepoint (a failing operation is rolled back
alone and gets its exception), then one COMMIT; only then is each caller's future resolved, so
whatever a caller does after `await` (such as acknowledging an answer) happens after its data
is committed. While a batch commits, the next one queues up.

Two kinds of operation. `apply(op)` takes a plain function on a sqlite3 connection that lives on
the writer's thread: the whole batch (begin, every savepoint and statement, commit) runs there,
with no event-loop round trip in between, which is what makes the hot path (answers) cheap;
the thread then starts the next batch at once, while the event loop resumes the callers of the
last. `write(op)` takes a coroutine function on the aiosqlite connection: the thread hands such a
batch to the event loop and waits for it. Consecutive operations of the same kind share a batch.

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
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage.sequencer import Queued, Sequencer

T = TypeVar("T")
Operation = Callable[[aiosqlite.Connection], Awaitable[Any]]
PlainOperation = Callable[[sqlite3.Connection], Any]
log = logging.getLogger(__name__)
MAX_BATCH = 256
# The package's own folder: importlib.resources would import its readers at start-up.
MIGRATIONS = Path(__file__).resolve().with_name("migrations")
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
)


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer tingbot than this one."""


def migrations() -> list[tuple[int, str, str]]:
    """The bundled migrations as (version, name, sql), in order."""
    found = []
    for entry in MIGRATIONS.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


async def _connect(path: Path) -> aiosqlite.Connection:
    """A connection with the pragmas every connection needs."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        await conn.execute(pragma)
    return conn


def _connect_plain(path: Path) -> sqlite3.Connection:
    """A plain connection with the same pragmas (opened on the thread that will use it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


class Database:
    """The connections (writers, reader), the migrations, and the batched single writer."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._sequencer = Sequencer(
            lambda: _connect_plain(path), _run_plain, self._run_async_batch, self._settle, MAX_BATCH
        )
        self.schema_version = 0
        self.generation = 0

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating folder and file if missing) and migrate the database at `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await _connect(path)
        try:
            version = await cls._migrate(writer)
        except BaseException:
            await writer.close()
            raise
        reader = await _connect(path)
        db = cls(path, writer, reader)
        db.schema_version = version
        try:
            await db._sequencer.start()
        except BaseException:
            await db.close()
            raise
        return db

    @staticmethod
    async def _migrate(conn: aiosqlite.Connection) -> int:
        """Apply every migration newer than `PRAGMA user_version`, each in a transaction."""
        row = await (await conn.execute("PRAGMA user_version")).fetchone()
        current = int(row[0]) if row else 0
        known = migrations()
        latest = known[-1][0] if known else 0
        if current > latest:
            raise SchemaTooNewError(
                f"the database has schema version {current}, but this tingbot knows only up to "
                f"{latest}: upgrade tingbot or use a backup"
            )
        for version, name, sql in known:
            if version <= current:
                continue
            script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
            try:
                await conn.executescript(script)
            except sqlite3.Error:
                if conn.in_transaction:
                    await conn.rollback()
                raise
            log.info("applied migration %s", name)
            current = version
        return current

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
        async with self._exclusive():
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
    async def _exclusive(self) -> AsyncIterator[None]:
        """Wait for every write queued before, then hold off every write queued after."""
        released = threading.Event()
        try:
            await self._enqueue("exclusive", None, cache_safe=False, released=released)
            yield
        finally:
            released.set()

    async def write(self, operation: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run `operation` in a batched transaction; return once its batch is committed."""
        result: T = await self._enqueue("async", operation, cache_safe=False)
        return result

    async def apply(
        self, operation: Callable[[sqlite3.Connection], T], *, cache_safe: bool = False
    ) -> T:
        """Like `write`, for a plain function run on the writer's thread (no event-loop hop).

        `cache_safe=True` promises that the operation leaves `telegram_user` and `participant`
        alone, so cached rows of those stay valid (see the module docstring). The operation may
        run twice when another one of its batch fails (`_run_plain`): it must only touch the
        database.
        """
        result: T = await self._enqueue("plain", operation, cache_safe=cache_safe)
        return result

    async def _enqueue(
        self,
        kind: str,
        operation: Any,
        cache_safe: bool,
        released: threading.Event | None = None,
    ) -> Any:
        """Queue a write for the writer's thread and wait until its batch is committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._sequencer.put(Queued(kind, operation, cache_safe, future, loop, released))
        return await future

    async def _run_async_batch(self, batch: list[Queued]) -> None:
        """On the event loop, for the writer's thread: a batch of coroutine operations."""
        try:
            outcome: list[tuple[bool, Any]] | Exception = await self._run_async(batch)
        except Exception as exc:
            outcome = exc
        self._settle(batch, outcome)

    def _settle(self, batch: list[Queued], outcome: list[tuple[bool, Any]] | Exception) -> None:
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

    async def backup(self, destination: Path | str) -> None:
        """Copy the live database to `destination` with SQLite's online backup API."""
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        target = await aiosqlite.connect(destination)
        try:
            async with self._exclusive():
                await self._reader.backup(target)
        finally:
            await target.close()

    async def close(self) -> None:
        """Finish queued writes, then close the connections and the writer's thread."""
        await self._sequencer.stop()
        await self._reader.close()
        await self._writer.close()


def _run_plain(
    conn: sqlite3.Connection | None, operations: list[PlainOperation]
) -> list[tuple[bool, Any]]:
    """Run a batch of plain operations in one transaction, on the writer's thread.

    First all together, without savepoints (the usual case: nothing fails); if one fails, the
    transaction is rolled back and the batch runs again with each operation in a savepoint, so
    that only the failing one fails. So a plain operation may run twice: it must only touch the
    database.
    """
    assert conn is not None, "the database is not open"
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            values = [operation(conn) for operation in operations]
        except Exception:
            conn.execute("ROLLBACK")
            return _run_plain_isolated(conn, operations)
        conn.execute("COMMIT")
    except Exception:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return [(True, value) for value in values]


def _run_plain_isolated(
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
