"""How long a broadcast takes and what a paid one costs (Telegram's allow_paid_broadcast).

Telegram sends a bot's broadcasts free at up to 30 messages a second; with allow_paid_broadcast
it sends up to 1,000 a second and charges 0.1 Star for each message above the free 30 a second.
The rate limiter keeps 1% below each rate (bot/transport/sendgate.py), so the estimate does too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FREE_RATE = 30
STARS_PER_PAID_MESSAGE = 0.1
LIMITER_MARGIN = 1.01  # the rate limiter's SAFETY (bot/transport/sendgate.py): intervals 1% longer


@dataclass(frozen=True)
class BroadcastEstimate:
    """Seconds at the paid rate, seconds at the free rate, and the Stars the paid one costs."""

    seconds: float
    free_seconds: float
    stars: int


def estimate(messages: int, paid_rate: int) -> BroadcastEstimate:
    """The estimate for `messages` sent at up to `paid_rate` a second."""
    if messages < 0 or paid_rate <= FREE_RATE:
        raise ValueError("messages must not be negative and paid_rate must exceed the free rate")
    seconds = messages * LIMITER_MARGIN / paid_rate
    free_seconds = messages * LIMITER_MARGIN / FREE_RATE
    # Of each second's sends, 30 are free and the rest charged; a last, partial second too.
    per_second = math.floor(paid_rate / LIMITER_MARGIN)
    full, rest = divmod(messages, per_second)
    charged = full * (per_second - FREE_RATE) + max(0, rest - FREE_RATE)
    return BroadcastEstimate(seconds, free_seconds, math.ceil(charged * STARS_PER_PAID_MESSAGE))


def duration_text(seconds: float) -> str:
    """ "45 s", "3 min", "1 h 5 min": a duration as the preview shows it (same in nn, nb, en)."""
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return f"{whole} s"
    minutes = math.ceil(whole / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"
