"""What a publication and a council decision share: each is posted to the channel message by
message, and ends 'posted' or 'failed'. The two tables have the same posting columns
(message_ids, status, error, finished_at), so one pair of statements serves both."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import aiosqlite

from storage.db import Database
from storage.timefmt import to_db

Posted = Literal["publication", "decision"]


async def add_message(db: Database, table: Posted, row_id: int, message_id: int) -> None:
    """Add one posted channel message to the row's list of message ids."""

    async def op(conn: aiosqlite.Connection) -> None:
        await conn.execute(
            f"UPDATE {table} SET message_ids = json_insert(message_ids, '$[#]', ?) WHERE id = ?",
            (message_id, row_id),
        )

    await db.write(op)


async def finish(
    db: Database, table: Posted, row_id: int, status: str, now: datetime, error: str = ""
) -> None:
    """Mark the row 'posted' or 'failed' (with the error)."""

    async def op(conn: aiosqlite.Connection) -> None:
        await conn.execute(
            f"UPDATE {table} SET status = ?, error = ?, finished_at = ? WHERE id = ?",
            (status, error, to_db(now), row_id),
        )

    await db.write(op)
