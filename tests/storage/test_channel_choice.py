"""Migration 0015: the questions left out of the channel post, per consultation."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import Storage
from storage.models import ConsultationSpec, ThemeSpec

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def spec(key: str) -> ConsultationSpec:
    """A consultation with two questions under one theme and one group."""
    questions = (("organisering", "Korleis?"), ("tiltak", "Kva tiltak?"))
    return ConsultationSpec(
        key,
        key.title(),
        (ThemeSpec("naering", "Næringsutvikling", questions),),
        ((f"{key}-1", "Gruppe 1", f"{key}-code"),),
    )


async def test_questions_go_out_and_back_in_per_consultation(store: Storage) -> None:
    catalogs = await store.consultations.sync_consultations([spec("ting"), spec("anna")], NOW)
    ting, anna = catalogs["ting"].consultation_id, catalogs["anna"].consultation_id
    assert await store.summaries.left_out_of_channel(ting) == frozenset()
    await store.summaries.set_left_out_of_channel(ting, ["organisering", "tiltak"], True, NOW)
    await store.summaries.set_left_out_of_channel(ting, ["tiltak"], True, NOW)  # twice: once
    assert await store.summaries.left_out_of_channel(ting) == {"organisering", "tiltak"}
    assert await store.summaries.left_out_of_channel(anna) == frozenset()
    await store.summaries.set_left_out_of_channel(ting, ["organisering"], False, NOW)
    assert await store.summaries.left_out_of_channel(ting) == {"tiltak"}
    await store.summaries.set_left_out_of_channel(ting, ["organisering"], False, NOW)
    assert await store.summaries.left_out_of_channel(ting) == {"tiltak"}
