"""Personal data use cases: the /mine_data document, erasure, and purging after retention."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import logs
from bot.config.model import Config, Consultation
from bot.context import Deps
from bot.domain.retention import dead_letters_expire_before, is_purge_due, purge_due
from storage import Storage
from storage.models import Purge
from storage.privacy import PERSONAL_TABLES

log = logging.getLogger(__name__)
EXPORT_VERSION = 1


@dataclass(frozen=True)
class PurgeResult:
    """What one consultation's purge removed (or None when it is not due yet)."""

    consultation: Consultation
    due: datetime
    purge: Purge | None


async def export_document(deps: Deps, telegram_id: int) -> tuple[bytes, int]:
    """Everything stored about a user as a JSON document, and how many rows it holds."""
    tables = await deps.storage.privacy.personal_data(telegram_id)
    labels: dict[str, dict[int, str]] = {"consultation": {}, "discussion_group": {}, "question": {}}
    retention: dict[str, str] = {}
    for key, catalog in deps.catalogs.items():
        labels["consultation"][catalog.consultation_id] = key
        labels["discussion_group"].update({g.id: g.name for g in catalog.groups})
        labels["question"].update({q.id: q.key for q in catalog.questions})
        consultation = deps.config.consultation(key)
        if consultation is not None:
            due = purge_due(consultation.deadline, consultation.retention_days)
            retention[key] = due.isoformat()
    document: dict[str, Any] = {
        "format": f"tingbot personal data, version {EXPORT_VERSION}",
        "telegram_id": telegram_id,
        "exported_at": deps.clock().isoformat(),
        "tables": tables,
        "labels": {kind: {str(k): v for k, v in names.items()} for kind, names in labels.items()},
        "answers_deleted_after": retention,
        "kept_after_deletion": {t.name: t.why_kept for t in PERSONAL_TABLES if t.why_kept},
    }
    rows = sum(len(r) for r in tables.values())
    data = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False, default=str)
    return data.encode("utf-8"), rows


async def erasable(deps: Deps, telegram_id: int) -> dict[str, int]:
    """How many rows of each table erasing would delete (empty: nothing is stored)."""
    tables = await deps.storage.privacy.personal_data(telegram_id)
    return {name: len(rows) for name, rows in tables.items()}


async def erase(deps: Deps, telegram_id: int) -> dict[str, int]:
    """Erase everything stored about the user (storage/privacy.py) in one transaction."""
    counts = await deps.storage.privacy.erase_user(telegram_id)
    log.info("erased personal data", extra={"user": logs.person(telegram_id), **counts})
    return counts


async def purge_now(deps: Deps) -> list[PurgeResult]:
    """Purge what is due now, for the running bot's daily job."""
    return await purge_expired(deps.storage, deps.config, deps.clock())


async def purge_expired(storage: Storage, config: Config, now: datetime) -> list[PurgeResult]:
    """Purge raw answers of every consultation whose retention ran out, and old dead letters;
    idempotent."""
    results = []
    for consultation in config.consultations:
        due = purge_due(consultation.deadline, consultation.retention_days)
        consultation_id = await storage.consultations.consultation_id(consultation.key)
        purge = None
        if consultation_id is not None and is_purge_due(
            consultation.deadline, consultation.retention_days, now
        ):
            purge = await storage.privacy.purge_answers(consultation_id, now)
            if purge.answers or purge.revisions:
                log.info(
                    "purged raw answers",
                    extra={
                        "consultation": consultation.key,
                        "answers": purge.answers,
                        "revisions": purge.revisions,
                    },
                )
        results.append(PurgeResult(consultation, due, purge))
    await purge_dead_letters(storage, now)
    return results


async def purge_dead_letters(storage: Storage, now: datetime) -> int:
    """Delete the unreadable updates kept longer than the dead letters' retention."""
    deleted = await storage.deadletters.purge_before(dead_letters_expire_before(now))
    if deleted:
        log.info("purged dead letters", extra={"dead_letters": deleted})
    return deleted
