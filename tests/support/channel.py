"""Looking at what the bot sent to the council channel and to the organiser while publishing."""

from __future__ import annotations

from tests.support.botapi import Call
from tests.support.harness import ORGANISER, Harness

CHANNEL = "@hallingdal_regionrad"


async def consultation_id(h: Harness) -> int:
    """The database id of the example consultation."""
    return h.app.bot_data.deps.catalogs["hallingting-2026"].consultation_id


def confirm_call(h: Harness) -> Call:
    """The newest message to the organiser with the publishing buttons."""
    return next(c for c in reversed(h.tg.to(ORGANISER, "sendMessage")) if c.buttons)


def channel_calls(h: Harness) -> list[Call]:
    """Every call addressed to the council channel."""
    return h.tg.to(CHANNEL)
