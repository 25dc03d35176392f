"""Watch the single writer: the size of every batch of writes it commits."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest

from storage import Storage


def spy_batches(store: Storage, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the size of every batch of operations the writer commits (in order)."""
    sizes: list[int] = []
    settle = store.db._settle

    def recording(batch: list[Any], outcome: Any) -> None:
        sizes.append(len(batch))
        settle(batch, outcome)

    monkeypatch.setattr(store.db, "_settle", recording)
    return sizes


async def queued_together(store: Storage, *writes: Coroutine[Any, Any, Any]) -> list[Any]:
    """Run `writes` queued while the writer is held, so that they form one batch; outcomes."""
    async with store.db.transaction():
        tasks = [asyncio.ensure_future(write) for write in writes]
        await asyncio.sleep(0)  # every write is queued behind the transaction
    return list(await asyncio.gather(*tasks, return_exceptions=True))
