"""Short signatures for button data that must not be forgeable (callback data can be forged)."""

from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_LENGTH = 10  # base64url characters: 60 bits, ample for a button that names a group


def button_key(secret: str) -> bytes:
    """A signing key derived from a secret (the bot token), never the secret itself."""
    return hashlib.sha256(b"tingbot button signatures\x00" + secret.encode()).digest()


def sign(key: bytes, *fields: object) -> str:
    """A short signature over the fields, safe in callback data."""
    message = "\x1f".join(str(f) for f in fields).encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]


def verify(key: bytes, signature: str, *fields: object) -> bool:
    """Whether `signature` was made with `key` over exactly these fields."""
    return hmac.compare_digest(sign(key, *fields), signature)
