"""One-time login links to the organisers' console, signed so that nothing waits in a table
until the link is used (the `tingbot console-link` command signs one without writing).

A token is "<consultation id>-<organiser id>-<expiry, Unix seconds>-<nonce>-<signature>": the
signature is an HMAC-SHA256 of the rest under the installation's secret. Using a link records
its nonce (storage), so a link opens one session at most.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

LINK_LIFETIME = timedelta(minutes=10)
_TOKEN = re.compile(r"^(\d{1,18})-(\d{1,18})-(\d{1,12})-([0-9a-f]{32})-([0-9a-f]{64})$")


@dataclass(frozen=True)
class LoginLink:
    """What a login link grants: one consultation's console to one organiser, until `expires`."""

    consultation_id: int
    organiser_id: int
    expires: datetime
    nonce: str


def _signature(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def sign_link(key: bytes, consultation_id: int, organiser_id: int, now: datetime) -> str:
    """A fresh token for `organiser_id` in the consultation, valid for LINK_LIFETIME."""
    expires = int((now + LINK_LIFETIME).timestamp())
    body = f"{consultation_id}-{organiser_id}-{expires}-{secrets.token_hex(16)}"
    return f"{body}-{_signature(key, body)}"


def read_link(key: bytes, token: str) -> LoginLink | None:
    """What a token grants if its signature holds (expired or not); None for anything else."""
    found = _TOKEN.match(token)
    if found is None:
        return None
    body = token.rpartition("-")[0]
    if not hmac.compare_digest(_signature(key, body), found.group(5)):
        return None
    expires = datetime.fromtimestamp(int(found.group(3)), UTC)
    return LoginLink(int(found.group(1)), int(found.group(2)), expires, found.group(4))
