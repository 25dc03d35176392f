"""Curation, publications and retention purges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CurationRecord:
    """One stored curation action: who did what to which point, when."""

    id: int
    question_key: str
    kind: str
    ref: str
    target_ref: str
    label: str
    organiser_id: int
    created_at: datetime


@dataclass(frozen=True)
class Publication:
    """One published (or attempted) version of a consultation's summary."""

    id: int
    consultation_id: int
    version: int
    organiser_id: int
    content_hash: str
    channel: str
    status: str
    message_ids: tuple[int, ...]
    error: str
    content: str
    created_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class Purge:
    """One retention purge that removed raw answers of a consultation (counts only)."""

    consultation_id: int
    answers: int
    revisions: int
    purged_at: datetime
