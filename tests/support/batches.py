"""Watch the writer's thread: the size of every batch of writes it runs."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine
from typing import Any

import pytest

from storage import Storage


def spy_batches(store: Storage, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the size of every batch of operations the writer commits (in order)."""
    sizes: list[int] = []
    sequencer = store.db._sequencer
    run = sequencer._run

    def recording(conn: sqlite3.Connection, batch: list[Any]) -> None:
        if batch[0].kind != "exclusive":
            sizes.append(len(batch))
        run(conn, batch)

    monkeypatch.setattr(sequencer, "_run", recording)
    return sizes


async def queued_together(store: Storage, *writes: Coroutine[Any, Any, Any]) -> list[Any]:
    """Run `writes` queued while the writer is held, so that they form one batch; outcomes."""
    async with store.db.transaction():
        tasks = [asyncio.ensure_future(write) for write in writes]
        await asyncio.sleep(0)  # every write is queued behind the transaction
    return list(await asyncio.gather(*tasks, return_exceptions=True))
