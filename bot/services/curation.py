"""The organiser's preview of a question's draft summary, and storing curation actions."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.curation import (
    CurationAction,
    Hide,
    KeepApart,
    Merge,
    Move,
    Rename,
    Split,
    Undo,
    Unhide,
)
from bot.domain.preview import sensible
from bot.model.preview import QuestionPreview
from bot.services.round import support_for
from bot.services.summary import compile_summary, recompile_question, to_action

log = logging.getLogger(__name__)


async def preview(
    deps: Deps, consultation: Consultation, question_id: int | None
) -> QuestionPreview | None:
    """The draft of one question (None: the first), or None if it is not asked any more."""
    digest = await compile_summary(deps, consultation)
    ids = [entry.question_id for entry in digest.questions]
    if question_id is None and ids:
        question_id = ids[0]
    if question_id not in ids:
        return None
    position = ids.index(question_id)
    entry = digest.questions[position]
    curation = await deps.storage.summaries.curation_log(digest.consultation_id)
    own = tuple(to_action(r) for r in curation if r.question_key == entry.question.key)
    support = await support_for(deps, consultation, digest)
    return QuestionPreview(digest, entry, question_id, position, tuple(ids), own, support)


def stored_form(action: CurationAction) -> tuple[str, str, str, str]:
    """(kind, ref, target_ref, label) of an action, as the curation log keeps it."""
    match action:
        case Merge(into_ref=into_ref, from_ref=from_ref):
            return "merge", into_ref, from_ref, ""
        case Move(ref=ref, to_ref=to_ref):
            return "move", ref, to_ref, ""
        case Rename(ref=ref, label=label):
            return "rename", ref, "", label.strip()
        case Hide(ref=ref):
            return "hide", ref, "", ""
        case Unhide(ref=ref):
            return "unhide", ref, "", ""
        case Split(refs=refs):
            return "split", " ".join(refs), "", ""
        case KeepApart(ref=ref, other_ref=other_ref):
            return "keep_apart", ref, other_ref, ""
        case Undo():
            return "undo", "", "", ""
    raise TypeError(action)


async def curate(
    deps: Deps, view: QuestionPreview, organiser_id: int, action: CurationAction
) -> QuestionPreview | None:
    """Store `action` (with who and when) if it makes sense for this draft and return the
    draft after it; None if it does not make sense (nothing is stored)."""
    if not sensible(view.entry.summary, action, view.last_action is not None):
        return None
    await store_action(deps, view, organiser_id, action)
    return await _after(deps, view)


async def store_action(
    deps: Deps, view: QuestionPreview, organiser_id: int, action: CurationAction
) -> None:
    """Record one curation action on the draft's question, with who and when."""
    kind, ref, target_ref, label = stored_form(action)
    await deps.storage.summaries.add_curation(
        view.consultation_id,
        view.entry.question.key,
        kind,
        organiser_id,
        deps.clock(),
        ref=ref,
        target_ref=target_ref,
        label=label,
    )
    log.info("curation %s %s %s on question %s", kind, ref, target_ref, view.entry.question.key)


async def _after(deps: Deps, view: QuestionPreview) -> QuestionPreview:
    """The draft after a stored curation step: only its own question is compiled again."""
    curation = await deps.storage.summaries.curation_log(view.consultation_id)
    digest, entry = recompile_question(view.digest, view.entry, curation)
    own = tuple(to_action(r) for r in curation if r.question_key == entry.question.key)
    support = await support_for(deps, digest.consultation, digest)
    return replace(view, digest=digest, entry=entry, log=own, support=support)
