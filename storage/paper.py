"""Answers typed in from paper: stored as a group's answers, marked `source = 'paper'`.

All records of one import are written in one transaction: either every new answer is stored
or none. A record already stored (the same `import_hash`) is left as it is, so importing the
same file twice changes nothing. See migrations/0011_paper_answers.sql.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import PaperAnswer, PaperImport
from storage.timefmt import to_db

PAPER_CHAT = 0  # the source chat of a paper answer: no Telegram chat has id 0


class PaperRepository:
    """Storing paper answers in one transaction, each record once."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def import_answers(
        self, consultation_id: int, answers: Sequence[PaperAnswer], now: datetime
    ) -> PaperImport:
        """Store every answer not stored before, all in one transaction."""
        stamp = to_db(now)

        async def op(conn: aiosqlite.Connection) -> PaperImport:
            writers: dict[tuple[int, str], int] = {}
            added = 0
            for answer in answers:
                key = (answer.group_id, answer.label)
                if key not in writers:
                    writers[key] = await _writer(conn, consultation_id, *key, stamp)
                cursor = await conn.execute(
                    "INSERT INTO answer (participant_id, question_id, text, status, "
                    "source_chat_id, source_message_id, created_at, updated_at, source, "
                    "import_hash) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, 'paper', ?) "
                    "ON CONFLICT DO NOTHING",
                    (
                        writers[key],
                        answer.question_id,
                        answer.text,
                        PAPER_CHAT,
                        int(answer.import_hash[:15], 16),
                        stamp,
                        stamp,
                        answer.import_hash,
                    ),
                )
                added += cursor.rowcount
            return PaperImport(added, len(answers) - added)

        return await self.db.write(op)

    async def paper_answer_count(self, consultation_id: int) -> int:
        """Active answers of a consultation that were typed in from paper."""
        row = await self.db.fetchone(
            "SELECT count(*) FROM answer a JOIN participant p ON p.id = a.participant_id "
            "WHERE p.consultation_id = ? AND a.source = 'paper' AND a.status = 'active'",
            (consultation_id,),
        )
        return int(row[0]) if row else 0


async def _writer(
    conn: aiosqlite.Connection, consultation_id: int, group_id: int, label: str, stamp: str
) -> int:
    """The id of the group's paper participant with `label`, made on first use."""
    found = await (
        await conn.execute(
            "SELECT id FROM participant WHERE consultation_id = ? AND group_id = ? "
            "AND paper_label = ?",
            (consultation_id, group_id, label),
        )
    ).fetchone()
    if found is not None:
        return int(found[0])
    lowest = await (await conn.execute("SELECT min(telegram_id) FROM telegram_user")).fetchone()
    user_id = min(int(lowest[0] or 0) if lowest else 0, 0) - 1
    await conn.execute(
        "INSERT INTO telegram_user (telegram_id, first_name, created_at) VALUES (?, ?, ?)",
        (user_id, label, stamp),
    )
    cursor = await conn.execute(
        "INSERT INTO participant (consultation_id, telegram_id, group_id, consent_at, "
        "reminders, active, joined_at, paper_label) VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
        (consultation_id, user_id, group_id, stamp, stamp, label),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid
