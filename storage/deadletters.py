"""Dead letters: updates the bot received but could not read, kept raw for the operators."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class DeadLetter:
    """One unreadable update: its id, when it came, why it could not be read, and its JSON."""

    update_id: int
    received_at: datetime
    error: str
    raw: str


class DeadLetterRepository:
    """The `dead_letter` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def keep(self, update_id: int, raw: Any, error: str, now: datetime) -> None:
        """Store an unreadable update once (a redelivery of it keeps the first record)."""
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT OR IGNORE INTO dead_letter (update_id, received_at, error, raw) "
                "VALUES (?, ?, ?, ?)",
                (update_id, to_db(now), error, text),
            )

        await self.db.apply(op, cache_safe=True)

    async def all(self) -> list[DeadLetter]:
        """Every dead letter, oldest update first."""
        rows = await self.db.fetchall(
            "SELECT update_id, received_at, error, raw FROM dead_letter ORDER BY update_id"
        )
        return [DeadLetter(int(r[0]), from_db(r[1]), str(r[2]), str(r[3])) for r in rows]
