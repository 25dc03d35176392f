"""All SQL of tingbot: the database, its migrations and one repository per aggregate."""

from __future__ import annotations

from pathlib import Path

from storage.answers import AnswerRepository
from storage.cache import RowCache
from storage.catalog import CatalogRepository
from storage.db import Database, SchemaTooNewError
from storage.participants import ParticipantRepository
from storage.summaries import SummaryRepository

__all__ = ["Database", "SchemaTooNewError", "Storage"]


class Storage(CatalogRepository, ParticipantRepository, AnswerRepository, SummaryRepository):
    """The one object that owns the database; every method returns frozen records."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._people = RowCache(db)

    @classmethod
    async def open(cls, path: Path | str) -> Storage:
        """Open and migrate the database at `path`."""
        return cls(await Database.open(path))

    async def close(self) -> None:
        """Finish pending writes and close the database."""
        await self.db.close()
