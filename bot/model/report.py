"""What reports, exports and the channel post are drawn from (built by `services.reports`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from bot.domain.support import Support
from bot.model.consultation import Consultation
from bot.model.summary import AnswerView, ConsultationDigest, QuestionDigest

if TYPE_CHECKING:
    from bot.domain.summary import SummaryPoint


@dataclass(frozen=True)
class ReportSource:
    """A compiled summary with the withdrawn answers, the moment it was gathered, the support
    of each point (by point key; empty without a round), the first names behind each point
    (by point key; filled only when the consultation shows names) and the bytes of the
    council's DOCX template (empty: none configured)."""

    digest: ConsultationDigest
    withdrawn: tuple[AnswerView, ...]
    made_at: datetime
    pseudonym_key: bytes = b""
    support: Mapping[str, Support] = field(default_factory=dict)
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    template: bytes = field(default=b"", repr=False)

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
        return self.names.get(point.key, ())

    def answers_to(self, question: QuestionDigest, group_key: str) -> list[AnswerView]:
        """The active answers of one group to one question, oldest first."""
        return list(self._answers_by_place.get((question.question_id, group_key), ()))

    @cached_property
    def _answers_by_place(self) -> dict[tuple[int, str], list[AnswerView]]:
        """The answers by (question id, group key), in one pass: a scan of every answer for
        each group and question made the case draft quadratic in the answers."""
        found: dict[tuple[int, str], list[AnswerView]] = {}
        for row in self.digest.answers.values():
            found.setdefault((row.question_id, row.group_key), []).append(row)
        return found
