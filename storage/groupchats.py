"""Linked group chats and the question messages posted in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.models import ChatLink, ChatQuestion
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class LinkChange:
    """What linking a chat replaced: the group's earlier chat, if it had another one."""

    link: ChatLink
    previous_chat_id: int | None


LINK_COLUMNS = "group_id, chat_id, title, active, linked_by, linked_at"


def _link(row: aiosqlite.Row) -> ChatLink:
    """A ChatLink from a row of LINK_COLUMNS."""
    return ChatLink(row[0], row[1], row[2], bool(row[3]), row[4], from_db(row[5]))


class GroupChatRepository:
    """Which chat is which group's table, and the questions posted there."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def link_chat(
        self, group_id: int, chat_id: int, title: str, organiser_id: int, now: datetime
    ) -> LinkChange:
        """Make `chat_id` the group's chat, replacing the group's earlier chat and any
        inactive link of this chat to another group (callers refuse active ones)."""

        async def op(conn: aiosqlite.Connection) -> LinkChange:
            stamp = to_db(now)
            row = await (
                await conn.execute("SELECT chat_id FROM group_chat WHERE group_id = ?", (group_id,))
            ).fetchone()
            previous = None if row is None or row[0] == chat_id else int(row[0])
            await conn.execute(
                "DELETE FROM group_chat WHERE chat_id = ? AND group_id != ?", (chat_id, group_id)
            )
            await conn.execute(
                "INSERT INTO group_chat (group_id, chat_id, title, active, linked_by, linked_at, "
                "changed_at) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET "
                "chat_id = excluded.chat_id, title = excluded.title, active = 1, "
                "linked_by = excluded.linked_by, linked_at = excluded.linked_at, "
                "changed_at = excluded.changed_at",
                (group_id, chat_id, title, organiser_id, stamp, stamp),
            )
            found = await (
                await conn.execute(
                    f"SELECT {LINK_COLUMNS} FROM group_chat WHERE group_id = ?", (group_id,)
                )
            ).fetchone()
            assert found is not None
            return LinkChange(_link(found), previous)

        return await self.db.write(op)

    async def unlink_chat(self, chat_id: int) -> bool:
        """Remove the link of a chat; False if it had none. Answers stay."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute("DELETE FROM group_chat WHERE chat_id = ?", (chat_id,))
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def set_chat_active(self, chat_id: int, active: bool, now: datetime) -> bool:
        """Mark a chat's link (in)active (the bot left or came back); False if none changed."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE group_chat SET active = ?, changed_at = ? WHERE chat_id = ? AND active != ?",
                (int(active), to_db(now), chat_id, int(active)),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int, now: datetime) -> bool:
        """Let a link follow its chat to its new (supergroup) id; False if nothing moved."""

        async def op(conn: aiosqlite.Connection) -> bool:
            cursor = await conn.execute(
                "UPDATE group_chat SET chat_id = ?, changed_at = ? WHERE chat_id = ? AND NOT "
                "EXISTS (SELECT 1 FROM group_chat WHERE chat_id = ?)",
                (new_chat_id, to_db(now), old_chat_id, new_chat_id),
            )
            return cursor.rowcount > 0

        return await self.db.write(op)

    async def chat_link(self, chat_id: int) -> ChatLink | None:
        """The link of a chat, if it is some group's chat."""
        row = await self.db.fetchone(
            f"SELECT {LINK_COLUMNS} FROM group_chat WHERE chat_id = ?", (chat_id,)
        )
        return None if row is None else _link(row)

    async def group_chat_of(self, group_id: int) -> ChatLink | None:
        """The chat linked to a group, if any."""
        row = await self.db.fetchone(
            f"SELECT {LINK_COLUMNS} FROM group_chat WHERE group_id = ?", (group_id,)
        )
        return None if row is None else _link(row)

    async def add_chat_question(
        self, chat_id: int, message_id: int, group_id: int, question_id: int, now: datetime
    ) -> None:
        """Remember that a message in a chat posted a question."""

        async def op(conn: aiosqlite.Connection) -> None:
            await conn.execute(
                "INSERT OR REPLACE INTO chat_question (chat_id, message_id, group_id, "
                "question_id, posted_at) VALUES (?, ?, ?, ?, ?)",
                (chat_id, message_id, group_id, question_id, to_db(now)),
            )

        await self.db.write(op)

    async def chat_question(self, chat_id: int, message_id: int) -> ChatQuestion | None:
        """The question a message of a chat posted, if it posted one."""
        row = await self.db.fetchone(
            "SELECT chat_id, message_id, group_id, question_id FROM chat_question "
            "WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return None if row is None else ChatQuestion(row[0], row[1], row[2], row[3])

    async def chat_questions(self, chat_id: int) -> list[ChatQuestion]:
        """Every question message posted in a chat, oldest first."""
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id, group_id, question_id FROM chat_question "
            "WHERE chat_id = ? ORDER BY posted_at, message_id",
            (chat_id,),
        )
        return [ChatQuestion(r[0], r[1], r[2], r[3]) for r in rows]

    async def chat_links(self, consultation_id: int) -> list[ChatLink]:
        """Every linked chat of a consultation's groups."""
        rows = await self.db.fetchall(
            f"SELECT {', '.join('c.' + c for c in LINK_COLUMNS.split(', '))} FROM group_chat c "
            "JOIN discussion_group g ON g.id = c.group_id WHERE g.consultation_id = ? "
            "ORDER BY c.group_id",
            (consultation_id,),
        )
        return [_link(r) for r in rows]
