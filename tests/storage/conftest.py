"""The storage tier's fixture: a migrated database on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import Storage


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database under tmp_path."""
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    yield opened
    await opened.close()
