"""A consultation's progress for the organisers' /status (built by `services.progress`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.model.checkback import CheckBackState
from bot.model.consultation import Consultation, Question


@dataclass(frozen=True)
class GroupProgress:
    """One group: participants, active answers and how many of the questions it has answered."""

    name: str
    participants: int
    answers: int
    questions_answered: int
    key: str = ""


@dataclass(frozen=True)
class QuestionProgress:
    """One question: its number, active answers, and the participants and groups behind them."""

    number: int
    question: Question
    answers: int
    participants: int
    groups: int


@dataclass(frozen=True)
class Progress:
    """Everything the /status message shows for one consultation at one moment."""

    consultation: Consultation
    groups: tuple[GroupProgress, ...]
    questions: tuple[QuestionProgress, ...]
    now: datetime
    # group key → keys of the questions its joint answer is confirmed for (every active group)
    confirmed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # group key → its latest check-back (None: never sent)
    checkbacks: Mapping[str, CheckBackState | None] = field(default_factory=dict)

    @property
    def silent_groups(self) -> tuple[str, ...]:
        """Names of the groups without any answer yet."""
        return tuple(g.name for g in self.groups if g.answers == 0)
