"""Meetings: synced from the config by key, added, changed and cancelled by organisers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import MeetingRecord, MeetingSpec
from storage.timefmt import from_db, to_db

MEETING_COLUMNS = (
    "id, consultation_id, key, start_utc, place, description, groups, cancelled, "
    "organiser_edited, from_config, sequence, updated_at"
)


def meeting_from_row(row: sqlite3.Row) -> MeetingRecord:
    """A MeetingRecord from a row of MEETING_COLUMNS."""
    return MeetingRecord(
        id=row["id"],
        consultation_id=row["consultation_id"],
        key=row["key"],
        start_utc=from_db(row["start_utc"]),
        place=row["place"],
        description=dict(json.loads(row["description"])),
        groups=tuple(json.loads(row["groups"])),
        cancelled=bool(row["cancelled"]),
        organiser_edited=bool(row["organiser_edited"]),
        from_config=bool(row["from_config"]),
        sequence=row["sequence"],
        updated_at=from_db(row["updated_at"]),
    )


def _texts(description: dict[str, str]) -> str:
    """The description as stored: JSON with sorted keys, so equal texts compare equal."""
    return json.dumps({"nn": "", **description}, ensure_ascii=False, sort_keys=True)


class MeetingRepository:
    """The meetings of each consultation."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def sync_meetings(
        self, consultation_id: int, specs: Sequence[MeetingSpec], now: datetime
    ) -> None:
        """Insert new config meetings and update changed ones; cancel those no longer listed.

        Meetings an organiser has edited in chat are left alone: organiser edits win.
        """
        async with self.db.transaction() as conn:
            stamp = to_db(now)
            for spec in specs:
                await conn.execute(
                    "INSERT INTO meeting (consultation_id, key, start_utc, place, description, "
                    "groups, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (consultation_id, key) DO UPDATE SET "
                    "start_utc = excluded.start_utc, place = excluded.place, "
                    "description = excluded.description, groups = excluded.groups, "
                    "cancelled = 0, from_config = 1, sequence = sequence + 1, "
                    "updated_at = excluded.updated_at "
                    "WHERE organiser_edited = 0 AND (start_utc != excluded.start_utc "
                    "OR place != excluded.place OR description != excluded.description "
                    "OR groups != excluded.groups OR cancelled != 0 OR from_config = 0)",
                    (
                        consultation_id,
                        spec.key,
                        to_db(spec.start_utc),
                        spec.place,
                        _texts(spec.description),
                        json.dumps(list(spec.groups)),
                        stamp,
                    ),
                )
            keys = [spec.key for spec in specs]
            marks = ",".join("?" * len(keys)) or "''"
            await conn.execute(
                "UPDATE meeting SET cancelled = 1, sequence = sequence + 1, updated_at = ? "
                "WHERE consultation_id = ? AND from_config = 1 AND organiser_edited = 0 "
                f"AND cancelled = 0 AND key NOT IN ({marks})",
                (stamp, consultation_id, *keys),
            )

    async def of_consultation(self, consultation_id: int) -> list[MeetingRecord]:
        """Every meeting of a consultation (cancelled ones too), by start time."""
        rows = await self.db.fetchall(
            f"SELECT {MEETING_COLUMNS} FROM meeting WHERE consultation_id = ? "
            "ORDER BY start_utc, key",
            (consultation_id,),
        )
        return [meeting_from_row(r) for r in rows]

    async def meeting(self, meeting_id: int) -> MeetingRecord | None:
        """The meeting with this id."""
        row = await self.db.fetchone(
            f"SELECT {MEETING_COLUMNS} FROM meeting WHERE id = ?", (meeting_id,)
        )
        return None if row is None else meeting_from_row(row)

    async def add_meeting(
        self, consultation_id: int, spec: MeetingSpec, now: datetime
    ) -> MeetingRecord:
        """Store a meeting an organiser added in chat (a fresh key, never from the config)."""

        async def op(conn: aiosqlite.Connection) -> MeetingRecord:
            cursor = await conn.execute(
                "INSERT INTO meeting (consultation_id, key, start_utc, place, description, "
                "groups, organiser_edited, from_config, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?) RETURNING " + MEETING_COLUMNS,
                (
                    consultation_id,
                    spec.key,
                    to_db(spec.start_utc),
                    spec.place,
                    _texts(spec.description),
                    json.dumps(list(spec.groups)),
                    to_db(now),
                ),
            )
            row = await cursor.fetchone()
            assert row is not None
            return meeting_from_row(row)

        return await self.db.write(op)

    async def edit_meeting(
        self,
        meeting_id: int,
        start_utc: datetime,
        place: str,
        description: dict[str, str],
        now: datetime,
    ) -> MeetingRecord | None:
        """An organiser's change: new time, place and description; the config no longer wins."""
        return await self._update(
            meeting_id,
            "start_utc = ?, place = ?, description = ?",
            (to_db(start_utc), place, _texts(description)),
            now,
        )

    async def cancel_meeting(self, meeting_id: int, now: datetime) -> MeetingRecord | None:
        """An organiser cancels a meeting (it is kept, marked cancelled)."""
        return await self._update(meeting_id, "cancelled = 1", (), now)

    async def _update(
        self, meeting_id: int, assignments: str, params: tuple[object, ...], now: datetime
    ) -> MeetingRecord | None:
        """Apply an organiser's change and count it in `sequence`."""

        async def op(conn: aiosqlite.Connection) -> MeetingRecord | None:
            cursor = await conn.execute(
                f"UPDATE meeting SET {assignments}, organiser_edited = 1, "
                "sequence = sequence + 1, updated_at = ? WHERE id = ? RETURNING " + MEETING_COLUMNS,
                (*params, to_db(now), meeting_id),
            )
            row = await cursor.fetchone()
            return None if row is None else meeting_from_row(row)

        return await self.db.write(op)
