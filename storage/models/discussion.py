"""A group's chat, its polls, the check-back and the round's votes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChatLink:
    """A group's Telegram group chat."""

    group_id: int
    chat_id: int
    title: str
    active: bool
    linked_by: int
    linked_at: datetime


@dataclass(frozen=True)
class ChatQuestion:
    """A message in a group chat that posted a question."""

    chat_id: int
    message_id: int
    group_id: int
    question_id: int


@dataclass(frozen=True)
class GroupPoll:
    """A poll weighing a group's points for a question; option i is refs[i]."""

    poll_id: str
    chat_id: int
    message_id: int
    group_id: int
    question_id: int
    refs: tuple[str, ...]
    anonymous: bool
    counts: tuple[int, ...]
    voters: int


@dataclass(frozen=True)
class CheckBack:
    """One check-back message to a group (via its referent or its chat) and its outcome."""

    id: int
    group_id: int
    chat_id: int
    message_id: int | None
    content: str
    status: str
    sent_by: int
    sent_at: datetime
    answered_by: int | None
    answered_at: datetime | None
    correction: str
    prompt_message_id: int | None


@dataclass(frozen=True)
class RoundVote:
    """A participant's vote on a point (named by its anchor ref when the vote was cast)."""

    participant_id: int
    group_id: int
    point_key: str
    question_key: str
    label: str
    choice: str
    voted_at: datetime
