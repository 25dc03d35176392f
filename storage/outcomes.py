"""What became of the answers: the points of each published version, and the council's
decisions with what was posted of them."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime

import aiosqlite

from storage import postings
from storage.db import Database
from storage.models import Decision, PublishedPoint, PublishedPointSpec
from storage.timefmt import from_db, maybe_from_db, to_db

DECISION_COLUMNS = (
    "id, consultation_id, version, organiser_id, publication_id, text, meeting, minutes_url, "
    "status, message_ids, error, created_at, finished_at"
)


def _decision(row: aiosqlite.Row) -> Decision:
    """A Decision from a row of DECISION_COLUMNS."""
    return Decision(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        tuple(json.loads(row[9])),
        row[10],
        from_db(row[11]),
        maybe_from_db(row[12]),
    )


class OutcomeRepository:
    """Published points with their answers, and decisions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record_published_points(
        self, publication_id: int, points: Sequence[PublishedPointSpec]
    ) -> None:
        """Store the points of a publication and the answers in each, in one transaction."""

        async def op(conn: aiosqlite.Connection) -> None:
            for p in points:
                cursor = await conn.execute(
                    "INSERT INTO published_point (publication_id, question_key, point_key, label, "
                    "headline, groups, groups_answering, agree, votes, common_ground) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        publication_id,
                        p.question_key,
                        p.point_key,
                        p.label,
                        int(p.headline),
                        p.groups,
                        p.groups_answering,
                        p.agree,
                        p.votes,
                        int(p.common_ground),
                    ),
                )
                point_id = cursor.lastrowid
                # An answer deleted since the draft was compiled has nothing left to point at.
                await conn.executemany(
                    "INSERT INTO published_answer (point_id, answer_id) SELECT ?, id FROM answer "
                    "WHERE id = ? ON CONFLICT DO NOTHING",
                    [(point_id, answer_id) for answer_id in sorted(set(p.answer_ids))],
                )

        await self.db.write(op)

    async def points_of_answers(
        self, publication_id: int, answer_ids: Collection[int]
    ) -> list[PublishedPoint]:
        """The published points of `publication_id` that each of `answer_ids` is part of,
        headline points first, then by question and point."""
        if not answer_ids:
            return []
        marks = ", ".join("?" for _ in answer_ids)
        rows = await self.db.fetchall(
            "SELECT a.answer_id, p.question_key, p.point_key, p.label, p.headline, p.groups, "
            "p.groups_answering, p.agree, p.votes, p.common_ground FROM published_answer a "
            "JOIN published_point p ON p.id = a.point_id "
            f"WHERE p.publication_id = ? AND a.answer_id IN ({marks}) "
            "ORDER BY a.answer_id, p.headline DESC, p.id",
            (publication_id, *answer_ids),
        )
        return [
            PublishedPoint(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], bool(r[9]))
            for r in rows
        ]

    async def points_by_participant(self, publication_id: int) -> dict[int, list[PublishedPoint]]:
        """Participant id → the published points of `publication_id` their answers are part of
        (each point once, headline points first)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT ans.participant_id, p.id, p.question_key, p.point_key, p.label, "
            "p.headline, p.groups, p.groups_answering, p.agree, p.votes, p.common_ground "
            "FROM published_answer a JOIN published_point p ON p.id = a.point_id "
            "JOIN answer ans ON ans.id = a.answer_id WHERE p.publication_id = ? "
            "ORDER BY ans.participant_id, p.headline DESC, p.id",
            (publication_id,),
        )
        found: dict[int, list[PublishedPoint]] = {}
        for r in rows:
            point = PublishedPoint(
                0, r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], bool(r[10])
            )
            found.setdefault(r[0], []).append(point)
        return found

    async def start_decision(
        self,
        consultation_id: int,
        organiser_id: int,
        publication_id: int | None,
        text: str,
        meeting: str,
        minutes_url: str,
        now: datetime,
    ) -> Decision:
        """Record a new version of the decision as 'posting' before anything is sent."""

        async def op(conn: aiosqlite.Connection) -> int:
            cursor = await conn.execute(
                "INSERT INTO decision (consultation_id, version, organiser_id, publication_id, "
                "text, meeting, minutes_url, status, created_at) VALUES (?, (SELECT "
                "COALESCE(MAX(version), 0) + 1 FROM decision WHERE consultation_id = ?), ?, ?, ?, "
                "?, ?, 'posting', ?)",
                (
                    consultation_id,
                    consultation_id,
                    organiser_id,
                    publication_id,
                    text,
                    meeting,
                    minutes_url,
                    to_db(now),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        found = await self.decision(await self.db.write(op))
        assert found is not None
        return found

    async def record_decision_message(self, decision_id: int, message_id: int) -> None:
        """Add one posted channel message to a decision."""
        await postings.add_message(self.db, "decision", decision_id, message_id)

    async def finish_decision(
        self, decision_id: int, status: str, now: datetime, error: str = ""
    ) -> None:
        """Mark a decision 'posted' or 'failed' (with the error)."""
        await postings.finish(self.db, "decision", decision_id, status, now, error)

    async def decision(self, decision_id: int) -> Decision | None:
        """One decision by id."""
        row = await self.db.fetchone(
            f"SELECT {DECISION_COLUMNS} FROM decision WHERE id = ?", (decision_id,)
        )
        return None if row is None else _decision(row)

    async def decisions(self, consultation_id: int) -> list[Decision]:
        """Every decision of a consultation, oldest version first."""
        rows = await self.db.fetchall(
            f"SELECT {DECISION_COLUMNS} FROM decision WHERE consultation_id = ? ORDER BY version",
            (consultation_id,),
        )
        return [_decision(r) for r in rows]

    async def finish_notices(self, consultation_id: int, slot_key: str, now: datetime) -> None:
        """Record that the notices of a slot ('outcome:<v>', 'decision:<v>') were all sent."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO outcome_notice (consultation_id, slot_key, finished_at) "
                "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (consultation_id, slot_key, to_db(now)),
            )

        await self.db.write(op)

    async def finished_notices(self, consultation_id: int) -> set[str]:
        """The slots whose notices a job finished sending."""
        rows = await self.db.fetchall(
            "SELECT slot_key FROM outcome_notice WHERE consultation_id = ?", (consultation_id,)
        )
        return {r[0] for r in rows}
