"""storage.durability: "full" makes every writing connection flush each commit (synchronous=FULL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import Storage

SYNCHRONOUS = {1: "normal", 2: "full"}  # SQLite's numbers for the setting


async def writers_setting(storage: Storage) -> set[str]:
    """The synchronous setting of both writing connections (the writer and the plain one)."""
    db = storage.db
    # The connections are private to storage; only this test reads their setting.
    row = await (await db._writer.execute("PRAGMA synchronous")).fetchone()
    plain = db._plain.execute("PRAGMA synchronous").fetchone()
    assert row is not None
    return {SYNCHRONOUS[int(row[0])], SYNCHRONOUS[int(plain[0])]}


@pytest.mark.parametrize("durability", ["normal", "full"])
async def test_both_writers_use_the_durability(tmp_path: Path, durability: str) -> None:
    storage = await Storage.open(tmp_path / "t.sqlite3", durability)
    try:
        assert await writers_setting(storage) == {durability}
    finally:
        await storage.close()


async def test_an_unknown_durability_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="durability"):
        await Storage.open(tmp_path / "t.sqlite3", "sometimes")
