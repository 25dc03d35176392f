"""The cross-group round: organisers opening and closing it, and participants' votes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import RoundVote
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class StoredRoundEvent:
    """An organiser opened (`opens`) or closed the round."""

    opens: bool
    organiser_id: int
    at: datetime


VOTE_COLUMNS = (
    "v.participant_id, p.group_id, v.point_key, v.question_key, v.label, v.choice, v.voted_at"
)


def _vote(row: aiosqlite.Row) -> RoundVote:
    """A RoundVote from a row of VOTE_COLUMNS."""
    return RoundVote(row[0], row[1], row[2], row[3], row[4], row[5], from_db(row[6]))


class RoundRepository:
    """Round events and votes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_round_event(
        self, consultation_id: int, opens: bool, organiser_id: int, now: datetime
    ) -> None:
        """Record that an organiser opened or closed the round."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO round_event (consultation_id, opens, organiser_id, at) "
                "VALUES (?, ?, ?, ?)",
                (consultation_id, int(opens), organiser_id, to_db(now)),
            )

        await self.db.write(op)

    async def round_events(self, consultation_id: int) -> list[StoredRoundEvent]:
        """Every opening and closing of a consultation's round, oldest first."""
        rows = await self.db.fetchall(
            "SELECT opens, organiser_id, at FROM round_event WHERE consultation_id = ? "
            "ORDER BY at, id",
            (consultation_id,),
        )
        return [StoredRoundEvent(bool(r[0]), r[1], from_db(r[2])) for r in rows]

    async def record_round_vote(
        self,
        participant_id: int,
        point_refs: Collection[str],
        point_key: str,
        question_key: str,
        label: str,
        choice: str,
        now: datetime,
    ) -> None:
        """Store a vote on a point, replacing the participant's earlier vote on any of its refs."""

        async def op(conn: aiosqlite.Connection) -> None:
            refs = sorted({*point_refs, point_key})
            marks = ",".join("?" * len(refs))
            await conn.execute(
                f"DELETE FROM round_vote WHERE participant_id = ? AND point_key IN ({marks})",
                (participant_id, *refs),
            )
            await conn.execute(
                "INSERT INTO round_vote (participant_id, point_key, question_key, label, choice, "
                "voted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (participant_id, point_key, question_key, label, choice, to_db(now)),
            )

        await self.db.write(op)

    async def round_votes_of(self, participant_id: int) -> list[RoundVote]:
        """A participant's votes, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {VOTE_COLUMNS} FROM round_vote v JOIN participant p "
            "ON p.id = v.participant_id WHERE v.participant_id = ? ORDER BY v.voted_at, v.rowid",
            (participant_id,),
        )
        return [_vote(r) for r in rows]

    async def round_votes(self, consultation_id: int) -> list[RoundVote]:
        """Every vote of a consultation's round, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {VOTE_COLUMNS} FROM round_vote v JOIN participant p "
            "ON p.id = v.participant_id WHERE p.consultation_id = ? "
            "ORDER BY v.voted_at, v.rowid",
            (consultation_id,),
        )
        return [_vote(r) for r in rows]
