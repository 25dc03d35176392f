"""What became of the answers: the points of a published version and the council's decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PublishedPointSpec:
    """A point of a summary as it is published, with the answers it is made of."""

    question_key: str
    point_key: str
    label: str
    headline: bool
    groups: int
    groups_answering: int
    agree: int
    votes: int
    common_ground: bool
    answer_ids: tuple[int, ...]


@dataclass(frozen=True)
class PublishedPoint:
    """A stored point of a published version, as one answer is part of it."""

    answer_id: int
    question_key: str
    point_key: str
    label: str
    headline: bool
    groups: int
    groups_answering: int
    agree: int
    votes: int
    common_ground: bool


@dataclass(frozen=True)
class Decision:
    """One recorded (or attempted) version of what the council decided on a consultation."""

    id: int
    consultation_id: int
    version: int
    organiser_id: int
    publication_id: int | None
    text: str
    meeting: str
    minutes_url: str
    status: str
    message_ids: tuple[int, ...]
    error: str
    created_at: datetime
    finished_at: datetime | None
