"""Telegram's length limits, in characters of visible text (after HTML entities are parsed)."""

from __future__ import annotations

MESSAGE_LIMIT = 4096
"""One text message."""

CAPTION_LIMIT = 1024
"""The caption of a document or photo."""

UPLOAD_LIMIT = 50_000_000
"""The largest file a bot may send (Telegram says 50 MB)."""
