"""Users, participants and their answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TelegramUser:
    """A Telegram user the bot has met."""

    telegram_id: int
    first_name: str
    language: str | None


@dataclass(frozen=True)
class Participant:
    """A user in one group of one consultation, with the answering cursor."""

    id: int
    consultation_id: int
    telegram_id: int
    group_id: int
    consent_at: datetime
    reminders: bool
    active: bool
    question_id: int | None
    editing_answer_id: int | None
    joined_at: datetime
    joined_update: int | None = None  # the consent press's update id
    welcomed_at: datetime | None = None  # when the welcome after joining went out


@dataclass(frozen=True)
class Recipient:
    """A participant as a reminder needs them: chat, group, preference and stored language."""

    participant_id: int
    telegram_id: int
    group_id: int
    group_key: str
    reminders: bool
    active: bool
    language: str | None


@dataclass(frozen=True)
class Answer:
    """One participant's text for one question."""

    id: int
    participant_id: int
    question_id: int
    text: str
    status: str
    source_chat_id: int
    source_message_id: int
    created_at: datetime
    updated_at: datetime

    @property
    def active(self) -> bool:
        """Not withdrawn."""
        return self.status == "active"


@dataclass(frozen=True)
class StoredText:
    """A message taken as an answer: the answer, whether it is new, and the question's count.

    `revision` means the message had already revised this answer (a redelivered edit), so
    nothing was added; `count` is the participant's active answers to the question.
    """

    answer: Answer
    created: bool
    revision: bool
    count: int
    acknowledged: bool = False  # an old answer whose "saved" reply was sent already


@dataclass(frozen=True)
class Revision:
    """An earlier text of an answer, kept when it was edited."""

    answer_id: int
    text: str
    replaced_at: datetime


@dataclass(frozen=True)
class AnswerRow:
    """An answer with the group and consultation it belongs to, for summaries and exports."""

    answer_id: int
    question_id: int
    group_id: int
    participant_id: int
    telegram_id: int
    first_name: str
    text: str
    status: str
    created_at: datetime
    updated_at: datetime
    source: str = "telegram"  # or "paper": typed in by an organiser (migration 0011)
