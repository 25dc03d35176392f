"""The check-back: what was sent to each group to confirm, and what came back."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.cache import RowCache
from storage.db import Database
from storage.models import CheckBack
from storage.timefmt import from_db, maybe_from_db, to_db

COLUMNS = (
    "id, group_id, chat_id, message_id, content, status, sent_by, sent_at, answered_by, "
    "answered_at, correction, prompt_message_id"
)


def _checkback(row: aiosqlite.Row) -> CheckBack:
    """A CheckBack from a row of COLUMNS."""
    return CheckBack(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        from_db(row[7]),
        row[8],
        maybe_from_db(row[9]),
        row[10],
        row[11],
    )


class CheckBackRepository:
    """Recording check-backs before they are sent and their answers after."""

    _corrections: RowCache[tuple[int, int, int | None], CheckBack | None]

    def __init__(self, db: Database) -> None:
        self.db = db
        self._corrections = RowCache(db)

    async def start_checkback(
        self, group_id: int, chat_id: int, content: str, sent_by: int, now: datetime
    ) -> int:
        """Record a check-back as 'sending' before anything is sent; returns its id."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "INSERT INTO checkback (group_id, chat_id, content, status, sent_by, sent_at) "
                "VALUES (?, ?, ?, 'sending', ?, ?)",
                (group_id, chat_id, content, sent_by, to_db(now)),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return await self.db.write(op)

    async def finish_checkback(self, checkback_id: int, message_id: int | None) -> None:
        """Mark a check-back 'sent' with its message, or 'failed' (no message)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE checkback SET message_id = ?, status = ? WHERE id = ?",
                (message_id, "failed" if message_id is None else "sent", checkback_id),
            )

        await self.db.write(op)

    async def answer_checkback(
        self,
        checkback_id: int,
        status: str,
        by: int,
        now: datetime,
        correction: str = "",
        prompt_message_id: int | None = None,
    ) -> None:
        """Record a group's answer: 'confirmed', 'correcting' (awaiting text) or 'corrected'."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE checkback SET status = ?, answered_by = ?, answered_at = ?, "
                "correction = ?, prompt_message_id = COALESCE(?, prompt_message_id) WHERE id = ?",
                (status, by, to_db(now), correction, prompt_message_id, checkback_id),
            )

        await self.db.write(op)

    async def checkback(self, checkback_id: int) -> CheckBack | None:
        """A check-back by id."""
        row = await self.db.fetchone(
            f"SELECT {COLUMNS} FROM checkback WHERE id = ?", (checkback_id,)
        )
        return None if row is None else _checkback(row)

    async def awaited_correction(
        self, chat_id: int, telegram_id: int, prompt_message_id: int | None = None
    ) -> CheckBack | None:
        """The check-back whose correction this user is writing in this chat, if any.

        Asked for every private text (before it can be an answer), so the answer is cached
        until the next write that could change it (see `storage.cache`).
        """

        async def read() -> CheckBack | None:
            row = await self.db.fetchone(
                f"SELECT {COLUMNS} FROM checkback WHERE chat_id = ? AND answered_by = ? AND "
                "status = 'correcting' AND (? IS NULL OR prompt_message_id = ?) "
                "ORDER BY id DESC LIMIT 1",
                (chat_id, telegram_id, prompt_message_id, prompt_message_id),
            )
            return None if row is None else _checkback(row)

        return await self._corrections.load((chat_id, telegram_id, prompt_message_id), read)

    async def latest_checkbacks(self, consultation_id: int) -> list[CheckBack]:
        """The latest check-back of each group of a consultation that got one."""
        rows = await self.db.fetchall(
            f"SELECT {', '.join('c.' + c for c in COLUMNS.split(', '))} FROM checkback c "
            "JOIN discussion_group g ON g.id = c.group_id WHERE g.consultation_id = ? AND "
            "c.id = (SELECT MAX(id) FROM checkback WHERE group_id = c.group_id) ORDER BY c.group_id",
            (consultation_id,),
        )
        return [_checkback(r) for r in rows]

    async def group_checkbacks(self, group_id: int) -> list[CheckBack]:
        """Every check-back of one group, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {COLUMNS} FROM checkback WHERE group_id = ? ORDER BY id", (group_id,)
        )
        return [_checkback(r) for r in rows]
