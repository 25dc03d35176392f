"""Telegram users and participants: membership, consent, language and the answering cursor.

Every update asks who its sender is, so users and their participations are cached (`RowCache`):
any write that may touch these tables empties the cache when it commits.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from storage.cache import RowCache
from storage.db import Database
from storage.models import Participant, TelegramUser
from storage.timefmt import from_db, maybe_from_db, to_db

PARTICIPANT_COLUMNS = (
    "id, consultation_id, telegram_id, group_id, consent_at, reminders, active, "
    "question_id, editing_answer_id, joined_at, joined_update, welcomed_at"
)
_SAME_GROUP = "CASE WHEN active = 1 AND group_id = excluded.group_id"

# A participant needs its user (a foreign key), so a user without participations is one row of
# NULL participant columns, and no row at all means the bot has never met them.
_PERSON = (
    "SELECT u.first_name, u.language, "
    + ", ".join(f"p.{column.strip()}" for column in PARTICIPANT_COLUMNS.split(","))
    + " FROM telegram_user u LEFT JOIN participant p ON p.telegram_id = u.telegram_id "
    "WHERE u.telegram_id = ? ORDER BY p.joined_at DESC, p.id DESC"
)


def participant_from_row(row: sqlite3.Row) -> Participant:
    """A Participant from a row of PARTICIPANT_COLUMNS."""
    return Participant(
        id=row["id"],
        consultation_id=row["consultation_id"],
        telegram_id=row["telegram_id"],
        group_id=row["group_id"],
        consent_at=from_db(row["consent_at"]),
        reminders=bool(row["reminders"]),
        active=bool(row["active"]),
        question_id=row["question_id"],
        editing_answer_id=row["editing_answer_id"],
        joined_at=from_db(row["joined_at"]),
        joined_update=row["joined_update"],
        welcomed_at=maybe_from_db(row["welcomed_at"]),
    )


class ParticipantRepository:
    """Who has joined which group, and where they are in answering."""

    # Created by Storage, which owns the database: a user and their participations by id.
    _people: RowCache[int, tuple[TelegramUser | None, tuple[Participant, ...]]]

    def __init__(self, db: Database) -> None:
        self.db = db
        self._people = RowCache(db)

    async def _person(
        self, telegram_id: int
    ) -> tuple[TelegramUser | None, tuple[Participant, ...]]:
        """The user and their participations (most recent first), read together and cached."""

        async def read() -> tuple[TelegramUser | None, tuple[Participant, ...]]:
            rows = await self.db.fetchall(_PERSON, (telegram_id,))
            if not rows:
                return None, ()
            user = TelegramUser(telegram_id, rows[0]["first_name"], rows[0]["language"])
            return user, tuple(participant_from_row(r) for r in rows if r["id"] is not None)

        return await self._people.load(telegram_id, read)

    async def user(self, telegram_id: int) -> TelegramUser | None:
        """The stored user, if the bot has met them."""
        return (await self._person(telegram_id))[0]

    async def participations(self, telegram_id: int) -> list[Participant]:
        """The user's participations, the most recently joined first."""
        return list((await self._person(telegram_id))[1])

    async def participant_by_id(self, participant_id: int) -> Participant | None:
        """The participant with this id."""
        row = await self.db.fetchone(
            f"SELECT {PARTICIPANT_COLUMNS} FROM participant WHERE id = ?", (participant_id,)
        )
        return None if row is None else participant_from_row(row)

    async def join(
        self,
        consultation_id: int,
        telegram_id: int,
        first_name: str,
        group_id: int,
        first_question_id: int | None,
        now: datetime,
        update_id: int | None = None,
        language: str | None = None,
    ) -> Participant:
        """Make the user a member of `group_id` (moving them if they were in another group).

        `update_id` is the consent press's update. A join repeated in the same group (the press
        delivered again) changes nothing of the membership: not when consent was given, not
        which press made it, not whether its welcome was sent. `language` is stored unless the
        user has one stored already.
        """

        async def op(conn: aiosqlite.Connection) -> Participant:
            stamp = to_db(now)
            await conn.execute(
                "INSERT INTO telegram_user (telegram_id, first_name, language, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (telegram_id) DO UPDATE SET "
                "first_name = excluded.first_name, "
                "language = COALESCE(telegram_user.language, excluded.language)",
                (telegram_id, first_name, language, stamp),
            )
            await conn.execute(
                "INSERT INTO participant (consultation_id, telegram_id, group_id, consent_at, "
                "question_id, joined_at, joined_update) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (consultation_id, telegram_id) DO UPDATE SET "
                # A join repeated (or redelivered) in the same group keeps when consent was
                # given; moving group or coming back after leaving is a new consent.
                f"consent_at = {_SAME_GROUP} THEN consent_at ELSE excluded.consent_at END, "
                f"joined_at = {_SAME_GROUP} THEN joined_at ELSE excluded.joined_at END, "
                f"editing_answer_id = {_SAME_GROUP} THEN editing_answer_id ELSE NULL END, "
                f"joined_update = {_SAME_GROUP} THEN joined_update ELSE excluded.joined_update END, "
                f"welcomed_at = {_SAME_GROUP} THEN welcomed_at ELSE NULL END, "
                "group_id = excluded.group_id, active = 1",
                (
                    consultation_id,
                    telegram_id,
                    group_id,
                    stamp,
                    first_question_id,
                    stamp,
                    update_id,
                ),
            )
            cursor = await conn.execute(
                f"SELECT {PARTICIPANT_COLUMNS} FROM participant "
                "WHERE consultation_id = ? AND telegram_id = ?",
                (consultation_id, telegram_id),
            )
            row = await cursor.fetchone()
            assert row is not None
            return participant_from_row(row)

        return await self.db.write(op)

    def set_welcomed(self, participant_id: int, now: datetime) -> None:
        """Note that the welcome and first question went out after the join (queued: if a crash
        loses it, the press delivered again after the restart only welcomes once more)."""
        stamp = to_db(now)
        self.db.apply_later(
            lambda conn: conn.execute(
                "UPDATE participant SET welcomed_at = ? WHERE id = ?", (stamp, participant_id)
            )
        )

    async def set_language(
        self, telegram_id: int, first_name: str, language: str, now: datetime
    ) -> None:
        """Store the user's chosen language."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO telegram_user (telegram_id, first_name, language, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (telegram_id) DO UPDATE SET "
                "language = excluded.language",
                (telegram_id, first_name, language, to_db(now)),
            )

        await self.db.write(op)

    async def set_cursor(self, participant_id: int, question_id: int | None) -> None:
        """Move the answering cursor (None: done), ending any edit in progress."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE participant SET question_id = ?, editing_answer_id = NULL WHERE id = ?",
                (question_id, participant_id),
            )

        await self.db.write(op)

    async def set_editing(self, participant_id: int, answer_id: int | None) -> None:
        """Await the new text of `answer_id` from this participant (None: stop waiting)."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE participant SET editing_answer_id = ? WHERE id = ?",
                (answer_id, participant_id),
            )

        await self.db.write(op)

    async def set_reminders(self, participant_id: int, on: bool) -> None:
        """Turn a participant's reminders on or off."""
        await self._set_flag(participant_id, "reminders", on)

    async def set_active(self, participant_id: int, active: bool) -> None:
        """Mark a participant reachable or not (inactive: they blocked the bot)."""
        await self._set_flag(participant_id, "active", active)

    async def _set_flag(self, participant_id: int, column: str, value: bool) -> None:
        """Set one of the participant's on/off columns."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                f"UPDATE participant SET {column} = ? WHERE id = ?", (int(value), participant_id)
            )

        await self.db.write(op)

    async def groups_with_participants(self, consultation_id: int) -> list[int]:
        """Ids of the groups that have active participants."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT group_id FROM participant WHERE consultation_id = ? AND active = 1 "
            "ORDER BY group_id",
            (consultation_id,),
        )
        return [r[0] for r in rows]

    async def active_participant_ids(self, consultation_id: int) -> list[int]:
        """Telegram ids of a consultation's active participants."""
        rows = await self.db.fetchall(
            "SELECT telegram_id FROM participant WHERE consultation_id = ? AND active = 1 "
            "ORDER BY id",
            (consultation_id,),
        )
        return [r[0] for r in rows]
