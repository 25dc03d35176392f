"""The curation log and the record of every published version of a summary."""

from __future__ import annotations

import json
import secrets
from datetime import datetime

import aiosqlite

from storage import postings
from storage.db import Database
from storage.models import CurationRecord, Publication
from storage.timefmt import from_db, maybe_from_db, to_db

PUBLICATION_COLUMNS = (
    "id, consultation_id, version, organiser_id, content_hash, channel, status, message_ids, "
    "error, content, created_at, finished_at"
)


def _publication(row: aiosqlite.Row) -> Publication:
    """A Publication from a row of PUBLICATION_COLUMNS."""
    return Publication(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        tuple(json.loads(row[7])),
        row[8],
        row[9],
        from_db(row[10]),
        maybe_from_db(row[11]),
    )


class SummaryRepository:
    """Curation and publications."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_curation(
        self,
        consultation_id: int,
        question_key: str,
        kind: str,
        organiser_id: int,
        now: datetime,
        ref: str = "",
        target_ref: str = "",
        label: str = "",
    ) -> None:
        """Append one action to the curation log."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO curation_action (consultation_id, question_key, kind, ref, target_ref, "
                "label, organiser_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    consultation_id,
                    question_key,
                    kind,
                    ref,
                    target_ref,
                    label,
                    organiser_id,
                    to_db(now),
                ),
            )

        await self.db.write(op)

    async def curation_log(self, consultation_id: int) -> list[CurationRecord]:
        """Every curation action of a consultation, in the order taken."""
        rows = await self.db.fetchall(
            "SELECT id, question_key, kind, ref, target_ref, label, organiser_id, created_at "
            "FROM curation_action WHERE consultation_id = ? ORDER BY id",
            (consultation_id,),
        )
        return [
            CurationRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], from_db(r[7])) for r in rows
        ]

    async def start_publication(
        self,
        consultation_id: int,
        organiser_id: int,
        content_hash: str,
        channel: str,
        content: str,
        now: datetime,
    ) -> Publication:
        """Record a new version as 'posting' before anything is sent."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "INSERT INTO publication (consultation_id, version, organiser_id, content_hash, "
                "channel, status, content, created_at) VALUES (?, (SELECT COALESCE(MAX(version), 0) "
                "+ 1 FROM publication WHERE consultation_id = ?), ?, ?, ?, 'posting', ?, ?)",
                (
                    consultation_id,
                    consultation_id,
                    organiser_id,
                    content_hash,
                    channel,
                    content,
                    to_db(now),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        publication_id = await self.db.write(op)
        found = await self.publication(publication_id)
        assert found is not None
        return found

    async def record_posted_message(self, publication_id: int, message_id: int) -> None:
        """Add one posted channel message to a publication."""
        await postings.add_message(self.db, "publication", publication_id, message_id)

    async def finish_publication(
        self, publication_id: int, status: str, now: datetime, error: str = ""
    ) -> None:
        """Mark a publication 'posted' or 'failed' (with the error)."""
        await postings.finish(self.db, "publication", publication_id, status, now, error)

    async def publication(self, publication_id: int) -> Publication | None:
        """One publication by id."""
        row = await self.db.fetchone(
            f"SELECT {PUBLICATION_COLUMNS} FROM publication WHERE id = ?", (publication_id,)
        )
        return None if row is None else _publication(row)

    async def publications(self, consultation_id: int) -> list[Publication]:
        """Every publication of a consultation, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {PUBLICATION_COLUMNS} FROM publication WHERE consultation_id = ? ORDER BY version",
            (consultation_id,),
        )
        return [_publication(r) for r in rows]

    async def secret(self, name: str) -> bytes:
        """A random secret of this installation, made on first use and kept."""

        async def op(conn: aiosqlite.Connection) -> bytes:
            await conn.execute(
                "INSERT INTO instance_secret (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (name, secrets.token_bytes(32)),
            )
            row = await (
                await conn.execute("SELECT value FROM instance_secret WHERE name = ?", (name,))
            ).fetchone()
            assert row is not None
            return bytes(row[0])

        return await self.db.write(op)

    async def left_out_of_channel(self, consultation_id: int) -> frozenset[str]:
        """The keys of the questions an organiser left out of the channel post."""
        rows = await self.db.fetchall(
            "SELECT question_key FROM channel_left_out WHERE consultation_id = ?",
            (consultation_id,),
        )
        return frozenset(str(row[0]) for row in rows)

    async def set_left_out_of_channel(
        self, consultation_id: int, question_keys: list[str], left_out: bool, now: datetime
    ) -> None:
        """Leave these questions out of the channel post, or put them back in (one write)."""

        async def op(conn: aiosqlite.Connection) -> None:
            for key in question_keys:
                if left_out:
                    await conn.execute(
                        "INSERT OR IGNORE INTO channel_left_out "
                        "(consultation_id, question_key, created_at) VALUES (?, ?, ?)",
                        (consultation_id, key, to_db(now)),
                    )
                else:
                    await conn.execute(
                        "DELETE FROM channel_left_out "
                        "WHERE consultation_id = ? AND question_key = ?",
                        (consultation_id, key),
                    )

        await self.db.write(op)
