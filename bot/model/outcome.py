"""What a participant is told about their answers after the ting, and what the council decided."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.model.checkback import CheckBackState


@dataclass(frozen=True)
class PointOutcome:
    """A published point an answer is part of: its label, whether it is a headline point, how
    many of the answering groups raised it, and its support in the cross-group round."""

    label: str
    headline: bool
    groups: int
    groups_answering: int
    agree: int = 0
    votes: int = 0
    common_ground: bool = False


@dataclass(frozen=True)
class DecisionView:
    """A recorded decision of the council: what, at which meeting, where the minutes are."""

    version: int
    text: str
    meeting: str
    minutes_url: str


@dataclass(frozen=True)
class MyOutcome:
    """What became of one participant's answers: the published version (None: none yet) with
    the points each answer is part of, the answers written after it, the group's check-back
    answer as it stood when the version was published, the latest decision, and a check-back
    answer the group gave after the version was published."""

    version: int | None
    published_when: str = ""
    channel: str = ""
    points: Mapping[int, tuple[PointOutcome, ...]] = field(default_factory=dict)
    later: frozenset[int] = frozenset()
    checkback: CheckBackState | None = None
    decision: DecisionView | None = None
    checkback_since: CheckBackState | None = None

    @property
    def published(self) -> bool:
        """Whether a version of the summary has been published."""
        return self.version is not None
