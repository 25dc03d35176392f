"""Personal data: everything stored about one Telegram user, erasing it, and retention purges.

PERSONAL_TABLES is the register of every table that holds rows about a person. A table added
by a later migration that points at a user, participant or answer must be registered here
(tests/storage/test_privacy_storage.py fails until it is), so that /mine_data shows it and
/slett erases it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db

OF_PARTICIPANT = "participant_id IN (SELECT id FROM participant WHERE telegram_id = ?)"
OF_ANSWER = (
    "answer_id IN (SELECT a.id FROM answer a JOIN participant p ON p.id = a.participant_id "
    "WHERE p.telegram_id = ?)"
)


@dataclass(frozen=True)
class PersonalTable:
    """A table with rows about a user: `rows_of` selects them by Telegram id (one `?`)."""

    name: str
    rows_of: str
    erased: bool = True
    why_kept: str = ""


PERSONAL_TABLES: tuple[PersonalTable, ...] = (
    PersonalTable("telegram_user", "telegram_id = ?"),
    PersonalTable("participant", "telegram_id = ?"),
    PersonalTable("answer", OF_PARTICIPANT),
    PersonalTable("answer_revision", OF_ANSWER),
    PersonalTable(
        "curation_action",
        "organiser_id = ?",
        erased=False,
        why_kept="an organiser's curation of the council's summary is part of its public record",
    ),
    PersonalTable(
        "publication",
        "organiser_id = ?",
        erased=False,
        why_kept="who published which version of the summary is part of the council's record",
    ),
)


@dataclass(frozen=True)
class Purge:
    """One retention purge that removed raw answers of a consultation (counts only)."""

    consultation_id: int
    answers: int
    revisions: int
    purged_at: datetime


def _row(row: sqlite3.Row) -> dict[str, Any]:
    """A row as a plain dict."""
    return dict(zip(row.keys(), row, strict=True))


class PrivacyRepository:
    """Reading, erasing and purging personal data."""

    db: Database

    async def personal_data(self, telegram_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every stored row about the user, per table of PERSONAL_TABLES (empty tables left out)."""
        found: dict[str, list[dict[str, Any]]] = {}
        for table in PERSONAL_TABLES:
            rows = await self.db.fetchall(
                f"SELECT * FROM {table.name} WHERE {table.rows_of} ORDER BY rowid", (telegram_id,)
            )
            if rows:
                found[table.name] = [_row(r) for r in rows]
        return found

    async def erase_user(self, telegram_id: int) -> dict[str, int]:
        """Delete the user's erasable rows in one transaction; the number deleted per table."""
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            for table in reversed(PERSONAL_TABLES):
                if not table.erased:
                    continue
                cursor = await conn.execute(
                    f"DELETE FROM {table.name} WHERE {table.rows_of}", (telegram_id,)
                )
                counts[table.name] = max(cursor.rowcount, 0)
        return counts

    async def purge_answers(self, consultation_id: int, now: datetime) -> Purge:
        """Delete a consultation's answers and revisions in one transaction; record the counts."""
        of_consultation = "SELECT id FROM participant WHERE consultation_id = ?"
        async with self.db.transaction() as conn:
            revisions = await conn.execute(
                "DELETE FROM answer_revision WHERE answer_id IN (SELECT id FROM answer WHERE "
                f"participant_id IN ({of_consultation}))",
                (consultation_id,),
            )
            answers = await conn.execute(
                f"DELETE FROM answer WHERE participant_id IN ({of_consultation})",
                (consultation_id,),
            )
            await conn.execute(
                "UPDATE participant SET editing_answer_id = NULL WHERE consultation_id = ?",
                (consultation_id,),
            )
            purge = Purge(consultation_id, answers.rowcount, revisions.rowcount, now)
            if purge.answers or purge.revisions:
                await conn.execute(
                    "INSERT INTO retention_purge (consultation_id, answers, revisions, purged_at) "
                    "VALUES (?, ?, ?, ?)",
                    (consultation_id, purge.answers, purge.revisions, to_db(now)),
                )
        return purge

    async def purges(self, consultation_id: int) -> list[Purge]:
        """The recorded purges of a consultation, oldest first."""
        rows = await self.db.fetchall(
            "SELECT consultation_id, answers, revisions, purged_at FROM retention_purge "
            "WHERE consultation_id = ? ORDER BY id",
            (consultation_id,),
        )
        return [Purge(r[0], r[1], r[2], from_db(r[3])) for r in rows]

    async def consultation_id(self, key: str) -> int | None:
        """The stored id of a consultation key (None before the first sync)."""
        row = await self.db.fetchone("SELECT id FROM consultation WHERE key = ?", (key,))
        return None if row is None else int(row[0])
