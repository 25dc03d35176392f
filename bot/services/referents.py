"""A group's referent (scribe): appointed by an organiser, or volunteered and seconded.

A member of the group offers to be referent in the chat; the offer is confirmed by an organiser
or seconded by another member of the same group (one is enough: at a table, someone
volunteers and someone else says yes). An organiser can also appoint a member directly. A
group has one referent; a new confirmation replaces the old one.
"""

from __future__ import annotations

from enum import Enum

from bot.context import Deps
from bot.services.groupchat import ChatTable
from bot.services.participation import membership_in


async def referent_of(deps: Deps, table: ChatTable) -> int | None:
    """The Telegram id of the group's referent, if it has one."""
    found = await deps.storage.discussion.referent(table.group_id)
    return None if found is None else found.telegram_id


async def in_group(deps: Deps, table: ChatTable, telegram_id: int) -> bool:
    """Whether the user is an active participant of the chat's group."""
    participant = await membership_in(deps, telegram_id, table.target.catalog.consultation_id)
    return participant is not None and participant.active and participant.group_id == table.group_id


async def may_lead(deps: Deps, table: ChatTable, telegram_id: int) -> bool:
    """Organisers and the group's referent may post questions, polls and the joint answer."""
    return table.organised_by(telegram_id) or await referent_of(deps, table) == telegram_id


class Offer(Enum):
    """What offering to be referent did."""

    OFFERED = "offered"
    ALREADY_REFERENT = "already_referent"
    NOT_MEMBER = "not_member"


async def offer(deps: Deps, table: ChatTable, telegram_id: int) -> Offer:
    """A member offers to be the group's referent."""
    if not await in_group(deps, table, telegram_id):
        return Offer.NOT_MEMBER
    if await referent_of(deps, table) == telegram_id:
        return Offer.ALREADY_REFERENT
    await deps.storage.discussion.offer_referent(table.group_id, telegram_id, deps.clock())
    return Offer.OFFERED


class Seconded(Enum):
    """What pressing "confirm" under an offer did."""

    CONFIRMED = "confirmed"
    OWN_OFFER = "own_offer"
    NOT_ALLOWED = "not_allowed"
    NO_OFFER = "no_offer"


async def second(deps: Deps, table: ChatTable, candidate: int, by: int) -> Seconded:
    """Confirm a member's offer: by an organiser, or by another member of the group."""
    if not await deps.storage.discussion.has_referent_offer(table.group_id, candidate):
        return Seconded.NO_OFFER
    if candidate == by and not table.organised_by(by):
        return Seconded.OWN_OFFER
    if not table.organised_by(by) and not await in_group(deps, table, by):
        return Seconded.NOT_ALLOWED
    if not await in_group(deps, table, candidate):
        return Seconded.NO_OFFER
    await deps.storage.discussion.set_referent(table.group_id, candidate, by, deps.clock())
    return Seconded.CONFIRMED


async def appoint(deps: Deps, table: ChatTable, candidate: int, organiser: int) -> bool:
    """An organiser makes a member of the group its referent; False if they are not one."""
    if not await in_group(deps, table, candidate):
        return False
    await deps.storage.discussion.set_referent(table.group_id, candidate, organiser, deps.clock())
    return True
