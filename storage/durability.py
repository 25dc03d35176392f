"""How hard a commit holds: SQLite's `synchronous` setting for the writing connections.

- "normal" (the default): in WAL mode a commit is written to the log but not flushed to the disk;
  an acknowledged answer survives a killed process, but the last commits may be lost in a power
  cut or an operating-system crash.
- "full": every commit flushes the log to the disk (one fsync per write batch, since the writer
  commits a batch of writes at once), so an acknowledged answer survives a power cut too.
"""

from __future__ import annotations

import sqlite3

import aiosqlite

DURABILITIES = {"normal": "NORMAL", "full": "FULL"}
DEFAULT = "normal"


def pragma(durability: str) -> str:
    """The PRAGMA that sets `durability`; a ValueError names the allowed values."""
    if durability not in DURABILITIES:
        raise ValueError(f"durability must be one of {sorted(DURABILITIES)}, got {durability!r}")
    return f"PRAGMA synchronous={DURABILITIES[durability]}"


async def apply(conn: aiosqlite.Connection, durability: str) -> None:
    """Set `durability` on an asynchronous connection."""
    await conn.execute(pragma(durability))


def apply_plain(conn: sqlite3.Connection, durability: str) -> None:
    """Set `durability` on a plain connection."""
    conn.execute(pragma(durability))
