"""Lists that may grow past one Telegram message: packed into messages under the limit."""

from __future__ import annotations

MESSAGE_LIMIT = 4000  # characters of HTML source: under Telegram's 4096 after parsing
ITEM_LIMIT = 1000  # characters of one listed text before it is cut with "…"


def shorten(text: str, limit: int = ITEM_LIMIT) -> str:
    """`text`, cut to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pack(blocks: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join blocks with newlines into as few messages as fit under `limit` (blocks stay whole).

    Each block must be complete HTML on its own and shorter than `limit`.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        candidate = f"{current}\n{block}" if current else block
        if current and len(candidate) > limit:
            messages.append(current)
            candidate = block
        current = candidate
    if current:
        messages.append(current)
    return messages
