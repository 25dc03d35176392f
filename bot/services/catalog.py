"""Sync the configuration into the database at start-up."""

from __future__ import annotations

from datetime import datetime

from bot.config.model import Config, Consultation
from storage import Storage
from storage.models import Catalog, ConsultationSpec, ThemeSpec


def spec(consultation: Consultation) -> ConsultationSpec:
    """What the database keeps of a consultation (Nynorsk texts, stable keys)."""
    return ConsultationSpec(
        key=consultation.key,
        title=consultation.title.nn,
        themes=tuple(
            ThemeSpec(t.key, t.title.nn, tuple((q.key, q.text.nn) for q in t.questions))
            for t in consultation.themes
        ),
        groups=tuple((g.key, g.name, g.code) for g in consultation.groups),
    )


async def sync_catalogs(storage: Storage, config: Config, now: datetime) -> dict[str, Catalog]:
    """Sync every consultation and return their catalogues by key."""
    return await storage.consultations.sync_consultations(
        [spec(c) for c in config.consultations], now
    )
