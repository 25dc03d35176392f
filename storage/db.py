"""Open the SQLite database, migrate it, and serialise every write through one writer.

aiosqlite does not isolate transactions between coroutines that share a connection, and job
callbacks run as separate tasks; so all writes go through `Database.write` (batched: several
writers' operations share one transaction and one commit, each inside its own savepoint) or
`Database.transaction` (one exclusive transaction). Both hold the same lock. Reads use a second
connection, which in WAL mode only ever sees committed data.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

T = TypeVar("T")
Operation = Callable[[aiosqlite.Connection], Awaitable[Any]]
log = logging.getLogger(__name__)
MAX_BATCH = 256


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer tingbot than this one."""


def migrations() -> list[tuple[int, str, str]]:
    """The bundled migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


async def _connect(path: Path) -> aiosqlite.Connection:
    """A connection with the pragmas every connection needs."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute("PRAGMA foreign_keys=ON")
    await conn.execute("PRAGMA busy_timeout=5000")
    await conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class Database:
    """Two connections (writer, reader), the migrations, and the batched single writer."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._lock = asyncio.Lock()
        self._queue: list[tuple[Operation, asyncio.Future[Any]]] = []
        self._task: asyncio.Task[None] | None = None
        self.schema_version = 0

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
        async with self._lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.rollback()
                raise
            await self._writer.commit()

    async def write(self, operation: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run `operation` in a batched transaction; return once its batch is committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((operation, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain(), name="tingbot-db-writer")
        return await future

    async def _drain(self) -> None:
        """Commit queued operations in batches until the queue is empty."""
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            async with self._lock:
                await self._run_batch(batch)

    async def _run_batch(self, batch: list[tuple[Operation, asyncio.Future[Any]]]) -> None:
        """One transaction for the batch; a failing operation rolls back to its savepoint."""
        results: list[tuple[asyncio.Future[Any], bool, Any]] = []
        try:
            await self._writer.execute("BEGIN IMMEDIATE")
            for operation, future in batch:
                await self._writer.execute("SAVEPOINT op")
                try:
                    value = await operation(self._writer)
                except Exception as exc:
                    await self._writer.execute("ROLLBACK TO op")
                    await self._writer.execute("RELEASE op")
                    results.append((future, False, exc))
                else:
                    await self._writer.execute("RELEASE op")
                    results.append((future, True, value))
            await self._writer.commit()
        except Exception as exc:
            with contextlib.suppress(sqlite3.Error):
                await self._writer.rollback()
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, ok, value in results:
            if future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

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
        """Finish queued writes, then close both connections."""
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
        await self._reader.close()
        await self._writer.close()
