"""Crash safety: SIGKILL in the middle of a burst of answers, restart, redelivery.

Forty participants answer at once. The bot is killed with SIGKILL once some answers are
acknowledged, restarted on the same database, and the emulator redelivers every update the bot
had not confirmed. Then: every answer the bot acknowledged ("Lagra") is stored exactly once, no
redelivered update made a second answer, every participant's cursor is where it was, and an
answer whose "saved" reply went out before the kill is not acknowledged again.

The bot confirms an update to Telegram only once it is processed (bot/transport/polling.py), so an update
fetched but unfinished at the kill comes back after the restart: nothing may be lost at all.
The `widened` variant also makes the polls after the burst's fetch fail (500), so that even
updates the bot finished are unconfirmed at the kill and delivered again.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.e2e.scenario import (
    Person,
    Tingbot,
    join_together,
    pattern,
    press_now,
    replied,
    text_of,
    together,
)
from tests.support.figures import report_figures

USERS = 40
PER_USER = 5
KILL_AFTER_ACKS = {True: 30, False: 120}  # early in the first window of 100, or later
CODES = ["ht26-g1-Kx7p", "ht26-g2-Qm4d", "ht26-g3-Wv9s", "ht26-g4-Hb2n"]
SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")


def acks(person: Person, after: int, before: int | None = None) -> list[tuple[int, int]]:
    """(point count, question number) of every "saved" reply to a person in a journal range."""
    found = []
    for call in person.emu.calls[after:before]:
        if call.ok and call.method == "sendMessage" and call.params.get("chat_id") == person.id:
            match = SAVED.search(text_of(call))
            if match:
                found.append((int(match["count"]), int(match["number"])))
    return found


def seat(tingbot: Tingbot) -> tuple[list[Person], dict[int, int]]:
    """Forty participants in four groups; participant i skips i % 3 questions (their cursor)."""
    people = [tingbot.person(7000 + i, f"Deltakar{i}") for i in range(USERS)]
    for g, code in enumerate(CODES):
        join_together(people[g::4], code)
    for skips in (1, 2):
        movers = [p for i, p in enumerate(people) if i % 3 >= skips]
        together(movers, press_now("n:skip:"), replied(f"Spørsmål {skips + 1} av 5"))
    return people, {p.id: i % 3 for i, p in enumerate(people)}


@pytest.mark.parametrize("widened", [True, False], ids=["redelivery-widened", "natural"])
def test_sigkill_mid_burst_loses_no_acknowledged_answer(
    tingbot: Tingbot, widened: bool, tmp_path: Path
) -> None:
    emu = tingbot.emu
    tingbot.start()
    people, position = seat(tingbot)
    questions = tingbot.question_ids()
    texts: dict[int, list[str]] = defaultdict(list)

    def send(person: Person, text: str) -> int | None:
        texts[person.id].append(text)
        return person.handle.send_text(text)

    update_ids: list[int | None] = []
    burst_start = emu.mark()
    primer = people[0]
    if widened:
        # The poll waiting now fetches the primer; the next one is lost, the one after that
        # fetches the burst, and every later one fails: nothing fetched gets confirmed.
        emu.wait_until(lambda: emu.long_polls_waiting >= 1)
        emu.inject("getUpdates", ["timeout"], count=1, hold=1.0)
        emu.inject("getUpdates", ["500"], count=10**6, skip=1)
    update_ids.append(send(primer, "Svar 0 frå deltakar 7000"))
    primer.wait_reply(burst_start, SAVED)
    for k in range(1, PER_USER + 1):
        for person in people:
            update_ids.append(send(person, f"Svar {k} frå deltakar {person.id}"))
    sent = len(update_ids)

    kill_after = KILL_AFTER_ACKS[widened]
    emu.wait_until(lambda: sum(len(acks(p, burst_start)) for p in people) >= kill_after, 30)
    tingbot.processes[-1].kill()
    killed_at = emu.mark()
    acked = {p.id: acks(p, burst_start, killed_at) for p in people}
    acked_count = sum(len(a) for a in acked.values())
    in_db_after_kill = tingbot.query("SELECT COUNT(*) FROM answer")[0][0]
    before_restart = {u: emu.deliveries(u) for u in update_ids if u is not None}

    emu.clear_faults()
    bot = tingbot.start()

    # The bot confirms an update only once it is processed: nothing pending means all done.
    emu.wait_until(lambda: not emu.pending_updates(), 60)
    assert bot.stop() == 0

    rows = tingbot.query(
        "SELECT p.telegram_id, a.text, a.question_id FROM answer a "
        "JOIN participant p ON p.id = a.participant_id"
    )
    stored: dict[tuple[int, str], list[int]] = defaultdict(list)
    for telegram_id, text, question_id in rows:
        stored[(telegram_id, text)].append(question_id)
    duplicates = sum(len(q) - 1 for q in stored.values())
    found = 0
    for person in people:
        expected_question = questions[position[person.id]]
        for count, number in acked[person.id]:
            assert number == position[person.id] + 1
            key = (person.id, texts[person.id][count - 1])
            assert stored.get(key) == [expected_question], f"acknowledged {key} not stored once"
            found += 1
    cursors = dict(tingbot.query("SELECT telegram_id, question_id FROM participant"))
    assert cursors == {p.id: questions[position[p.id]] for p in people}
    assert all(q == [questions[position[t]]] for (t, _), q in stored.items()), (
        "an answer landed on the wrong question"
    )
    redelivered = sum(1 for u, d in before_restart.items() if d and emu.deliveries(u) > d)
    # Each answer is acknowledged once; again only if the kill fell between the send and the
    # record of it, which is at most one update per chat (a chat's updates run one at a time).
    acks_after = sum(len(acks(p, killed_at)) for p in people)
    acknowledged_twice = acked_count + acks_after - sent
    figures = {
        "sent": sent,
        "acknowledged_before_kill": acked_count,
        "in_db_at_kill": in_db_after_kill,
        "acknowledged_found_after_restart": found,
        "stored_after_restart": len(rows),
        "redelivered_updates": redelivered,
        "duplicates": duplicates,
        "acknowledged_twice": acknowledged_twice,
        "lost_unacknowledged": sent - len(stored),
    }
    name = f"SIGKILL mid-burst ({'widened redelivery' if widened else 'natural'})"
    report_figures(name, figures, tmp_path)
    assert duplicates == 0
    assert 0 <= acknowledged_twice <= USERS
    assert found == acked_count
    assert kill_after <= acked_count < sent
    assert redelivered > 0
    assert len(stored) == sent, "updates are confirmed only once processed: nothing may be lost"
