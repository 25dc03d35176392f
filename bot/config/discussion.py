"""The [consultation.groupchat] and [consultation.round] tables of the config."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config.model import GroupChatSettings, RoundSettings
from bot.config.reader import Node


def _moment(node: Node, key: str, zone: ZoneInfo) -> datetime | None:
    """An optional date-time, read in the consultation's zone when it has no offset."""
    value = node.datetime(key, required=False)
    if value is None:
        return None
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def groupchat_settings(node: Node, zone: ZoneInfo) -> GroupChatSettings:
    """[consultation.groupchat]: anonymous polls, and an optional time to post the questions."""
    node.unknown_keys({"poll_anonymous", "post_questions_at"})
    return GroupChatSettings(
        poll_anonymous=node.typed("poll_anonymous", bool, False),
        post_questions_at=_moment(node, "post_questions_at", zone),
    )


def round_settings(node: Node, zone: ZoneInfo) -> RoundSettings:
    """[consultation.round]: own-group votes, opening and closing times, common ground."""
    default = RoundSettings()
    node.unknown_keys(
        {"own_group", "opens_at", "closes_at", "common_share", "common_coverage"}
        | {"common_groups_agreeing", "common_min_votes"}
    )
    shares = {}
    for name in ("common_share", "common_coverage", "common_groups_agreeing"):
        value = node.typed(name, float, getattr(default, name))
        if not 0.0 <= value <= 1.0:
            node.errors.add(node.at(name), "must be between 0 and 1")
            value = getattr(default, name)
        shares[name] = value
    min_votes = node.typed("common_min_votes", int, default.common_min_votes)
    if min_votes < 1:
        node.errors.add(node.at("common_min_votes"), "must be 1 or more")
        min_votes = default.common_min_votes
    opens_at = _moment(node, "opens_at", zone)
    closes_at = _moment(node, "closes_at", zone)
    if opens_at and closes_at and closes_at <= opens_at:
        node.errors.add(node.at("closes_at"), "must be after opens_at")
    return RoundSettings(
        own_group=node.typed("own_group", bool, False),
        opens_at=opens_at,
        closes_at=closes_at,
        common_share=shares["common_share"],
        common_coverage=shares["common_coverage"],
        common_groups_agreeing=shares["common_groups_agreeing"],
        common_min_votes=min_votes,
    )
