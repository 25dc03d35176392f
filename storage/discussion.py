"""A group's referent, the polls that weigh its points, and its joint answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import GroupPoll
from storage.timefmt import from_db, maybe_from_db, to_db


@dataclass(frozen=True)
class Referent:
    """A group's confirmed referent."""

    group_id: int
    telegram_id: int
    confirmed_by: int
    confirmed_at: datetime


@dataclass(frozen=True)
class GroupAnswer:
    """A group's joint answer to a question: the choice in progress and the confirmed refs."""

    group_id: int
    question_id: int
    selected: frozenset[str]
    confirmed: frozenset[str] | None
    confirmed_by: int | None
    confirmed_at: datetime | None


POLL_COLUMNS = (
    "poll_id, chat_id, message_id, group_id, question_id, refs, anonymous, counts, voters"
)
ANSWER_COLUMNS = "group_id, question_id, selected, confirmed, confirmed_by, confirmed_at"


def _poll(row: aiosqlite.Row) -> GroupPoll:
    """A GroupPoll from a row of POLL_COLUMNS."""
    return GroupPoll(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        tuple(json.loads(row[5])),
        bool(row[6]),
        tuple(json.loads(row[7])),
        row[8],
    )


def _answer(row: aiosqlite.Row) -> GroupAnswer:
    """A GroupAnswer from a row of ANSWER_COLUMNS."""
    confirmed = None if row[3] is None else frozenset(json.loads(row[3]))
    return GroupAnswer(
        row[0], row[1], frozenset(json.loads(row[2])), confirmed, row[4], maybe_from_db(row[5])
    )


