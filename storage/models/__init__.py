"""Frozen records that the storage layer returns: the one place every layer imports them from."""

from storage.models.catalog import (
    Catalog,
    ConsultationSpec,
    GroupRecord,
    MeetingRecord,
    MeetingSpec,
    QuestionRecord,
    ThemeSpec,
)
from storage.models.discussion import ChatLink, ChatQuestion, CheckBack, GroupPoll, RoundVote
from storage.models.outcomes import Decision, PublishedPoint, PublishedPointSpec
from storage.models.paper import PaperAnswer, PaperImport
from storage.models.participation import (
    Answer,
    AnswerRow,
    Participant,
    Recipient,
    Revision,
    StoredText,
    TelegramUser,
)
from storage.models.summaries import CurationRecord, Publication, Purge

__all__ = [
    "Answer",
    "AnswerRow",
    "Catalog",
    "ChatLink",
    "ChatQuestion",
    "CheckBack",
    "ConsultationSpec",
    "CurationRecord",
    "Decision",
    "GroupPoll",
    "GroupRecord",
    "MeetingRecord",
    "MeetingSpec",
    "PaperAnswer",
    "PaperImport",
    "Participant",
    "Publication",
    "PublishedPoint",
    "PublishedPointSpec",
    "Purge",
    "QuestionRecord",
    "Recipient",
    "Revision",
    "RoundVote",
    "StoredText",
    "TelegramUser",
    "ThemeSpec",
]
