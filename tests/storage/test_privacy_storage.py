"""Personal data in storage: the register covers every table about a person; erase and purge."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.services.catalog import spec
from storage import Storage
from storage.models import GroupPoll
from storage.privacy import PERSONAL_TABLES
from tests.support.harness import example_config

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PERSON_COLUMNS = {"telegram_id", "participant_id", "answer_id", "organiser_id", "user_id"}
PERSON_TABLES = {"telegram_user", "participant", "answer"}


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database with the example consultation synced."""
    config = example_config(tmp_path / "db.sqlite3")
    opened = await Storage.open(config.database)
    await opened.consultations.sync_consultations([spec(c) for c in config.consultations], NOW)
    yield opened
    await opened.close()


def about_people(path: Path) -> set[str]:
    """Tables with a column naming a person (or their answer) or a foreign key to one."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = set()
        for table in tables:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            targets = {r[2] for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
            if columns & PERSON_COLUMNS or targets & PERSON_TABLES:
                found.add(table)
        return found
    finally:
        conn.close()


async def populate(storage: Storage, telegram_id: int, text: str) -> tuple[int, int]:
    """A participant with two answers, one revised; returns (participant id, answer id)."""
    catalog = await storage.consultations.catalog("hallingting-2026")
    question = catalog.active_questions[0].id
    who = await storage.participants.join(
        catalog.consultation_id, telegram_id, "Kari", catalog.groups[0].id, question, NOW
    )
    first, _ = await storage.answers.add_answer(who.id, question, text, telegram_id, 10, NOW)
    await storage.answers.add_answer(who.id, question, text + " to", telegram_id, 11, NOW)
    await storage.answers.revise_answer(first.id, text + " endra", 12, NOW)
    await storage.participants.set_editing(who.id, first.id)
    return who.id, first.id


async def test_every_table_about_a_person_is_registered(storage: Storage) -> None:
    registered = {t.name for t in PERSONAL_TABLES}
    missing = about_people(storage.db.path) - registered
    assert not missing, f"register these in storage/privacy.py PERSONAL_TABLES: {missing}"
    assert all(t.erased or t.why_kept for t in PERSONAL_TABLES)


async def test_personal_data_holds_only_the_users_rows(storage: Storage) -> None:
    await populate(storage, 501, "Kari meiner")
    await populate(storage, 502, "Ola meiner")
    await storage.participants.set_language(503, "Per", "nb", NOW)
    data = await storage.privacy.personal_data(501)
    assert [r["telegram_id"] for r in data["telegram_user"]] == [501]
    assert [r["text"] for r in data["answer"]] == ["Kari meiner endra", "Kari meiner to"]
    assert [r["text"] for r in data["answer_revision"]] == ["Kari meiner"]
    assert "Ola" not in repr(data)
    stranger = await storage.privacy.personal_data(503)
    assert list(stranger) == ["telegram_user"]
    row = stranger["telegram_user"][0]
    assert (row["telegram_id"], row["first_name"], row["language"]) == (503, "Per", "nb")
    assert await storage.privacy.personal_data(999) == {}


async def take_part_in_discussion(storage: Storage, telegram_id: int, participant: int) -> int:
    """A round vote, a reminder record, a poll vote and a referent offer; returns the poll's
    group id."""
    catalog = await storage.consultations.catalog("hallingting-2026")
    group, question = catalog.groups[0].id, catalog.active_questions[0].id
    await storage.rounds.record_round_vote(
        participant, ["1.0"], "1.0", "q", "Eit punkt", "agree", NOW
    )
    await storage.reminders.claim_reminders(
        catalog.consultation_id, "meeting:m1:1d", [participant], {}, NOW
    )
    if await storage.discussion.poll("p1") is None:
        await storage.discussion.add_poll(
            GroupPoll("p1", -100, 5, group, question, ("1.0",), False, (), 0), 1, NOW
        )
    await storage.discussion.record_poll_vote("p1", telegram_id, [0], NOW)
    await storage.discussion.offer_referent(group, telegram_id, NOW)
    return group


async def test_erase_removes_everything_of_one_user_in_one_go(storage: Storage) -> None:
    kari, _ = await populate(storage, 501, "Kari meiner")
    ola, _ = await populate(storage, 502, "Ola meiner")
    group = (await storage.consultations.catalog("hallingting-2026")).groups[0].id
    await storage.discussion.set_referent(group, 501, 502, NOW)  # Ola confirmed Kari as referent
    await take_part_in_discussion(storage, 501, kari)
    await take_part_in_discussion(storage, 502, ola)
    before = await storage.privacy.personal_data(502)
    data = await storage.privacy.personal_data(501)
    for table in ("round_vote", "reminder_sent", "poll_vote", "referent_offer", "referent"):
        assert len(data[table]) == 1, table
    assert "referent" in before
    counts = await storage.privacy.erase_user(501)
    erasable = {t.name for t in PERSONAL_TABLES if t.erased}
    assert counts == {
        **dict.fromkeys(erasable, 0),
        "answer_revision": 1,
        "answer": 2,
        "participant": 1,
        "telegram_user": 1,
        "round_vote": 1,
        "reminder_sent": 1,
        "poll_vote": 1,
        "referent_offer": 1,
        "referent": 1,
    }
    assert await storage.privacy.personal_data(501) == {}
    # Kari's role was the only referent row naming Ola (as the one who confirmed it).
    assert await storage.privacy.personal_data(502) == {
        k: v for k, v in before.items() if k != "referent"
    }
    assert await storage.discussion.referent(group) is None
    assert await storage.discussion.poll_votes("p1") == {502: (0,)}
    rows = await storage.db.fetchall("PRAGMA foreign_key_check")
    assert rows == []
    assert await storage.privacy.erase_user(501) == dict.fromkeys(counts, 0)


async def test_erase_takes_a_person_off_what_belongs_to_their_group(storage: Storage) -> None:
    kari, _ = await populate(storage, 501, "Kari meiner")
    await populate(storage, 502, "Ola meiner")
    group = await take_part_in_discussion(storage, 501, kari)
    catalog = await storage.consultations.catalog("hallingting-2026")
    question = catalog.active_questions[0].id
    await storage.discussion.set_referent(group, 502, 501, NOW)  # Kari confirmed Ola as referent
    await storage.discussion.confirm_group_answer(group, question, frozenset({"1.0"}), 501, NOW)
    sent = await storage.checkbacks.start_checkback(group, 501, "Slik vart svara fanga", 111, NOW)
    await storage.checkbacks.answer_checkback(sent, "corrected", 501, NOW, correction="Kari rettar")
    await storage.discussion.add_poll(
        GroupPoll("p2", -100, 6, group, question, ("1.0",), True, (), 0), 501, NOW
    )
    await storage.privacy.erase_user(501)
    assert await storage.privacy.personal_data(501) == {}
    referent = await storage.discussion.referent(group)
    assert referent is not None and referent.telegram_id == 502
    answer = await storage.discussion.group_answer(group, question)
    assert answer is not None and answer.confirmed == {"1.0"} and answer.confirmed_by is None
    found = await storage.checkbacks.checkback(sent)
    assert found is not None and found.content == "Slik vart svara fanga"
    assert (found.answered_by, found.correction, found.chat_id) == (None, "", 0)
    assert [p.poll_id for p in await storage.discussion.polls_for(group, question)] == ["p1", "p2"]
    # The organiser who sent the check-back is part of the record, and can see it.
    assert [r["id"] for r in (await storage.privacy.personal_data(111))["checkback"]] == [sent]


async def test_purge_deletes_answers_and_revisions_and_is_recorded_once(storage: Storage) -> None:
    participant, _ = await populate(storage, 501, "Kari meiner")
    catalog = await storage.consultations.catalog("hallingting-2026")
    first = await storage.privacy.purge_answers(catalog.consultation_id, NOW)
    assert (first.answers, first.revisions) == (2, 1)
    again = await storage.privacy.purge_answers(catalog.consultation_id, NOW)
    assert (again.answers, again.revisions) == (0, 0)
    assert [
        (p.answers, p.revisions) for p in await storage.privacy.purges(catalog.consultation_id)
    ] == [(2, 1)]
    assert await storage.answers.answers_of(participant) == []
    who = await storage.participants.participant_by_id(participant)
    assert who is not None and who.editing_answer_id is None
    assert (
        await storage.consultations.consultation_id("hallingting-2026") == catalog.consultation_id
    )
    assert await storage.consultations.consultation_id("nope") is None
