"""The points of a published version with their answers, and decisions, on a real SQLite file:
erasing a person or purging answers takes their rows with them; decisions are versioned."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.services.catalog import spec
from storage import Storage
from storage.models import PublishedPointSpec
from tests.support.harness import example_config

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database with the example consultation synced."""
    config = example_config(tmp_path / "db.sqlite3")
    opened = await Storage.open(config.database)
    await opened.consultations.sync_consultations([spec(c) for c in config.consultations], NOW)
    yield opened
    await opened.close()


async def published(storage: Storage) -> tuple[int, int, list[int]]:
    """Two participants' answers in two points of a publication: (consultation, publication,
    answer ids)."""
    catalog = await storage.consultations.catalog("hallingting-2026")
    question = catalog.active_questions[0].id
    answers = []
    for telegram_id in (7001, 7002):
        who = await storage.participants.join(
            catalog.consultation_id, telegram_id, "P", catalog.groups[0].id, None, NOW
        )
        answer, _ = await storage.answers.add_answer(who.id, question, "Svar", telegram_id, 1, NOW)
        answers.append(answer.id)
    publication = await storage.summaries.start_publication(
        catalog.consultation_id, 1, "h", "@kanal", "…", NOW
    )
    first, second = answers
    await storage.outcomes.record_published_points(
        publication.id,
        [
            PublishedPointSpec("q", "1.0", "Andre", False, 1, 2, 0, 0, False, (second,)),
            PublishedPointSpec("q", "2.0", "Felles", True, 2, 2, 3, 4, True, (first, second)),
            # an answer that is gone by the time the points are stored is left out
            PublishedPointSpec("q", "3.0", "Borte", False, 1, 2, 0, 0, False, (999_999,)),
        ],
    )
    return catalog.consultation_id, publication.id, answers


async def test_points_of_answers_and_by_participant(storage: Storage) -> None:
    _cid, publication, (first, second) = await published(storage)
    found = await storage.outcomes.points_of_answers(publication, [first, second])
    assert [(p.answer_id, p.label, p.headline) for p in found] == [
        (first, "Felles", True),
        (second, "Felles", True),
        (second, "Andre", False),
    ]
    assert (found[0].agree, found[0].votes, found[0].common_ground) == (3, 4, True)
    by_participant = await storage.outcomes.points_by_participant(publication)
    assert sorted(len(points) for points in by_participant.values()) == [1, 2]
    assert await storage.outcomes.points_of_answers(publication, []) == []


async def test_erasing_or_purging_takes_the_answers_rows(storage: Storage) -> None:
    cid, publication, (first, second) = await published(storage)
    await storage.privacy.erase_user(7001)
    left = await storage.outcomes.points_of_answers(publication, [first, second])
    assert {p.answer_id for p in left} == {second}
    await storage.privacy.purge_answers(cid, NOW)
    assert await storage.outcomes.points_of_answers(publication, [first, second]) == []
    rows = await storage.db.fetchall("SELECT COUNT(*) FROM published_answer")
    assert rows[0][0] == 0


async def test_decisions_are_versioned_and_record_what_was_posted(storage: Storage) -> None:
    catalog = await storage.consultations.catalog("hallingting-2026")
    cid = catalog.consultation_id
    first = await storage.outcomes.start_decision(cid, 1, None, "Vedtak", "Møtet", "", NOW)
    await storage.outcomes.record_decision_message(first.id, 41)
    await storage.outcomes.finish_decision(first.id, "posted", NOW)
    second = await storage.outcomes.start_decision(
        cid, 1, None, "Nytt", "Møtet", "https://a.no", NOW
    )
    await storage.outcomes.finish_decision(second.id, "failed", NOW, "Forbidden: x")
    stored = await storage.outcomes.decisions(cid)
    assert [(d.version, d.status, d.message_ids, d.error) for d in stored] == [
        (1, "posted", (41,), ""),
        (2, "failed", (), "Forbidden: x"),
    ]
