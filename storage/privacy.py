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
from storage.maintenance import truncate_wal
from storage.models import Purge
from storage.timefmt import from_db, to_db

OF_PARTICIPANT = "participant_id IN (SELECT id FROM participant WHERE telegram_id = ?)"
# A dead letter is the user's when they sent it, or when their id is a user or chat of it (a
# message they were replied to in, say): the raw JSON holds their name and what they wrote.
# `?1` twice: the one parameter, the Telegram id.
OF_DEAD_LETTER = (
    "telegram_id = ?1 OR CASE WHEN json_valid(raw) THEN EXISTS (SELECT 1 FROM "
    "json_tree(dead_letter.raw) AS node WHERE node.key = 'id' AND node.value = ?1 AND ("
    "node.path LIKE '%.from' OR node.path LIKE '%.user' OR node.path LIKE '%.chat')) ELSE 0 END"
)
OF_ANSWER = (
    "answer_id IN (SELECT a.id FROM answer a JOIN participant p ON p.id = a.participant_id "
    "WHERE p.telegram_id = ?)"
)


@dataclass(frozen=True)
class PersonalTable:
    """A table with rows about a user: `rows_of` selects them by Telegram id (one `?`).

    /slett runs `erase` (statements with one `?` for the Telegram id; by default deleting the
    rows of `rows_of`). Rows that belong to a group rather than to the person stay, with the
    person taken off them; `why_kept` says what stays and why.
    """

    name: str
    rows_of: str
    erased: bool = True
    why_kept: str = ""
    erase: tuple[str, ...] = ()

    def erase_statements(self) -> tuple[str, ...]:
        """What /slett runs on this table (nothing for records that are kept)."""
        if not self.erased:
            return ()
        return self.erase or (f"DELETE FROM {self.name} WHERE {self.rows_of}",)


# In the order parents → children: erasing runs it backwards, so rows that point at a
# participant go before the participant.
PERSONAL_TABLES: tuple[PersonalTable, ...] = (
    PersonalTable("telegram_user", "telegram_id = ?"),
    PersonalTable("participant", "telegram_id = ?"),
    PersonalTable("answer", OF_PARTICIPANT),
    PersonalTable("answer_revision", OF_ANSWER),
    PersonalTable("published_answer", OF_ANSWER),
    PersonalTable("round_vote", OF_PARTICIPANT),
    PersonalTable("reminder_sent", OF_PARTICIPANT),
    PersonalTable("poll_vote", "telegram_id = ?"),
    PersonalTable("referent_offer", "telegram_id = ?"),
    PersonalTable(
        "referent",
        "? IN (telegram_id, confirmed_by)",
        why_kept="another member's referent role stays; only who confirmed it is removed",
        erase=(
            "DELETE FROM referent WHERE telegram_id = ?",
            "UPDATE referent SET confirmed_by = 0 WHERE confirmed_by = ?",
        ),
    ),
    PersonalTable(
        "group_answer",
        "confirmed_by = ?",
        why_kept="a group's confirmed joint answer stays; only who confirmed it is removed",
        erase=("UPDATE group_answer SET confirmed_by = NULL WHERE confirmed_by = ?",),
    ),
    PersonalTable(
        "group_poll",
        "opened_by = ?",
        why_kept="a group's poll and its counts stay; only who opened it is removed",
        erase=("UPDATE group_poll SET opened_by = 0 WHERE opened_by = ?",),
    ),
    PersonalTable(
        "checkback",
        "? IN (answered_by, chat_id, sent_by)",
        why_kept="a group's check-back stays (what was sent and whether the group confirmed it); "
        "who answered it, their correction and their private chat are removed; the organiser "
        "who sent it is part of the council's record",
        # chat 0 is no chat: a check-back sent to the person's private chat can no longer be
        # answered by anyone.
        erase=(
            "UPDATE checkback SET answered_by = NULL, correction = '' WHERE answered_by = ?",
            "UPDATE checkback SET chat_id = 0 WHERE chat_id = ?",
        ),
    ),
    PersonalTable("dead_letter", OF_DEAD_LETTER),
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
    PersonalTable(
        "decision",
        "organiser_id = ?",
        erased=False,
        why_kept="who recorded which version of the council's decision is part of its record",
    ),
    PersonalTable(
        "console_login",
        "organiser_id = ?",
        why_kept="a used login link's nonce stays, so that the link cannot open a session "
        "again; who used it is removed",
        erase=("UPDATE console_login SET organiser_id = 0 WHERE organiser_id = ?",),
    ),
    PersonalTable(
        "round_event",
        "organiser_id = ?",
        erased=False,
        why_kept="who opened and closed the cross-group round is part of the council's record",
    ),
    PersonalTable(
        "group_chat",
        "linked_by = ?",
        erased=False,
        why_kept="which organiser linked a group's chat is part of the council's record",
    ),
)


def _row(row: sqlite3.Row) -> dict[str, Any]:
    """A row as a plain dict."""
    return dict(zip(row.keys(), row, strict=True))


class PrivacyRepository:
    """Reading, erasing and purging personal data."""

    def __init__(self, db: Database) -> None:
        self.db = db

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
        """Erase the user's rows in one transaction; the number of rows deleted or cleared per
        table."""
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            for table in reversed(PERSONAL_TABLES):
                statements = table.erase_statements()
                if not statements:
                    continue
                counts[table.name] = 0
                for statement in statements:
                    cursor = await conn.execute(statement, (telegram_id,))
                    counts[table.name] += max(cursor.rowcount, 0)
        # secure_delete overwrote the rows in the pages; the WAL still holds their old frames.
        await truncate_wal(self.db)
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
        if purge.answers or purge.revisions:
            await truncate_wal(self.db)
        return purge

    async def purges(self, consultation_id: int) -> list[Purge]:
        """The recorded purges of a consultation, oldest first."""
        rows = await self.db.fetchall(
            "SELECT consultation_id, answers, revisions, purged_at FROM retention_purge "
            "WHERE consultation_id = ? ORDER BY id",
            (consultation_id,),
        )
        return [Purge(r[0], r[1], r[2], from_db(r[3])) for r in rows]
