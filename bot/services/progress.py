"""A consultation's progress for the organisers: who has joined and answered what, per group."""

from __future__ import annotations

from bot.config.model import Consultation
from bot.context import Deps
from bot.model.progress import GroupProgress, Progress, QuestionProgress
from bot.services.checkback import checkback_status
from bot.services.group_answers import confirmed_questions


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
