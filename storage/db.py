"""Open the SQLite database, migrate it, and serialise every write through one writer.

aiosqlite does not isolate transactions between coroutines that share a connection, and job
callbacks run as separate tasks; so all writes go through `Database.write`/`Database.apply`
(batched: several writers' operations share one transaction and one commit, each inside its own
savepoint) or `Database.transaction` (one exclusive transaction). All of them hold the same lock,
so only one transaction is open at a time. Reads use their own connection, which in WAL mode only
ever sees committed data.

Group commit. A write is queued; one drain task takes what has queued up (up to MAX_BATCH) and
runs it as one batch: BEGIN IMMEDIATE, then each operation in a savepoint (a failing operation
is rolled back alone and gets its exception), then one COMMIT; only then is each caller's future
resolved, so whatever a caller does after `await` (such as acknowledging an answer) happens after
its data is committed. While a batch commits, the next one queues up.

Two kinds of operation. `write(op)` takes a coroutine function on the aiosqlite connection:
every `await conn.execute(...)` inside is a hop to aiosqlite's thread and back. `apply(op)` takes
a plain function on a sqlite3 connection that lives on the writer's own thread: the whole batch
(begin, every savepoint and statement, commit) runs there in ONE hop, which is what makes the hot
path (answers) cheap, and the thread hands the outcome straight back to the event loop, so the
callers resume as soon as the loop gets to it. Consecutive operations of the same kind share a
batch.

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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

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


@dataclass
class _Queued:
    """A write waiting for its batch."""

    operation: Any  # Operation, or PlainOperation when `plain`
    plain: bool
    cache_safe: bool
    future: asyncio.Future[Any]


class Database:
    """The connections (writers, reader), the migrations, and the batched single writer."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._lock = asyncio.Lock()
        self._queue: list[_Queued] = []
        self._task: asyncio.Task[None] | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="tingbot-db-writer")
        self._plain: sqlite3.Connection | None = None
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
            db._plain = await db._in_thread(_connect_plain, path)
        except BaseException:
            await db.close()
            raise
        return db

    async def _in_thread(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function(*args)` on the writer's own thread."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, function, *args)

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
        async with self._lock:
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

    async def write(self, operation: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run `operation` in a batched transaction; return once its batch is committed."""
        result: T = await self._enqueue(operation, plain=False, cache_safe=False)
        return result

    async def apply(
        self, operation: Callable[[sqlite3.Connection], T], *, cache_safe: bool = False
    ) -> T:
        """Like `write`, for a plain function run on the writer's thread (one hop per batch).

        `cache_safe=True` promises that the operation leaves `telegram_user` and `participant`
        alone, so cached rows of those stay valid (see the module docstring).
        """
        result: T = await self._enqueue(operation, plain=True, cache_safe=cache_safe)
        return result

    async def _enqueue(self, operation: Any, plain: bool, cache_safe: bool) -> Any:
        """Queue a write, start the drain task if needed, and wait for the commit."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append(_Queued(operation, plain, cache_safe, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain(), name="tingbot-db-writer")
        return await future

    async def _drain(self) -> None:
        """Commit queued operations in batches (one kind per batch) until the queue is empty."""
        while self._queue:
            size = 1
            while (
                size < min(MAX_BATCH, len(self._queue))
                and self._queue[size].plain == self._queue[0].plain
            ):
                size += 1
            batch, self._queue = self._queue[:size], self._queue[size:]
            async with self._lock:
                await self._run_batch(batch)

    async def _run_batch(self, batch: list[_Queued]) -> None:
        """One transaction for the batch; a failing operation rolls back to its savepoint."""
        if batch[0].plain:
            # The writer's thread hands the outcome straight to the event loop: the callers
            # resume without waiting for this task to be scheduled first.
            loop = asyncio.get_running_loop()
            await self._in_thread(self._run_plain_batch, loop, batch)
            return
        try:
            outcome: list[tuple[bool, Any]] | Exception = await self._run_async(batch)
        except Exception as exc:
            outcome = exc
        self._settle(batch, outcome)

    def _run_plain_batch(self, loop: asyncio.AbstractEventLoop, batch: list[_Queued]) -> None:
        """On the writer's thread: run a plain batch and pass its outcome to the event loop."""
        try:
            outcome: list[tuple[bool, Any]] | Exception = _run_plain(
                self._plain, [queued.operation for queued in batch]
            )
        except Exception as exc:
            outcome = exc
        loop.call_soon_threadsafe(self._settle, batch, outcome)

    def _settle(self, batch: list[_Queued], outcome: list[tuple[bool, Any]] | Exception) -> None:
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

    async def _run_async(self, batch: list[_Queued]) -> list[tuple[bool, Any]]:
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
            async with self._lock:
                await self._reader.backup(target)
        finally:
            await target.close()

    async def close(self) -> None:
        """Finish queued writes, then close the connections and the writer's thread."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        if self._plain is not None:
            await self._in_thread(self._plain.close)
        self._thread.shutdown(wait=True)
        await self._reader.close()
        await self._writer.close()


def _run_plain(
    conn: sqlite3.Connection | None, operations: list[PlainOperation]
) -> list[tuple[bool, Any]]:
    """Run a batch of plain operations in one transaction, on the writer's thread."""
    assert conn is not None, "the database is not open"
    outcomes: list[tuple[bool, Any]] = []
    try:
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
    except Exception:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    return outcomes
