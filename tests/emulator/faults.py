"""Fault injection: 429 with retry_after, 500, and timeouts, by sequence or by seeded chance.

Kinds:
- ``"429"``: Too Many Requests with ``parameters.retry_after``; the call has no effect.
- ``"500"``: Internal Server Error; the call has no effect.
- ``"timeout"``: the request is held for ``hold`` seconds and the connection dropped without a
  reply; the call has no effect (the request was lost on the way in).
- ``"timeout_after"``: the call takes effect, then the reply is lost the same way (the client
  cannot know the message was sent — the case that makes duplicates).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS = ("429", "500", "timeout", "timeout_after")
ANY_SEND = "*"  # every method except getUpdates


@dataclass(frozen=True)
class Fault:
    """What to do to one call."""

    kind: str
    retry_after: float
    hold: float


@dataclass(frozen=True)
class FaultRecord:
    """A call that was faulted, for counting losses and duplicates afterwards."""

    call_seq: int
    method: str
    kind: str
    params: dict[str, Any]


@dataclass
class _Plan:
    method: str
    kinds: tuple[str, ...]
    remaining: int | None
    rate: float | None
    rng: random.Random
    retry_after: float
    hold: float
    skip: int = 0
    chat: int | None = None
    used: int = field(default=0)

    def matches(self, method: str, chat: int | None) -> bool:
        if self.chat is not None and chat != self.chat:
            return False
        if self.method == ANY_SEND:
            return method.lower() != "getupdates"
        return self.method.lower() == method.lower()

    def draw(self) -> Fault | None:
        if self.skip > 0:
            self.skip -= 1
            return None
        if self.remaining is not None and self.remaining <= 0:
            return None
        if self.rate is not None:
            if self.rng.random() >= self.rate:
                return None
            kind = self.rng.choice(self.kinds)
        else:
            kind = self.kinds[self.used % len(self.kinds)]
        self.used += 1
        if self.remaining is not None:
            self.remaining -= 1
        return Fault(kind, self.retry_after, self.hold)


class FaultSchedule:
    """The active fault plans; the first plan that fires decides a call's fault."""

    def __init__(self) -> None:
        self._plans: list[_Plan] = []

    def add(
        self,
        method: str,
        kinds: Sequence[str],
        *,
        count: int | None,
        rate: float | None,
        seed: int,
        retry_after: float,
        hold: float,
        skip: int = 0,
        chat: int | None = None,
    ) -> None:
        """Fault the next ``count`` calls (kinds in turn), or each call with chance ``rate``.

        The first ``skip`` matching calls pass untouched; with ``chat``, only calls addressed
        to that chat (by id or by its @username) match.
        """
        if not kinds or any(kind not in KINDS for kind in kinds):
            raise ValueError(f"fault kinds must be chosen from {KINDS}, got {list(kinds)}")
        if rate is None and count is None:
            count = len(kinds)
        if rate is not None and not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        rng = random.Random(seed)
        plan = _Plan(method, tuple(kinds), count, rate, rng, retry_after, hold, skip, chat)
        self._plans.append(plan)

    def clear(self) -> None:
        """Remove every plan."""
        self._plans.clear()

    def draw(self, method: str, chat: int | None = None) -> Fault | None:
        """The fault for one arriving call of ``method`` (addressed to ``chat``), if any."""
        for plan in self._plans:
            if plan.matches(method, chat):
                fault = plan.draw()
                if fault is not None:
                    return fault
        return None
