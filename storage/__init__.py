"""All SQL of tingbot: the database, its migrations and one repository per aggregate."""

from __future__ import annotations

from pathlib import Path

from storage.answers import AnswerRepository
from storage.cache import RowCache
from storage.catalog import CatalogRepository
from storage.checkbacks import CheckBackRepository
from storage.db import Database, SchemaTooNewError
from storage.discussion import DiscussionRepository
from storage.groupchats import GroupChatRepository
from storage.meetings import MeetingRepository
from storage.participants import ParticipantRepository
from storage.privacy import PrivacyRepository
from storage.progress import ProgressRepository
from storage.reminders import ReminderRepository
from storage.rounds import RoundRepository
from storage.summaries import SummaryRepository

__all__ = ["Database", "SchemaTooNewError", "Storage"]


class Storage(
    CatalogRepository,
    ParticipantRepository,
    AnswerRepository,
    SummaryRepository,
    ProgressRepository,
    # Group chats and discussion
    GroupChatRepository,
    DiscussionRepository,
    RoundRepository,
    CheckBackRepository,
    PrivacyRepository,
    MeetingRepository,
    ReminderRepository,
):
    """The one object that owns the database; every method returns frozen records."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._people = RowCache(db)
        self._corrections = RowCache(db)

    @classmethod
    async def open(cls, path: Path | str) -> Storage:
        """Open and migrate the database at `path`."""
        return cls(await Database.open(path))

    async def close(self) -> None:
        """Finish pending writes and close the database."""
        await self.db.close()
