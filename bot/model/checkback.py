"""A group's latest check-back as the organisers' texts show it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckBackState:
    """Where a group's latest check-back stands (as stored: 'sending', 'confirmed', 'corrected'
    …) and the correction the group sent, if any."""

    status: str
    correction: str = ""
