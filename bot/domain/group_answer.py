"""A group's joint answer: weighing its members' points in polls and choosing which count.

A Telegram poll has 2 to 12 options of at most 100 characters. A group's points for a question
are put in polls of at most 12 options, split into pages of even size (13 points make polls of
7 and 6); a single point needs no poll. Option texts longer than the limit are cut at a word
boundary and end with "…".

Which points start checked when the referent chooses the joint answer: in every poll that got
votes, the points at least half of its voters chose; points no voted poll covered (no poll yet,
or points written after the poll) start checked, since nobody has weighed them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.domain.shortening import shorten

MAX_OPTIONS = 12
MAX_OPTION_LENGTH = 100
MAX_POLL_QUESTION_LENGTH = 300
T = TypeVar("T")


def option_text(text: str) -> str:
    """A point as a poll option (at most 100 characters)."""
    return shorten(text, MAX_OPTION_LENGTH)


def poll_pages(items: Sequence[T]) -> list[list[T]]:
    """The items split into polls of 2 to 12 options, as even as possible; [] for 0 or 1."""
    if len(items) < 2:
        return []
    pages = math.ceil(len(items) / MAX_OPTIONS)
    size, extra = divmod(len(items), pages)
    result: list[list[T]] = []
    start = 0
    for page in range(pages):
        end = start + size + (1 if page < extra else 0)
        result.append(list(items[start:end]))
        start = end
    return result


@dataclass(frozen=True)
class PollTally:
    """The result of one poll: its options' refs, how many chose each, how many voted."""

    refs: tuple[str, ...]
    counts: tuple[int, ...]
    voters: int


def preselect(refs: Iterable[str], polls: Sequence[PollTally]) -> frozenset[str]:
    """The refs that start checked (see the module docstring)."""
    weighed: set[str] = set()
    chosen: set[str] = set()
    for poll in polls:
        if poll.voters <= 0:
            continue
        weighed.update(poll.refs)
        chosen.update(
            ref
            for ref, count in zip(poll.refs, poll.counts, strict=False)
            if 2 * count >= poll.voters
        )
    return frozenset(ref for ref in refs if ref in chosen or ref not in weighed)


def toggled(selection: Iterable[str], ref: str) -> frozenset[str]:
    """The selection with `ref` added or removed."""
    current = frozenset(selection)
    return current - {ref} if ref in current else current | {ref}
