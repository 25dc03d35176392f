"""The database file's schema: the bundled migrations, the pragmas of every connection, and
bringing a database up to the newest migration."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
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


async def connect(path: Path) -> aiosqlite.Connection:
    """A connection with the pragmas every connection needs."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        await conn.execute(pragma)
    return conn


async def migrate(conn: aiosqlite.Connection) -> int:
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
