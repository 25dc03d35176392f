"""A consultation's progress for the organisers: who has joined and answered what, per group."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.config.model import Consultation, Question
from bot.context import Deps
from bot.services.checkback import checkback_status
from bot.services.group_answers import confirmed_questions
from storage.models import CheckBack


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
    checkbacks: Mapping[str, CheckBack | None] = field(default_factory=dict)

    @property
    def silent_groups(self) -> tuple[str, ...]:
        """Names of the groups without any answer yet."""
        return tuple(g.name for g in self.groups if g.answers == 0)


async def progress(deps: Deps, consultation: Consultation) -> Progress:
    """Count participants and answers of the consultation's current groups and questions."""
    catalog = deps.catalogs[consultation.key]
    counts = await deps.storage.progress.progress_counts(catalog.consultation_id)
    asked = [q for q in catalog.active_questions if consultation.question(q.key) is not None]
    asked_ids = {q.id for q in asked}
    cells = [c for c in counts.answers if c.question_id in asked_ids]
    groups = tuple(
        GroupProgress(
            name=record.name,
            participants=counts.participants.get(record.id, 0),
            answers=sum(c.answers for c in cells if c.group_id == record.id),
            questions_answered=sum(1 for c in cells if c.group_id == record.id),
            key=record.key,
        )
        for record in catalog.groups
        if not record.retired
    )
    current_groups = {g.id for g in catalog.groups if not g.retired}
    questions = []
    for number, record in enumerate(asked, start=1):
        question = consultation.question(record.key)
        assert question is not None
        mine = [c for c in cells if c.question_id == record.id and c.group_id in current_groups]
        questions.append(
            QuestionProgress(
                number=number,
                question=question,
                answers=sum(c.answers for c in mine),
                participants=sum(c.participants for c in mine),
                groups=len(mine),
            )
        )
    return Progress(
        consultation,
        groups,
        tuple(questions),
        deps.clock(),
        confirmed=await confirmed_questions(deps, consultation),
        checkbacks=await checkback_status(deps, consultation),
    )
