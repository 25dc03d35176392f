"""Gather what reports and exports are made from: the compiled summary, every answer, and each
point's support from the cross-group round (computed once, shared by every renderer)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.summary import SummaryPoint
from bot.domain.support import Support
from bot.services.round import support_for
from bot.services.summary import ConsultationDigest, QuestionDigest, compile_summary
from storage.models import AnswerRow


@dataclass(frozen=True)
class ReportSource:
    """A compiled summary with the withdrawn answers, the moment it was gathered, and the
    support of each point (by point key; empty without a round)."""

    digest: ConsultationDigest
    withdrawn: tuple[AnswerRow, ...]
    made_at: datetime
    pseudonym_key: bytes = b""
    support: Mapping[str, Support] = field(default_factory=dict)

    @property
    def consultation(self) -> Consultation:
        """The consultation reported on."""
        return self.digest.consultation

    @property
    def language(self) -> str:
        """Reports speak the consultation's language, not the reader's."""
        return self.digest.consultation.language

    def support_of(self, point: SummaryPoint) -> Support | None:
        """The round's support of a summary point (None: not in the round)."""
        return self.support.get(point.key)

    @property
    def has_votes(self) -> bool:
        """Whether any point has an agree or disagree vote, so support figures are shown."""
        return any(s.votes for s in self.support.values())

    def names_of(self, point: SummaryPoint) -> tuple[str, ...]:
        """First names of the participants behind a summary point, sorted, each once."""
        digest = self.digest
        names = {
            digest.answers[digest.points[ref].answer_id].first_name
            for ref in point.refs
            if ref in digest.points and digest.points[ref].answer_id in digest.answers
        }
        return tuple(sorted(names, key=str.casefold))

    def answers_to(self, question: QuestionDigest, group_key: str) -> list[AnswerRow]:
        """The active answers of one group to one question, oldest first."""
        record = self.digest.catalog.question_by_key(question.question.key)
        group = self.digest.catalog.group_by_key(group_key)
        if record is None or group is None:
            return []
        return [
            row
            for row in self.digest.answers.values()
            if row.question_id == record.id and row.group_id == group.id
        ]


async def gather(deps: Deps, consultation: Consultation) -> ReportSource:
    """Compile the summary, collect the withdrawn answers and count the round's support."""
    digest = await compile_summary(deps, consultation)
    rows = await deps.storage.answers.answers_in(
        digest.catalog.consultation_id, include_withdrawn=True
    )
    withdrawn = tuple(
        row for row in rows if row.status != "active" and row.answer_id not in digest.answers
    )
    key = await deps.storage.summaries.secret("pseudonym")
    support = await support_for(deps, consultation, digest)
    return ReportSource(digest, withdrawn, deps.clock(), key, support)
