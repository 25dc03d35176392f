"""Work on the whole database file while the bot runs: a backup copy, emptying the WAL."""

from __future__ import annotations

import logging
from pathlib import Path

import aiosqlite

from storage.db import Database

log = logging.getLogger(__name__)


async def truncate_wal(db: Database) -> bool:
    """Copy the WAL into the database and empty it (after an erasure: no old text in it)."""
    async with db.exclusive():
        row = await (await db.reader.execute("PRAGMA wal_checkpoint(TRUNCATE)")).fetchone()
    done = row is not None and int(row[0]) == 0
    if not done:
        log.warning("WAL not truncated (busy); the next checkpoint copies it")
    return done


async def backup(db: Database, destination: Path | str) -> None:
    """Copy the live database to `destination` with SQLite's online backup API."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    target = await aiosqlite.connect(destination)
    try:
        async with db.exclusive():
            await db.reader.backup(target)
    finally:
        await target.close()
