"""Lists that may grow past one Telegram message: packed into messages under the limit."""

from __future__ import annotations

from bot.render.limits import MESSAGE_LIMIT as TELEGRAM_MESSAGE

# Characters of HTML source: the tags and entities count here but not in Telegram's limit,
# so packing by source length with this room stays under it.
MESSAGE_LIMIT = TELEGRAM_MESSAGE - 96
ITEM_LIMIT = 1000  # characters of one listed text before it is cut with "…"


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
