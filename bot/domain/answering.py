"""Rules of answering: the deadline, the text limit and moving between questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

MAX_ANSWER_LENGTH = 4096  # what Telegram allows in one message
LOOSE_TEXT_KEPT = timedelta(hours=1)


@dataclass(frozen=True)
class LooseText:
    """A text sent after the last question: not stored, held in memory (an awaited input) until
    the participant adds it to a question with a button, for `LOOSE_TEXT_KEPT` at most."""

    text: str
    chat_id: int
    message_id: int


class Move(Enum):
    """Where a participant can go from a question."""

    NEXT = "next"
    PREVIOUS = "prev"
    SKIP = "skip"
    DONE = "done"


def is_open(deadline: datetime, now: datetime) -> bool:
    """Answers are taken until the deadline."""
    return now < deadline


def text_problem(text: str) -> str | None:
    """Why `text` cannot be an answer ("empty", "too_long"), or None if it can."""
    stripped = text.strip()
    if not stripped or not any(ch.isalnum() for ch in stripped):
        return "empty"
    if len(stripped) > MAX_ANSWER_LENGTH:
        return "too_long"
    return None


def step(order: Sequence[int], current: int | None, move: Move) -> int | None:
    """The question after `move` from `current` in `order`; None means "done with all"."""
    if move is Move.DONE or not order:
        return None
    if current not in order:
        return order[0] if move is not Move.PREVIOUS else order[-1]
    index = order.index(current)
    if move is Move.PREVIOUS:
        return order[max(index - 1, 0)]
    return order[index + 1] if index + 1 < len(order) else None


def first_unanswered(order: Sequence[int], answered: set[int]) -> int | None:
    """The first question in `order` without an answer, or None."""
    return next((q for q in order if q not in answered), None)
