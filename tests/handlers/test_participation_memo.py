"""The current participation is remembered, and found again after anything that changes it."""

from __future__ import annotations

from dataclasses import replace

from bot.services.participation import current
from tests.support.flow import KARI
from tests.support.harness import Harness


async def test_remembered_until_a_write_or_a_new_sync_changes_it(h: Harness) -> None:
    d = h.app.bot_data.deps
    await h.join(KARI, language="nn")
    first = await current(d, KARI, "nn")
    assert first is not None and first.language == "nn"
    assert await current(d, KARI, "nn") is first  # nothing changed: not looked up again
    await h.text(KARI, "Eit felles næringsselskap")  # answers leave participations alone
    assert await current(d, KARI, "nn") is first

    await h.command(KARI, "sprak")
    await h.press(KARI, "English")
    changed = await current(d, KARI, "nn")
    assert changed is not None and changed.language == "en"

    key = first.consultation.key
    d.catalogs = {**d.catalogs, key: replace(d.catalogs[key])}  # synced again: new catalogues
    synced = await current(d, KARI, "nn")
    assert synced is not None and synced.catalog is d.catalogs[key]
    assert synced.language == "en"
