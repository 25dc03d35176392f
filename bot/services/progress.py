"""A consultation's progress for the organisers: who has joined and answered what, per group."""

from __future__ import annotations

from collections import defaultdict

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
    current = {g.id for g in catalog.groups if not g.retired}
    # One pass over the (group, question) cells into totals per group and per question:
    # summing over every cell for each group made /status quadratic in the number of groups.
    group_answers: defaultdict[int, int] = defaultdict(int)
    group_questions: defaultdict[int, int] = defaultdict(int)
    question_totals: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cell in counts.answers:
        if cell.question_id not in asked_ids:
            continue
        group_answers[cell.group_id] += cell.answers
        group_questions[cell.group_id] += 1
        if cell.group_id in current:
            totals = question_totals[cell.question_id]
            totals[0] += cell.answers
            totals[1] += cell.participants
            totals[2] += 1
    groups = tuple(
        GroupProgress(
            name=record.name,
            participants=counts.participants.get(record.id, 0),
            answers=group_answers[record.id],
            questions_answered=group_questions[record.id],
            key=record.key,
        )
        for record in catalog.groups
        if not record.retired
    )
    questions = []
    for number, record in enumerate(asked, start=1):
        question = consultation.question(record.key)
        assert question is not None
        answers, participants, answered_by = question_totals[record.id]
        questions.append(
            QuestionProgress(
                number=number,
                question=question,
                answers=answers,
                participants=participants,
                groups=answered_by,
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
