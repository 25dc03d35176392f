"""Storage of group chats, referents, polls, joint answers, round votes and check-backs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import Storage
from storage.models import Catalog, ConsultationSpec, GroupPoll, ThemeSpec

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SPEC = ConsultationSpec(
    "ting",
    "Tinget",
    (ThemeSpec("naering", "Næring", (("organisering", "Korleis?"), ("tiltak", "Kva?"))),),
    (("gruppe-1", "Gruppe 1", "code-1"), ("gruppe-2", "Gruppe 2", "code-2")),
)
CHAT = -1001000000001
OTHER_CHAT = -1001000000002


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Storage]:
    """A migrated database under tmp_path."""
    opened = await Storage.open(tmp_path / "ting.sqlite3")
    yield opened
    await opened.close()


async def _catalog(store: Storage) -> Catalog:
    return (await store.consultations.sync_consultations([SPEC], NOW))["ting"]


async def test_one_chat_per_group_and_one_group_per_chat(store: Storage) -> None:
    catalog = await _catalog(store)
    g1, g2 = (g.id for g in catalog.groups)
    first = await store.chats.link_chat(g1, CHAT, "Bord 1", 111, NOW)
    assert first.previous_chat_id is None and first.link.active and first.link.chat_id == CHAT
    moved = await store.chats.link_chat(g1, OTHER_CHAT, "Bord 1b", 111, NOW)
    assert moved.previous_chat_id == CHAT
    assert await store.chats.chat_link(CHAT) is None
    relinked = await store.chats.link_chat(
        g2, OTHER_CHAT, "Bord 2", 111, NOW
    )  # callers refuse this
    assert relinked.link.group_id == g2 and await store.chats.group_chat_of(g1) is None
    assert await store.chats.unlink_chat(OTHER_CHAT) and not await store.chats.unlink_chat(
        OTHER_CHAT
    )


async def test_inactive_and_migrated_links(store: Storage) -> None:
    catalog = await _catalog(store)
    group = catalog.groups[0].id
    await store.chats.link_chat(group, CHAT, "Bord", 111, NOW)
    assert await store.chats.set_chat_active(CHAT, False, NOW)
    assert not await store.chats.set_chat_active(CHAT, False, NOW)
    link = await store.chats.chat_link(CHAT)
    assert link is not None and not link.active
    assert await store.chats.migrate_chat(CHAT, OTHER_CHAT, NOW)
    assert not await store.chats.migrate_chat(CHAT, OTHER_CHAT, NOW)  # the second service message
    moved = await store.chats.group_chat_of(group)
    assert moved is not None and moved.chat_id == OTHER_CHAT


async def test_polls_votes_replace_and_retract(store: Storage) -> None:
    catalog = await _catalog(store)
    group, question = catalog.groups[0].id, catalog.active_questions[0].id
    poll = GroupPoll("p1", CHAT, 5, group, question, ("1.0", "2.0"), False, (), 0)
    await store.discussion.add_poll(poll, 111, NOW)
    await store.discussion.record_poll_vote("p1", 5001, [1, 0, 1], NOW)
    await store.discussion.record_poll_vote("p1", 5002, [0], NOW)
    await store.discussion.record_poll_vote("p1", 5001, [1], NOW + timedelta(minutes=1))
    assert await store.discussion.poll_votes("p1") == {5001: (1,), 5002: (0,)}
    await store.discussion.record_poll_vote("p1", 5002, [], NOW)
    assert await store.discussion.poll_votes("p1") == {5001: (1,)}
    assert await store.discussion.record_poll_counts("p1", [0, 1], 1)
    assert not await store.discussion.record_poll_counts("nope", [0], 0)
    (stored,) = await store.discussion.polls_for(group, question)
    assert stored.counts == (0, 1) and stored.voters == 1 and stored.refs == ("1.0", "2.0")


async def test_group_answers_selection_and_confirmation(store: Storage) -> None:
    catalog = await _catalog(store)
    group, question = catalog.groups[0].id, catalog.active_questions[0].id
    await store.discussion.set_selection(group, question, frozenset({"1.0"}))
    answer = await store.discussion.group_answer(group, question)
    assert answer is not None and answer.selected == {"1.0"} and answer.confirmed is None
    assert await store.discussion.confirmed_group_answers(catalog.consultation_id) == []
    await store.discussion.confirm_group_answer(
        group, question, frozenset({"1.0", "3.1"}), 5001, NOW
    )
    (confirmed,) = await store.discussion.confirmed_group_answers(catalog.consultation_id)
    assert confirmed.confirmed == {"1.0", "3.1"} and confirmed.confirmed_by == 5001
    await store.discussion.withdraw_group_answer(group, question)
    assert await store.discussion.confirmed_group_answers(catalog.consultation_id) == []


async def test_referent_offers_are_settled_by_a_confirmation(store: Storage) -> None:
    catalog = await _catalog(store)
    group = catalog.groups[0].id
    await store.discussion.offer_referent(group, 5001, NOW)
    assert await store.discussion.has_referent_offer(group, 5001)
    await store.discussion.set_referent(group, 5001, 5002, NOW)
    referent = await store.discussion.referent(group)
    assert referent is not None and (referent.telegram_id, referent.confirmed_by) == (5001, 5002)
    assert not await store.discussion.has_referent_offer(group, 5001)


async def test_round_votes_replace_earlier_votes_on_any_ref(store: Storage) -> None:
    catalog = await _catalog(store)
    participant = await store.participants.join(
        catalog.consultation_id, 5001, "Kari", catalog.groups[0].id, None, NOW
    )
    await store.rounds.record_round_vote(
        participant.id, ["4.0"], "4.0", "tiltak", "Fond", "agree", NOW
    )
    later = NOW + timedelta(minutes=1)
    await store.rounds.record_round_vote(
        participant.id, ["2.0", "4.0"], "2.0", "tiltak", "Fond (merged)", "disagree", later
    )
    (vote,) = await store.rounds.round_votes(catalog.consultation_id)
    assert (vote.point_key, vote.label, vote.choice) == ("2.0", "Fond (merged)", "disagree")
    assert vote.group_id == catalog.groups[0].id
    assert await store.rounds.round_votes_of(participant.id) == [vote]
    await store.rounds.add_round_event(catalog.consultation_id, True, 111, NOW)
    await store.rounds.add_round_event(catalog.consultation_id, False, 111, later)
    events = await store.rounds.round_events(catalog.consultation_id)
    assert [(e.opens, e.at) for e in events] == [(True, NOW), (False, later)]


async def test_checkbacks_are_recorded_before_sending(store: Storage) -> None:
    catalog = await _catalog(store)
    g1, g2 = (g.id for g in catalog.groups)
    first = await store.checkbacks.start_checkback(g1, 5001, "Svara", 111, NOW)
    stored = await store.checkbacks.checkback(first)
    assert stored is not None and stored.status == "sending"
    await store.checkbacks.finish_checkback(first, 42)
    await store.checkbacks.answer_checkback(first, "correcting", 5001, NOW)
    awaited = await store.checkbacks.awaited_correction(5001, 5001)
    assert awaited is not None and awaited.id == first
    await store.checkbacks.answer_checkback(
        first, "corrected", 5001, NOW, correction="Punkt 2 manglar"
    )
    assert await store.checkbacks.awaited_correction(5001, 5001) is None
    failed = await store.checkbacks.start_checkback(g2, CHAT, "Svara", 111, NOW)
    await store.checkbacks.finish_checkback(failed, None)
    latest = {
        c.group_id: c for c in await store.checkbacks.latest_checkbacks(catalog.consultation_id)
    }
    assert latest[g1].status == "corrected" and latest[g1].correction == "Punkt 2 manglar"
    assert latest[g1].message_id == 42 and latest[g2].status == "failed"


async def test_erasing_a_user_removes_their_discussion_data(store: Storage) -> None:
    catalog = await _catalog(store)
    group, question = catalog.groups[0].id, catalog.active_questions[0].id
    await store.discussion.add_poll(
        GroupPoll("p1", CHAT, 5, group, question, ("1.0",), False, (), 0), 1, NOW
    )
    await store.discussion.record_poll_vote("p1", 5001, [0], NOW)
    await store.discussion.record_poll_vote("p1", 5002, [0], NOW)
    await store.discussion.offer_referent(group, 5001, NOW)
    await store.discussion.set_referent(group, 5001, 111, NOW)
    await store.discussion.offer_referent(group, 5001, NOW)
    await store.discussion.confirm_group_answer(group, question, frozenset({"1.0"}), 5001, NOW)
    checkback = await store.checkbacks.start_checkback(group, 5001, "Svara", 111, NOW)
    await store.checkbacks.answer_checkback(checkback, "corrected", 5001, NOW, correction="Feil")
    await store.privacy.erase_user(5001)
    assert await store.discussion.poll_votes("p1") == {5002: (0,)}
    assert await store.discussion.referent(group) is None
    assert not await store.discussion.has_referent_offer(group, 5001)
    answer = await store.discussion.group_answer(group, question)
    assert answer is not None and answer.confirmed == {"1.0"} and answer.confirmed_by is None
    found = await store.checkbacks.checkback(checkback)
    assert found is not None and found.answered_by is None and found.correction == ""