class DiscussionRepository:
    """Referents, polls and joint answers of groups."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def referent(self, group_id: int) -> Referent | None:
        """The group's confirmed referent, if it has one."""
        row = await self.db.fetchone(
            "SELECT group_id, telegram_id, confirmed_by, confirmed_at FROM referent "
            "WHERE group_id = ?",
            (group_id,),
        )
        return None if row is None else Referent(row[0], row[1], row[2], from_db(row[3]))

    async def set_referent(
        self, group_id: int, telegram_id: int, confirmed_by: int, now: datetime
    ) -> None:
        """Make a member the group's referent; open offers of the group are settled."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO referent (group_id, telegram_id, confirmed_by, confirmed_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET "
                "telegram_id = excluded.telegram_id, confirmed_by = excluded.confirmed_by, "
                "confirmed_at = excluded.confirmed_at",
                (group_id, telegram_id, confirmed_by, to_db(now)),
            )
            await conn.execute("DELETE FROM referent_offer WHERE group_id = ?", (group_id,))

        await self.db.write(op)

    async def offer_referent(self, group_id: int, telegram_id: int, now: datetime) -> None:
        """A member offers to be the group's referent."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR IGNORE INTO referent_offer (group_id, telegram_id, offered_at) "
                "VALUES (?, ?, ?)",
                (group_id, telegram_id, to_db(now)),
            )

        await self.db.write(op)

    async def has_referent_offer(self, group_id: int, telegram_id: int) -> bool:
        """Whether the member's offer to be referent is open."""
        row = await self.db.fetchone(
            "SELECT 1 FROM referent_offer WHERE group_id = ? AND telegram_id = ?",
            (group_id, telegram_id),
        )
        return row is not None

    async def add_poll(
        self,
        poll: GroupPoll,
        opened_by: int,
        now: datetime,
    ) -> None:
        """Record a poll the bot sent."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO group_poll (poll_id, chat_id, message_id, group_id, question_id, "
                "refs, anonymous, counts, voters, opened_by, opened_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    poll.poll_id,
                    poll.chat_id,
                    poll.message_id,
                    poll.group_id,
                    poll.question_id,
                    json.dumps(list(poll.refs)),
                    int(poll.anonymous),
                    json.dumps(list(poll.counts)),
                    poll.voters,
                    opened_by,
                    to_db(now),
                ),
            )

        await self.db.write(op)

    async def poll(self, poll_id: str) -> GroupPoll | None:
        """A poll the bot sent, by Telegram's poll id."""
        row = await self.db.fetchone(
            f"SELECT {POLL_COLUMNS} FROM group_poll WHERE poll_id = ?", (poll_id,)
        )
        return None if row is None else _poll(row)

    async def polls_for(self, group_id: int, question_id: int) -> list[GroupPoll]:
        """The polls of a group's question, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {POLL_COLUMNS} FROM group_poll WHERE group_id = ? AND question_id = ? "
            "ORDER BY opened_at, rowid",
            (group_id, question_id),
        )
        return [_poll(r) for r in rows]

    async def record_poll_counts(self, poll_id: str, counts: list[int], voters: int) -> bool:
        """Store a poll's latest results (from a Poll update); False for unknown polls."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE group_poll SET counts = ?, voters = ? WHERE poll_id = ?",
                (json.dumps(counts), voters, poll_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def record_poll_vote(
        self, poll_id: str, telegram_id: int, options: list[int], now: datetime
    ) -> None:
        """Store a voter's choice, replacing the earlier one; no options retracts the vote."""

        async def op(conn: aiosqlite.Connection) -> None:
            if not options:
                await conn.execute(
                    "DELETE FROM poll_vote WHERE poll_id = ? AND telegram_id = ?",
                    (poll_id, telegram_id),
                )
                return
            await conn.execute(
                "INSERT INTO poll_vote (poll_id, telegram_id, options, voted_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (poll_id, telegram_id) DO UPDATE SET "
                "options = excluded.options, voted_at = excluded.voted_at",
                (poll_id, telegram_id, json.dumps(sorted(set(options))), to_db(now)),
            )

        await self.db.write(op)

    async def poll_votes(self, poll_id: str) -> dict[int, tuple[int, ...]]:
        """Voter → chosen option indexes of a poll."""
        rows = await self.db.fetchall(
            "SELECT telegram_id, options FROM poll_vote WHERE poll_id = ?", (poll_id,)
        )
        return {r[0]: tuple(json.loads(r[1])) for r in rows}

    async def group_answer(self, group_id: int, question_id: int) -> GroupAnswer | None:
        """A group's joint answer to a question (in progress or confirmed)."""
        row = await self.db.fetchone(
            f"SELECT {ANSWER_COLUMNS} FROM group_answer WHERE group_id = ? AND question_id = ?",
            (group_id, question_id),
        )
        return None if row is None else _answer(row)

    async def set_selection(self, group_id: int, question_id: int, refs: frozenset[str]) -> None:
        """Store the points chosen so far for a group's joint answer."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT INTO group_answer (group_id, question_id, selected) VALUES (?, ?, ?) "
                "ON CONFLICT (group_id, question_id) DO UPDATE SET selected = excluded.selected",
                (group_id, question_id, json.dumps(sorted(refs))),
            )

        await self.db.write(op)

    async def confirm_group_answer(
        self, group_id: int, question_id: int, refs: frozenset[str], by: int, now: datetime
    ) -> None:
        """Confirm the group's joint answer as exactly these point refs."""

        async def op(conn: aiosqlite.Connection) -> None:
            data = json.dumps(sorted(refs))
            await conn.execute(
                "INSERT INTO group_answer (group_id, question_id, selected, confirmed, "
                "confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (group_id, question_id) DO UPDATE SET selected = excluded.selected, "
                "confirmed = excluded.confirmed, confirmed_by = excluded.confirmed_by, "
                "confirmed_at = excluded.confirmed_at",
                (group_id, question_id, data, data, by, to_db(now)),
            )

        await self.db.write(op)

    async def withdraw_group_answer(self, group_id: int, question_id: int) -> None:
        """Drop a confirmation: the members' points count again."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "UPDATE group_answer SET confirmed = NULL, confirmed_by = NULL, "
                "confirmed_at = NULL WHERE group_id = ? AND question_id = ?",
                (group_id, question_id),
            )

        await self.db.write(op)

    async def confirmed_group_answers(self, consultation_id: int) -> list[GroupAnswer]:
        """Every confirmed joint answer of a consultation's groups."""
        rows = await self.db.fetchall(
            f"SELECT {', '.join('a.' + c for c in ANSWER_COLUMNS.split(', '))} "
            "FROM group_answer a JOIN discussion_group g ON g.id = a.group_id "
            "WHERE g.consultation_id = ? AND a.confirmed IS NOT NULL "
            "ORDER BY a.group_id, a.question_id",
            (consultation_id,),
        )
        return [_answer(r) for r in rows]
