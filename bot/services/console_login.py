"""Logging in to the organisers' console with one-time links (bot.domain.console_links)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from bot.config.model import Consultation
from bot.context import Deps
from bot.domain.console_links import read_link, sign_link

log = logging.getLogger(__name__)
SECRET = "console-login"
Status = Literal["ok", "used", "expired", "invalid"]


@dataclass(frozen=True)
class LoginCheck:
    """What a link is worth now: "ok" with the consultation and organiser it opens, else why
    not."""

    status: Status
    consultation: Consultation | None = None
    organiser_id: int = 0
    nonce: str = ""


async def login_link(deps: Deps, consultation: Consultation, organiser_id: int, base: str) -> str:
    """A link that opens the consultation's console for one of its organisers, once, within
    ten minutes (ValueError for anyone else)."""
    if organiser_id not in consultation.organisers:
        raise ValueError(f"{organiser_id} does not organise {consultation.key}")
    key = await deps.storage.summaries.secret(SECRET)
    catalog = deps.catalogs[consultation.key]
    token = sign_link(key, catalog.consultation_id, organiser_id, deps.clock())
    log.info("console login link made for consultation %s", consultation.key)
    return f"{base.rstrip('/')}/login/{token}"


async def check_login(deps: Deps, token: str) -> LoginCheck:
    """Whether the token would log in now (without using it)."""
    link = read_link(await deps.storage.summaries.secret(SECRET), token)
    if link is None:
        return LoginCheck("invalid")
    try:
        consultation, _catalog = deps.consultation_by_id(link.consultation_id)
    except KeyError:
        return LoginCheck("invalid")
    if link.organiser_id not in consultation.organisers:
        return LoginCheck("invalid")
    if await deps.storage.console.login_used(link.nonce):
        return LoginCheck("used")
    if deps.clock() >= link.expires:
        return LoginCheck("expired")
    return LoginCheck("ok", consultation, link.organiser_id, link.nonce)


async def use_login(deps: Deps, token: str) -> LoginCheck:
    """Use the token: "ok" once, "used" for every later try."""
    found = await check_login(deps, token)
    if found.status != "ok" or found.consultation is None:
        return found
    catalog = deps.catalogs[found.consultation.key]
    claimed = await deps.storage.console.claim_login(
        found.nonce, catalog.consultation_id, found.organiser_id, deps.clock()
    )
    if not claimed:
        return LoginCheck("used")
    log.info("console login for consultation %s", found.consultation.key)
    return found
