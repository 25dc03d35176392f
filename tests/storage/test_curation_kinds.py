"""Migration 0009: split and keep-apart curation records, and the log kept across it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import storage.schema
from bot.domain.curation import KeepApart, Split
from bot.services.curation import stored_form
from bot.services.summary import to_action
from storage import Storage
from storage.models import ConsultationSpec, ThemeSpec

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SPEC = ConsultationSpec(
    "ting",
    "Tinget",
    (ThemeSpec("naering", "Næringsutvikling", (("organisering", "Korleis?"),)),),
    (("gruppe-1", "Gruppe 1", "code-1"),),
)


async def test_split_and_keep_apart_round_trip_through_the_log(tmp_path: Path) -> None:
    store = await Storage.open(tmp_path / "ting.sqlite3")
    try:
        catalog = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
        for action in (Split(("41.0", "42", "43.1")), KeepApart("41.0", "44.0")):
            kind, ref, target_ref, label = stored_form(action)
            await store.summaries.add_curation(
                catalog.consultation_id, "organisering", kind, 7, NOW, ref, target_ref, label
            )
        log = await store.summaries.curation_log(catalog.consultation_id)
    finally:
        await store.close()
    assert [to_action(record) for record in log] == [
        Split(("41.0", "42", "43.1")),
        KeepApart("41.0", "44.0"),
    ]


async def test_0009_keeps_earlier_records_and_still_refuses_unknown_kinds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ting.sqlite3"
    bundled = storage.schema.migrations()
    monkeypatch.setattr(storage.schema, "migrations", lambda: [m for m in bundled if m[0] < 9])
    store = await Storage.open(path)
    assert store.db.schema_version < 9
    catalog = (await store.consultations.sync_consultations([SPEC], NOW))["ting"]
    await store.summaries.add_curation(
        catalog.consultation_id, "organisering", "merge", 7, NOW, "1.0", "2.0"
    )
    await store.close()
    monkeypatch.setattr(storage.schema, "migrations", lambda: bundled)
    store = await Storage.open(path)
    try:
        (record,) = await store.summaries.curation_log(catalog.consultation_id)
        assert (record.id, record.kind, record.ref, record.target_ref) == (1, "merge", "1.0", "2.0")
        with pytest.raises(sqlite3.IntegrityError):
            await store.summaries.add_curation(
                catalog.consultation_id, "organisering", "zap", 7, NOW
            )
    finally:
        await store.close()
