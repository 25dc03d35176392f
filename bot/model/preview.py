"""The organiser's preview of one question's draft summary (built by `services.curation`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.domain.curation import CurationAction, effective_actions
from bot.domain.support import Support
from bot.model.summary import ConsultationDigest, QuestionDigest


@dataclass(frozen=True)
class QuestionPreview:
    """One question's compiled draft with where it sits, its curation log (as actions, oldest
    first), and the support of its points in the cross-group round (by point key)."""

    digest: ConsultationDigest
    entry: QuestionDigest
    question_id: int
    position: int
    question_ids: tuple[int, ...]
    log: tuple[CurationAction, ...]
    support: Mapping[str, Support] = field(default_factory=dict)

    @property
    def consultation_id(self) -> int:
        """The consultation's database id."""
        return self.digest.consultation_id

    @property
    def last_action(self) -> CurationAction | None:
        """The action an undo would cancel, if any."""
        done = effective_actions(self.log)
        return done[-1] if done else None

    def neighbour(self, step: int) -> int | None:
        """The id of the previous (-1) or next (+1) question, if there is one."""
        index = self.position + step
        return self.question_ids[index] if 0 <= index < len(self.question_ids) else None
