"""Frozen records that the storage layer returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class QuestionRecord:
    """A question as stored: its id, keys, position and whether it is retired."""

    id: int
    consultation_id: int
    key: str
    theme_key: str
    position: int
    retired: bool


@dataclass(frozen=True)
class GroupRecord:
    """A discussion group as stored."""

    id: int
    consultation_id: int
    key: str
    name: str
    join_code: str
    retired: bool


@dataclass(frozen=True)
class Catalog:
    """The ids of everything synced from the config, for one consultation."""

    consultation_id: int
    consultation_key: str
    questions: tuple[QuestionRecord, ...]
    groups: tuple[GroupRecord, ...]

    @property
    def active_questions(self) -> tuple[QuestionRecord, ...]:
        """Questions still in the config, in order."""
        return tuple(q for q in self.questions if not q.retired)

    def question(self, question_id: int) -> QuestionRecord | None:
        """The question with this id."""
        return next((q for q in self.questions if q.id == question_id), None)

    def question_by_key(self, key: str) -> QuestionRecord | None:
        """The question with this key."""
        return next((q for q in self.questions if q.key == key), None)

    def group(self, group_id: int) -> GroupRecord | None:
        """The group with this id."""
        return next((g for g in self.groups if g.id == group_id), None)

    def group_by_key(self, key: str) -> GroupRecord | None:
        """The group with this key."""
        return next((g for g in self.groups if g.key == key), None)


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
class ThemeSpec:
    """A theme to sync: key, title and its questions as (key, text) in order."""

    key: str
    title: str
    questions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ConsultationSpec:
    """What the database keeps of a configured consultation, by stable keys."""

    key: str
    title: str
    themes: tuple[ThemeSpec, ...]
    groups: tuple[tuple[str, str, str], ...]


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
