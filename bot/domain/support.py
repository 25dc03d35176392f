"""Support for the points of a summary, from the cross-group round's agree/disagree votes.

Each vote names the point by the anchor ref it had when the vote was cast (the summary point's
`key`). A vote belongs to whichever point of a later compile holds that ref, so votes survive
recompiles, new answers and curation; when a merge joins two points a participant voted on,
their latest vote counts once.

For one point:
- `agree_share` = agree / (agree + disagree); passes are counted but take no side;
- `votes` = agree + disagree;
- a group *mostly agrees* when more than half of its voters' agree/disagree votes are agree;
- eligible groups are the groups with participants that may vote on the point (the groups that
  raised it are left out unless the round allows votes on one's own group's points); a vote
  from a group that is not eligible (its group has since come to raise the point) is ignored.

*Common ground* (broad agreement across groups) needs all of:
- at least `min_votes` votes,
- an agree share of at least `min_share`,
- votes from at least `min_coverage` of the eligible groups,
- and at least `min_groups_agreeing` of the voting groups mostly agreeing.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.domain.summary import SummaryPoint


Choice = Literal["agree", "disagree", "pass"]
CHOICES: tuple[Choice, ...] = ("agree", "disagree", "pass")


@dataclass(frozen=True)
class CastVote:
    """One participant's vote on the point whose anchor ref was `key` when they voted."""

    key: str
    participant: int
    group: str
    choice: Choice


@dataclass(frozen=True)
class CommonGroundRule:
    """The thresholds of common ground (see the module docstring)."""

    min_share: float = 0.7
    min_coverage: float = 0.5
    min_groups_agreeing: float = 2 / 3
    min_votes: int = 3

    def __post_init__(self) -> None:
        """Reject thresholds that cannot be meant."""
        for name in ("min_share", "min_coverage", "min_groups_agreeing"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.min_votes < 1:
            raise ValueError("min_votes must be 1 or more")


@dataclass(frozen=True)
class Support:
    """How a point fared in the round."""

    agree: int
    disagree: int
    passed: int
    groups_eligible: int
    groups_voting: int
    groups_agreeing: int
    common_ground: bool

    @property
    def votes(self) -> int:
        """Votes that take a side (agree or disagree)."""
        return self.agree + self.disagree

    @property
    def agree_share(self) -> float | None:
        """agree / (agree + disagree), or None without such votes."""
        return self.agree / self.votes if self.votes else None


NO_SUPPORT = Support(0, 0, 0, 0, 0, 0, False)


def mostly_agrees(choices: Iterable[Choice]) -> bool:
    """More than half of the agree/disagree votes are agree."""
    agree = disagree = 0
    for choice in choices:
        agree += choice == "agree"
        disagree += choice == "disagree"
    return agree > disagree


def tally(votes: Sequence[CastVote], groups_eligible: int, rule: CommonGroundRule) -> Support:
    """The support of one point from its votes (one per participant)."""
    agree = sum(v.choice == "agree" for v in votes)
    disagree = sum(v.choice == "disagree" for v in votes)
    by_group: dict[str, list[Choice]] = {}
    for vote in votes:
        if vote.choice != "pass":
            by_group.setdefault(vote.group, []).append(vote.choice)
    voting = len(by_group)
    agreeing = sum(mostly_agrees(choices) for choices in by_group.values())
    share = agree / (agree + disagree) if agree + disagree else 0.0
    common = (
        agree + disagree >= rule.min_votes
        and share >= rule.min_share
        and groups_eligible > 0
        and voting >= math.ceil(rule.min_coverage * groups_eligible - 1e-9)
        and agreeing >= math.ceil(rule.min_groups_agreeing * voting - 1e-9)
    )
    return Support(
        agree=agree,
        disagree=disagree,
        passed=len(votes) - agree - disagree,
        groups_eligible=groups_eligible,
        groups_voting=voting,
        groups_agreeing=agreeing,
        common_ground=common,
    )


def eligible_groups(
    point: SummaryPoint, groups: Collection[str], own_group: bool
) -> frozenset[str]:
    """The groups whose participants may vote on `point`."""
    return frozenset(g for g in groups if own_group or g not in point.groups)


def support_by_point(
    points: Iterable[SummaryPoint],
    cast: Sequence[CastVote],
    groups: Collection[str],
    own_group: bool,
    rule: CommonGroundRule,
) -> dict[str, Support]:
    """Point key → Support, from every vote cast (oldest first) and the groups that may vote."""
    by_ref: dict[str, list[tuple[int, CastVote]]] = {}
    for index, vote in enumerate(cast):
        by_ref.setdefault(vote.key, []).append((index, vote))
    result: dict[str, Support] = {}
    for point in points:
        eligible = eligible_groups(point, groups, own_group)
        latest: dict[int, CastVote] = {}
        for _index, vote in sorted(
            (entry for ref in point.refs for entry in by_ref.get(ref, ())), key=lambda e: e[0]
        ):
            if vote.group in eligible:
                latest[vote.participant] = vote
        result[point.key] = tally(list(latest.values()), len(eligible), rule)
    return result
