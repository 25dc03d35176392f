"""Counting what the bot sent: sends per time window (overall, per chat) and duplicates."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence

from .dispatch import SEND_METHODS, Call


def max_in_window(times: Sequence[float], window: float) -> int:
    """The most of the sorted ``times`` inside any half-open window of ``window`` seconds."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def chat_of(call: Call) -> int:
    """The chat a successful send went to (from the returned message)."""
    return int(call.result["chat"]["id"]) if isinstance(call.result, dict) else 0


def max_sends(
    calls: Sequence[Call], window: float, methods: Collection[str], chat_id: int | None = None
) -> int:
    """The most sends that took effect within any ``window`` seconds (to one chat if given)."""
    times = sorted(
        c.t
        for c in calls
        if c.ok and c.method in methods and (chat_id is None or chat_of(c) == chat_id)
    )
    return max_in_window(times, window)


def content_of(call: Call) -> str:
    """What a send showed: its text, or the file digest and caption, or the poll question."""
    result = call.result if isinstance(call.result, dict) else {}
    if "document" in result or "photo" in result:
        data = b"".join(f.data for f in call.files.values())
        digest = hashlib.sha256(data).hexdigest()[:16] if data else str(call.params)
        return f"{call.method}:{digest}:{result.get('caption', '')}"
    if "poll" in result:
        return f"poll:{result['poll']['question']}"
    return str(result.get("text", ""))


def duplicates(
    calls: Sequence[Call], methods: Collection[str] = SEND_METHODS
) -> list[tuple[int, str, int]]:
    """(chat_id, content, times) for each content sent more than once to the same chat."""
    seen: dict[tuple[int, str], int] = {}
    for call in calls:
        if call.ok and call.method in methods:
            key = (chat_of(call), content_of(call))
            seen[key] = seen.get(key, 0) + 1
    return [(chat, content, n) for (chat, content), n in seen.items() if n > 1]
