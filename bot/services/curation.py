"""The organiser's preview of a question's draft summary, and storing curation actions."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.curation import (
    CurationAction,
    Hide,
    Merge,
    Move,
    Rename,
    Undo,
    Unhide,
    effective_actions,
)
from bot.domain.preview import sensible
from bot.domain.support import Support
from bot.services.round import support_for
from bot.services.summary import ConsultationDigest, QuestionDigest, compile_summary, to_action
from storage.models import CurationRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuestionPreview:
    """One question's compiled draft with where it sits, what can be undone, and the support
    of its points in the cross-group round (by point key; empty without votes)."""

    digest: ConsultationDigest
    entry: QuestionDigest
    question_id: int
    position: int
    question_ids: tuple[int, ...]
    log: tuple[CurationRecord, ...]
    support: Mapping[str, Support] = field(default_factory=dict)

    @property
    def consultation_id(self) -> int:
        """The consultation's database id."""
        return self.digest.catalog.consultation_id

    @property
    def last_action(self) -> CurationAction | None:
        """The action an undo would cancel, if any."""
        done = effective_actions([to_action(r) for r in self.log])
        return done[-1] if done else None

    def neighbour(self, step: int) -> int | None:
        """The id of the previous (-1) or next (+1) question, if there is one."""
        index = self.position + step
        return self.question_ids[index] if 0 <= index < len(self.question_ids) else None


async def preview(
    deps: Deps, consultation: Consultation, question_id: int | None
) -> QuestionPreview | None:
    """The draft of one question (None: the first), or None if it is not asked any more."""
    digest = await compile_summary(deps, consultation)
    ids = []
    for entry in digest.questions:
        record = digest.catalog.question_by_key(entry.question.key)
        assert record is not None
        ids.append(record.id)
    if question_id is None and ids:
        question_id = ids[0]
    if question_id not in ids:
        return None
    position = ids.index(question_id)
    entry = digest.questions[position]
    curation = await deps.storage.summaries.curation_log(digest.catalog.consultation_id)
    own = tuple(r for r in curation if r.question_key == entry.question.key)
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
        case Undo():
            return "undo", "", "", ""
    raise TypeError(action)


async def curate(
    deps: Deps, view: QuestionPreview, organiser_id: int, action: CurationAction
) -> bool:
    """Store `action` (with who and when) if it makes sense for this draft; False if not."""
    if not sensible(view.entry.summary, action, view.last_action is not None):
        return False
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
    log.info(
        "organiser %s: %s %s %s on question %s",
        organiser_id,
        kind,
        ref,
        target_ref,
        view.entry.question.key,
    )
    return True
