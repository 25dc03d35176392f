"""Storage on a real SQLite file: pragmas, migrations, config sync, the batched writer, backup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import storage.schema
from storage import SchemaTooNewError, Storage
from storage.models import ConsultationSpec, ThemeSpec

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
THEMES = (
    ThemeSpec("naering", "Næringsutvikling", (("organisering", "Korleis?"), ("tiltak", "Kva?"))),
    ThemeSpec("helse", "Helse", (("helse-fungerer", "Kva fungerer?"),)),
)
GROUPS = (("gruppe-1", "Gruppe 1", "code-1"), ("gruppe-2", "Gruppe 2", "code-2"))
SPEC = ConsultationSpec("ting", "Tinget", THEMES, GROUPS)

LATEST = storage.schema.migrations()[-1][0]


def committed(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows as a separate connection (another process) sees them."""
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


async def joined(store: Storage, telegram_id: int = 5001, group: int = 0) -> tuple[int, int]:
    """Sync SPEC, join a participant; returns (participant id, first question id)."""
    catalog = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    first = catalog.active_questions[0].id
    participant = await store.participants.join(
        catalog.consultation_id, telegram_id, "Kari", catalog.groups[group].id, first, NOW
    )
    return participant.id, first


async def test_pragmas_on_both_connections(store: Storage) -> None:
    async with store.db.transaction() as writer:
        connections = [writer, store.db.reader]
        for conn in connections:
            values = {}
            for pragma in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous"):
                row = await (await conn.execute(f"PRAGMA {pragma}")).fetchone()
                assert row is not None
                values[pragma] = row[0]
            assert values == {
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": 5000,
                "synchronous": 1,  # NORMAL
            }


