"""Rows kept in memory between writes, never stale: see "Caching" in `storage.db`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from storage.db import Database

K = TypeVar("K")
V = TypeVar("V")


class RowCache(Generic[K, V]):
    """Values by key, valid while the database's write generation stays the same."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._generation = db.generation
        self._values: dict[K, V] = {}

    def _current(self) -> dict[K, V]:
        """The values of the current generation (dropping older ones)."""
        if self._generation != self._db.generation:
            self._values.clear()
            self._generation = self._db.generation
        return self._values

    async def load(self, key: K, read: Callable[[], Awaitable[V]]) -> V:
        """The cached value for `key`, else `read()`, kept if no write committed meanwhile."""
        values = self._current()
        if key in values:
            return values[key]
        generation = self._db.generation
        value = await read()
        if generation == self._db.generation:
            self._current()[key] = value
        return value
