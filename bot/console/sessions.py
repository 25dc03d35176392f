"""Console sessions and their CSRF tokens, held in memory by the one process that serves.

A session is made by a one-time login link and lasts SESSION_LIFETIME; a restart ends every
session (a fresh link from /konsoll opens a new one), which is why nothing here is stored.
A CSRF token is "<nonce>.<HMAC of the nonce under the session's own key>": another session's
token or a made-up one fails the HMAC, and a used nonce is refused, so a replayed form is too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SESSION_LIFETIME = timedelta(hours=8)
COOKIE = "tingbot_console"


@dataclass
class Session:
    """One organiser's console session for one consultation."""

    id: str
    consultation_key: str
    organiser_id: int
    language: str
    expires: datetime
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    used: set[str] = field(default_factory=set, repr=False)
    flash: str = ""

    def csrf_token(self) -> str:
        """A fresh token for one form."""
        nonce = secrets.token_hex(16)
        return f"{nonce}.{self._mac(nonce)}"

    def spend_csrf(self, token: str) -> bool:
        """Accept `token` once if this session made it; a forged or used one is refused."""
        nonce, _, mac = token.partition(".")
        if not nonce or not hmac.compare_digest(self._mac(nonce), mac) or nonce in self.used:
            return False
        self.used.add(nonce)
        return True

    def _mac(self, nonce: str) -> str:
        return hmac.new(self.key, nonce.encode(), hashlib.sha256).hexdigest()[:32]


class Sessions:
    """The live sessions by id."""

    def __init__(self) -> None:
        self._by_id: dict[str, Session] = {}

    def open(
        self, consultation_key: str, organiser_id: int, language: str, now: datetime
    ) -> Session:
        """A new session (and forget the expired ones)."""
        self._by_id = {k: s for k, s in self._by_id.items() if s.expires > now}
        session = Session(
            secrets.token_urlsafe(32),
            consultation_key,
            organiser_id,
            language,
            now + SESSION_LIFETIME,
        )
        self._by_id[session.id] = session
        return session

    def find(self, session_id: str | None, now: datetime) -> Session | None:
        """The live session with this id, if any."""
        session = self._by_id.get(session_id or "")
        if session is None or session.expires <= now:
            return None
        return session

    def close(self, session_id: str) -> None:
        """End a session (logging out)."""
        self._by_id.pop(session_id, None)
