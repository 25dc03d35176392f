"""The compiled summary of a consultation as renderers see it: questions, points and answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.model.consultation import Consultation, Question

if TYPE_CHECKING:
    # The summary's domain is imported at the first compile, not at start-up.
    from bot.domain.summary import Point, QuestionSummary


@dataclass(frozen=True)
class AnswerView:
    """One answer as reports draw it: where it belongs, who wrote it (first name), its text."""

    answer_id: int
    question_id: int
    group_id: int
    group_key: str  # "" when the group is not in the consultation's catalogue
    participant_id: int
    first_name: str
    text: str
    status: str
    created_at: datetime
    updated_at: datetime
    from_paper: bool = False  # typed in from a paper sheet by an organiser (import-answers)


@dataclass(frozen=True)
class QuestionDigest:
    """One question's compiled summary with the question itself and its database id."""

    question: Question
    theme_title: str
    summary: QuestionSummary
    question_id: int


@dataclass(frozen=True)
class ConsultationDigest:
    """The whole compiled summary of a consultation, with what it was compiled from."""

    consultation: Consultation
    consultation_id: int
    questions: tuple[QuestionDigest, ...]
    answers: Mapping[int, AnswerView]
    points: Mapping[str, Point]
    # question key → group key → refs of the group's confirmed joint answer
    confirmed: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)

    def group_name(self, key: str) -> str:
        """The display name of a group key."""
        return next((g.name for g in self.consultation.groups if g.key == key), key)

    def question(self, key: str) -> QuestionDigest | None:
        """The digest of one question."""
        return next((q for q in self.questions if q.question.key == key), None)
