"""Dead letters: updates the bot received but could not read, kept raw for the operators.

The raw JSON holds what the person wrote and their ids, so each letter records whose update it
is (`telegram_id`, the sender): /slett erases a person's dead letters (storage/privacy.py) and
the daily purge deletes every letter older than DEAD_LETTER_DAYS (bot/domain/retention.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.maintenance import truncate_wal
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class DeadLetter:
    """One unreadable update: its id, when it came, why it could not be read, and its JSON."""

    update_id: int
    received_at: datetime
    error: str
    raw: str
    telegram_id: int | None = None


class DeadLetterRepository:
    """The `dead_letter` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def keep(self, update_id: int, raw: Any, error: str, now: datetime) -> None:
        """Store an unreadable update once (a redelivery of it keeps the first record)."""
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        sender = sender_of(raw)

        def op(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT OR IGNORE INTO dead_letter (update_id, received_at, error, raw, "
                "telegram_id) VALUES (?, ?, ?, ?, ?)",
                (update_id, to_db(now), error, text, sender),
            )

        await self.db.apply(op, cache_safe=True)

    async def all(self) -> list[DeadLetter]:
        """Every dead letter, oldest update first."""
        rows = await self.db.fetchall(
            "SELECT update_id, received_at, error, raw, telegram_id FROM dead_letter "
            "ORDER BY update_id"
        )
        return [DeadLetter(int(r[0]), from_db(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows]

    async def purge_before(self, cutoff: datetime) -> int:
        """Delete the dead letters received before `cutoff`; how many went."""
        stamp = to_db(cutoff)

        def op(conn: sqlite3.Connection) -> int:
            cursor = conn.execute("DELETE FROM dead_letter WHERE received_at < ?", (stamp,))
            return max(cursor.rowcount, 0)

        deleted = await self.db.apply(op, cache_safe=True)
        if deleted:
            await truncate_wal(self.db)  # secure_delete cleared the pages; the WAL still holds them
        return deleted


def sender_of(raw: Any) -> int | None:
    """The Telegram id of whoever sent the update (`from`, or `user` of a poll answer), if any."""
    if not isinstance(raw, dict):
        return None
    for part in raw.values():
        if not isinstance(part, dict):
            continue
        for key in ("from", "user"):
            person = part.get(key)
            if isinstance(person, dict) and type(person.get("id")) is int:
                return int(person["id"])
    return None
