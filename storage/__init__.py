"""All SQL of tingbot: the database, its migrations and one repository per aggregate."""

from __future__ import annotations

from pathlib import Path

from storage.answers import AnswerRepository
from storage.catalog import CatalogRepository
from storage.checkbacks import CheckBackRepository
from storage.console import ConsoleRepository
from storage.db import Database
from storage.deadletters import DeadLetterRepository
from storage.discussion import DiscussionRepository
from storage.groupchats import GroupChatRepository
from storage.meetings import MeetingRepository
from storage.outcomes import OutcomeRepository
from storage.paper import PaperRepository
from storage.participants import ParticipantRepository
from storage.privacy import PrivacyRepository
from storage.progress import ProgressRepository
from storage.reminders import ReminderRepository
from storage.rounds import RoundRepository
from storage.schema import SchemaTooNewError
from storage.summaries import SummaryRepository

__all__ = ["Database", "SchemaTooNewError", "Storage"]


class Storage:
    """The one object that owns the database: one repository per aggregate, as attributes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.consultations = CatalogRepository(db)
        self.participants = ParticipantRepository(db)
        self.answers = AnswerRepository(db)
        self.summaries = SummaryRepository(db)
        self.outcomes = OutcomeRepository(db)
        self.progress = ProgressRepository(db)
        self.chats = GroupChatRepository(db)
        self.discussion = DiscussionRepository(db)
        self.rounds = RoundRepository(db)
        self.checkbacks = CheckBackRepository(db)
        self.privacy = PrivacyRepository(db)
        self.meetings = MeetingRepository(db)
        self.reminders = ReminderRepository(db)
        self.deadletters = DeadLetterRepository(db)
        self.paper = PaperRepository(db)
        self.console = ConsoleRepository(db)

    @classmethod
    async def open(cls, path: Path | str, durability: str = "normal") -> Storage:
        """Open and migrate the database at `path`; `durability` is "normal" or "full"."""
        return cls(await Database.open(path, durability))

    async def close(self) -> None:
        """Finish pending writes and close the database."""
        await self.db.close()
