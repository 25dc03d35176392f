"""The cross-group round: opening and closing it, going through points, votes and support."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.round import (
    BallotItem,
    RoundEvent,
    ballot,
    find_item,
    next_unvoted,
    round_is_open,
    scheduled_events,
)
from bot.domain.support import (
    CHOICES,
    CastVote,
    Choice,
    CommonGroundRule,
    Support,
    support_by_point,
)
from bot.services.participation import Participation
from bot.services.summary import ConsultationDigest, compile_summary
from storage.models import RoundVote


def common_ground_rule(consultation: Consultation) -> CommonGroundRule:
    """The configured thresholds of common ground."""
    settings = consultation.round
    return CommonGroundRule(
        min_share=settings.common_share,
        min_coverage=settings.common_coverage,
        min_groups_agreeing=settings.common_groups_agreeing,
        min_votes=settings.common_min_votes,
    )


async def is_open(deps: Deps, consultation: Consultation) -> bool:
    """Whether votes are taken now (organisers' actions and configured times, latest wins)."""
    catalog = deps.catalogs[consultation.key]
    events = [
        RoundEvent(e.at, e.opens)
        for e in await deps.storage.rounds.round_events(catalog.consultation_id)
    ]
    events += scheduled_events(consultation.round.opens_at, consultation.round.closes_at)
    return round_is_open(deps.clock(), events)


async def set_open(deps: Deps, consultation: Consultation, opens: bool, organiser: int) -> bool:
    """Open or close the round; False if it already was so (nothing is recorded then)."""
    if await is_open(deps, consultation) == opens:
        return False
    catalog = deps.catalogs[consultation.key]
    await deps.storage.rounds.add_round_event(
        catalog.consultation_id, opens, organiser, deps.clock()
    )
    return True


@dataclass(frozen=True)
class Ballot:
    """What one participant goes through, their votes by point key, and the summary."""

    digest: ConsultationDigest
    items: tuple[BallotItem, ...]
    votes: dict[str, str]

    def choice(self, item: BallotItem) -> str | None:
        """The participant's current vote on a point, if any."""
        return next((self.votes[r] for r in item.point.refs if r in self.votes), None)


async def ballot_of(deps: Deps, who: Participation) -> Ballot:
    """The points the participant may vote on (compiled now) and their votes so far."""
    digest = await compile_summary(deps, who.consultation)
    items = ballot(
        [q.summary for q in digest.questions], who.group.key, who.consultation.round.own_group
    )
    votes = {
        v.point_key: v.choice for v in await deps.storage.rounds.round_votes_of(who.participant.id)
    }
    return Ballot(digest, items, votes)


def next_position(current: Ballot) -> int | None:
    """Where the participant continues: the first point without a vote."""
    return next_unvoted(current.items, current.votes.keys())


class Voted(Enum):
    """What a vote did."""

    SAVED = "saved"
    CLOSED = "closed"
    UNKNOWN = "unknown"


async def vote(
    deps: Deps, who: Participation, key: str, choice: str
) -> tuple[Voted, Ballot | None]:
    """Store a vote on the point holding ref `key` (committed before this returns)."""
    if choice not in CHOICES:
        return Voted.UNKNOWN, None
    if not await is_open(deps, who.consultation):
        return Voted.CLOSED, None
    current = await ballot_of(deps, who)
    position = find_item(current.items, key)
    if position is None:
        return Voted.UNKNOWN, current
    item = current.items[position]
    await deps.storage.rounds.record_round_vote(
        who.participant.id,
        item.point.refs,
        item.point.key,
        item.question,
        item.point.label,
        choice,
        deps.clock(),
    )
    votes = {r: v for r, v in current.votes.items() if r not in item.point.refs}
    votes[item.point.key] = choice
    return Voted.SAVED, Ballot(current.digest, current.items, votes)


async def support_for(
    deps: Deps, consultation: Consultation, digest: ConsultationDigest | None = None
) -> dict[str, Support]:
    """Point key → Support for every point of the summary (pass a digest to avoid recompiling).

    Votes count for the point that holds the ref they were cast on; the groups that may vote
    on a point are the groups with participants, without the point's own groups unless the
    round allows it.
    """
    digest = digest or await compile_summary(deps, consultation)
    catalog = deps.catalogs[consultation.key]
    keys = {g.id: g.key for g in catalog.groups}
    cast = [
        CastVote(v.point_key, v.participant_id, keys.get(v.group_id, ""), _choice(v.choice))
        for v in await deps.storage.rounds.round_votes(catalog.consultation_id)
    ]
    groups = [
        keys[g]
        for g in await deps.storage.participants.groups_with_participants(catalog.consultation_id)
        if g in keys
    ]
    points = [
        p
        for q in digest.questions
        for p in (*q.summary.headline, *q.summary.others, *q.summary.hidden)
    ]
    return support_by_point(
        points, cast, groups, consultation.round.own_group, common_ground_rule(consultation)
    )


def _choice(value: str) -> Choice:
    """A stored choice as the domain's literal (the table's CHECK keeps it one of them)."""
    for choice in CHOICES:
        if choice == value:
            return choice
    raise ValueError(value)


async def invitees(deps: Deps, consultation: Consultation) -> list[int]:
    """Telegram ids of the consultation's active participants, to invite to the round."""
    catalog = deps.catalogs[consultation.key]
    return await deps.storage.participants.active_participant_ids(catalog.consultation_id)


async def round_votes(deps: Deps, consultation: Consultation) -> list[RoundVote]:
    """Every vote of the consultation's round, oldest first."""
    return await deps.storage.rounds.round_votes(deps.catalogs[consultation.key].consultation_id)
