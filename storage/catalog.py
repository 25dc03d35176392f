"""Sync the configured consultations into the database by their stable keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.models import Catalog, ConsultationSpec, GroupRecord, QuestionRecord
from storage.timefmt import to_db

QUESTIONS = (
    "SELECT q.id, q.key, t.key AS theme_key, q.position, q.retired FROM question q "
    "JOIN theme t ON t.id = q.theme_id WHERE q.consultation_id = ? "
    "ORDER BY q.retired, q.position, q.id"
)
GROUPS = (
    "SELECT id, key, name, join_code, retired FROM discussion_group "
    "WHERE consultation_id = ? ORDER BY id"
)


class CatalogRepository:
    """Consultations, themes, questions and groups."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def sync_consultations(
        self, consultations: Iterable[ConsultationSpec], now: datetime
    ) -> dict[str, Catalog]:
        """Insert new keys, update texts, retire what the config no longer has; never delete."""
        specs, stamp = list(consultations), to_db(now)

        def sync(conn: sqlite3.Connection) -> dict[str, Catalog]:
            return {spec.key: _sync_one(conn, spec, stamp) for spec in specs}

        # One plain transaction: no hop to aiosqlite's thread per statement (start-up).
        return await self.db.apply(sync)

    async def catalog(self, consultation_key: str) -> Catalog:
        """The stored ids of a consultation's questions and groups."""
        row = await self.db.fetchone(
            "SELECT id FROM consultation WHERE key = ?", (consultation_key,)
        )
        if row is None:
            raise KeyError(consultation_key)
        cid = int(row["id"])
        questions = await self.db.fetchall(QUESTIONS, (cid,))
        groups = await self.db.fetchall(GROUPS, (cid,))
        return _catalog(cid, consultation_key, questions, groups)

    async def consultation_id(self, key: str) -> int | None:
        """The stored id of a consultation key (None before the first sync)."""
        row = await self.db.fetchone("SELECT id FROM consultation WHERE key = ?", (key,))
        return None if row is None else int(row[0])


def _catalog(
    cid: int, key: str, questions: Iterable[sqlite3.Row], groups: Iterable[sqlite3.Row]
) -> Catalog:
    """A Catalog from the rows of QUESTIONS and GROUPS."""
    return Catalog(
        consultation_id=cid,
        consultation_key=key,
        questions=tuple(
            QuestionRecord(
                r["id"], cid, r["key"], r["theme_key"], r["position"], bool(r["retired"])
            )
            for r in questions
        ),
        groups=tuple(
            GroupRecord(r["id"], cid, r["key"], r["name"], r["join_code"], bool(r["retired"]))
            for r in groups
        ),
    )


def _sync_one(conn: sqlite3.Connection, consultation: ConsultationSpec, now: str) -> Catalog:
    """Sync one consultation inside the caller's transaction; its catalogue as it now is."""
    conn.execute(
        "INSERT INTO consultation (key, title, synced_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET title = excluded.title, synced_at = excluded.synced_at",
        (consultation.key, consultation.title, now),
    )
    cid = _id(conn, "SELECT id FROM consultation WHERE key = ?", (consultation.key,))
    position = 0
    theme_keys, question_keys = [], []
    for t_pos, theme in enumerate(consultation.themes):
        theme_keys.append(theme.key)
        conn.execute(
            "INSERT INTO theme (consultation_id, key, position, title) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (consultation_id, key) DO UPDATE SET position = excluded.position, "
            "title = excluded.title, retired = 0",
            (cid, theme.key, t_pos, theme.title),
        )
        tid = _id(
            conn, "SELECT id FROM theme WHERE consultation_id = ? AND key = ?", (cid, theme.key)
        )
        for question_key, question_text in theme.questions:
            question_keys.append(question_key)
            conn.execute(
                "INSERT INTO question (consultation_id, theme_id, key, position, text) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id, key) DO UPDATE SET "
                "theme_id = excluded.theme_id, position = excluded.position, "
                "text = excluded.text, retired = 0",
                (cid, tid, question_key, position, question_text),
            )
            position += 1
    _retire(conn, "theme", cid, theme_keys)
    _retire(conn, "question", cid, question_keys)
    group_keys = []
    for group_key, group_name, join_code in consultation.groups:
        group_keys.append(group_key)
        conn.execute(
            "INSERT INTO discussion_group (consultation_id, key, name, join_code) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (consultation_id, key) DO UPDATE SET name = excluded.name, "
            "join_code = excluded.join_code, retired = 0",
            (cid, group_key, group_name, join_code),
        )
    _retire(conn, "discussion_group", cid, group_keys)
    questions = conn.execute(QUESTIONS, (cid,)).fetchall()
    groups = conn.execute(GROUPS, (cid,)).fetchall()
    return _catalog(cid, consultation.key, questions, groups)


def _retire(conn: sqlite3.Connection, table: str, cid: int, keep: Sequence[str]) -> None:
    """Mark rows of `table` whose key is not in `keep` as retired."""
    marks = ",".join("?" * len(keep)) or "''"
    conn.execute(
        f"UPDATE {table} SET retired = 1 WHERE consultation_id = ? AND key NOT IN ({marks})",
        (cid, *keep),
    )


def _id(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> int:
    """The id a lookup query returns (the row must exist)."""
    row = conn.execute(sql, params).fetchone()
    assert row is not None
    return int(row[0])
