"""The organisers' console: which one-time login links have been used."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.db import Database
from storage.timefmt import to_db


class ConsoleRepository:
    """The `console_login` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim_login(
        self, nonce: str, consultation_id: int, organiser_id: int, now: datetime
    ) -> bool:
        """Record that the link with `nonce` was used; False if it had been used before."""

        def op(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO console_login (nonce, consultation_id, organiser_id, "
                "used_at) VALUES (?, ?, ?, ?)",
                (nonce, consultation_id, organiser_id, to_db(now)),
            )
            return cursor.rowcount == 1

        return await self.db.apply(op, cache_safe=True)

    async def login_used(self, nonce: str) -> bool:
        """Whether the link with `nonce` has been used."""
        row = await self.db.fetchone("SELECT 1 FROM console_login WHERE nonce = ?", (nonce,))
        return row is not None
