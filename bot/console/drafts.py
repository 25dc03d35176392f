"""The draft of one question for a console page."""

from __future__ import annotations

from bot.console.web import Visit
from bot.model.preview import QuestionPreview
from bot.services import curation


async def question_view(v: Visit, question_key: str) -> QuestionPreview | None:
    """The current draft of the question with `question_key`, None if it is not asked."""
    record = v.deps.catalogs[v.consultation.key].question_by_key(question_key)
    if record is None:
        return None
    return await curation.preview(v.deps, v.consultation, record.id)