async def test_database_and_its_folder_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "ting.sqlite3"
    opened = await Storage.open(path)
    await opened.close()
    latest = storage.schema.migrations()[-1][0]
    assert committed(path, "PRAGMA user_version") == [(latest,)]
    tables = {r[0] for r in committed(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"consultation", "question", "participant", "answer", "answer_revision"} <= tables


async def test_migrations_apply_by_user_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ting.sqlite3"
    first = await Storage.open(path)
    await joined(first)
    await first.close()
    bundled = storage.schema.migrations()
    extra = (LATEST + 1, "9999_extra.sql", "CREATE TABLE extra (id INTEGER PRIMARY KEY);")
    monkeypatch.setattr(storage.schema, "migrations", lambda: [*bundled, extra])
    # 0001 would fail if it ran again (its tables exist): only 0002 may run.
    second = await Storage.open(path)
    assert second.db.schema_version == LATEST + 1
    await second.close()
    assert committed(path, "PRAGMA user_version") == [(LATEST + 1,)]
    assert committed(path, "SELECT count(*) FROM extra") == [(0,)]
    assert committed(path, "SELECT count(*) FROM participant") == [(1,)]


async def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ting.sqlite3"
    await (await Storage.open(path)).close()
    bundled = storage.schema.migrations()
    broken = (
        LATEST + 1,
        "9999_broken.sql",
        "CREATE TABLE extra (id INTEGER);\nINSERT INTO nowhere VALUES (1);",
    )
    monkeypatch.setattr(storage.schema, "migrations", lambda: [*bundled, broken])
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        await Storage.open(path)
    assert committed(path, "PRAGMA user_version") == [(LATEST,)]
    assert committed(path, "SELECT name FROM sqlite_master WHERE name = 'extra'") == []


async def test_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ting.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 42")
    with pytest.raises(SchemaTooNewError, match=rf"schema version 42.*knows only up to {LATEST}"):
        await Storage.open(path)
    assert committed(path, "PRAGMA user_version") == [(42,)]
    assert committed(path, "SELECT name FROM sqlite_master") == []


async def test_sync_inserts_everything_once(store: Storage) -> None:
    first = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    again = (await store.consultations.sync_consultations([SPEC], NOW + timedelta(days=1)))["ting"]
    assert first == again
    assert [q.key for q in first.active_questions] == ["organisering", "tiltak", "helse-fungerer"]
    assert [q.theme_key for q in first.active_questions] == ["naering", "naering", "helse"]
    assert [g.join_code for g in first.groups] == ["code-1", "code-2"]
    path = store.db.path
    assert committed(path, "SELECT count(*) FROM question") == [(3,)]
    assert committed(path, "SELECT synced_at FROM consultation") == [
        ("2026-12-02T12:00:00.000000+00:00",)
    ]


async def test_sync_adds_retires_and_updates_by_key(store: Storage) -> None:
    participant, first = await joined(store)
    await store.answers.add_answer(
        participant, first, "Eit regionalt næringsselskap", 5001, 10, NOW
    )
    changed = ConsultationSpec(
        "ting",
        "Tinget 2026",
        (
            ThemeSpec("naering", "Næring", (("tiltak", "Kva tiltak?"), ("ny", "Nytt spørsmål?"))),
            THEMES[1],
        ),
        (*GROUPS, ("gruppe-3", "Gruppe 3", "code-3")),
    )
    catalog = (await store.consultations.sync_consultations([changed], NOW))["ting"]
    assert [q.key for q in catalog.active_questions] == ["tiltak", "ny", "helse-fungerer"]
    retired = catalog.question_by_key("organisering")
    assert retired is not None and retired.retired and retired.id == first
    assert [g.key for g in catalog.groups] == ["gruppe-1", "gruppe-2", "gruppe-3"]
    path = store.db.path
    assert committed(path, "SELECT text FROM question WHERE key = 'tiltak'") == [("Kva tiltak?",)]
    assert committed(path, "SELECT title FROM theme WHERE key = 'naering'") == [("Næring",)]
    assert committed(path, "SELECT title FROM consultation") == [("Tinget 2026",)]
    # The retired question's answer is kept.
    assert [a.text for a in await store.answers.answers_of(participant)] == [
        "Eit regionalt næringsselskap"
    ]
    # Putting the question back brings it back with the same id.
    back = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    assert back.active_questions[0].id == first
    assert not any(g.retired for g in back.groups[:2])
    assert back.group_by_key("gruppe-3") is not None and back.group_by_key("gruppe-3").retired


async def test_answer_is_stored_once_per_message(store: Storage) -> None:
    participant, first = await joined(store)
    answer, created = await store.answers.add_answer(participant, first, "Punkt", 5001, 7, NOW)
    again, created_again = await store.answers.add_answer(participant, first, "Punkt", 5001, 7, NOW)
    assert (created, created_again) == (True, False)
    assert again == answer
    assert committed(store.db.path, "SELECT count(*) FROM answer") == [(1,)]
    assert committed(store.db.path, "SELECT created_at FROM answer") == [
        ("2026-12-01T12:00:00.000000+00:00",)
    ]


async def test_revision_keeps_the_old_text(store: Storage) -> None:
    participant, first = await joined(store)
    answer, _ = await store.answers.add_answer(participant, first, "Gamal tekst", 5001, 7, NOW)
    later = NOW + timedelta(hours=1)
    revised, changed = await store.answers.revise_answer(answer.id, "Ny tekst", 9, later)
    repeated, changed_again = await store.answers.revise_answer(answer.id, "Ny tekst", 9, later)
    assert (changed, changed_again) == (True, False)
    assert revised.text == repeated.text == "Ny tekst"
    assert revised.updated_at == later and revised.created_at == NOW
    assert [(r.text, r.replaced_at) for r in await store.answers.revisions(answer.id)] == [
        ("Gamal tekst", later)
    ]
    with pytest.raises(LookupError):
        await store.answers.revise_answer(9999, "x", 10, later)


async def test_withdraw_and_restore(store: Storage) -> None:
    participant, first = await joined(store)
    answer, _ = await store.answers.add_answer(participant, first, "Punkt", 5001, 7, NOW)
    await store.answers.set_answer_status(answer.id, "withdrawn", NOW)
    withdrawn = await store.answers.answer(answer.id)
    assert withdrawn is not None and not withdrawn.active
    await store.answers.set_answer_status(answer.id, "active", NOW)
    restored = await store.answers.answer(answer.id)
    assert restored is not None and restored.active
    with pytest.raises(sqlite3.IntegrityError):
        await store.answers.set_answer_status(answer.id, "deleted", NOW)


async def test_withdrawn_answers_are_the_ones_answers_in_leaves_out(store: Storage) -> None:
    participant, first = await joined(store)
    kept, _ = await store.answers.add_answer(participant, first, "Punkt", 5001, 7, NOW)
    gone, _ = await store.answers.add_answer(participant, first + 1, "Trekt", 5001, 8, NOW)
    await store.answers.set_answer_status(gone.id, "withdrawn", NOW)
    catalog = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    active = await store.answers.answers_in(catalog.consultation_id)
    every = await store.answers.answers_in(catalog.consultation_id, include_withdrawn=True)
    withdrawn = await store.answers.withdrawn_in(catalog.consultation_id)
    assert [a.answer_id for a in active] == [kept.id]
    assert [(a.answer_id, a.text, a.status) for a in withdrawn] == [(gone.id, "Trekt", "withdrawn")]
    assert sorted(every, key=lambda a: a.answer_id) == sorted(
        active + withdrawn, key=lambda a: a.answer_id
    )


async def test_joining_another_group_moves_the_participant(store: Storage) -> None:
    participant, first = await joined(store, group=0)
    await store.answers.add_answer(participant, first, "Punkt", 5001, 7, NOW)
    await store.participants.set_cursor(participant, None)
    catalog = await store.consultations.catalog("ting")
    moved = await store.participants.join(
        catalog.consultation_id, 5001, "Kari", catalog.groups[1].id, 1, NOW
    )
    assert moved.id == participant
    assert moved.group_id == catalog.groups[1].id
    assert moved.question_id is None  # the cursor stays where it was
    assert len(await store.answers.answers_of(participant)) == 1
    assert committed(store.db.path, "SELECT count(*) FROM participant") == [(1,)]


async def test_foreign_keys_are_enforced(store: Storage) -> None:
    await joined(store)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        await store.answers.add_answer(999, 1, "Punkt", 5001, 7, NOW)
    assert committed(store.db.path, "SELECT count(*) FROM answer") == [(0,)]
