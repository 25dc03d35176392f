"""Floods and failures: 429 with retry_after, 500s and timeouts while many answer at once.

The emulator answers like Telegram beyond 30 messages a second or 20 a minute to a group, and
injects faults into the bot's sendMessage calls. The bot waits and retries 429s as told, retries
500s, does not retry timeouts (the message may have arrived), stores every answer before
acknowledging it, stays within the limits, and sends nothing twice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

from bot.transport.retry import RetryingRequest
from tests.e2e.scenario import Person, Tingbot, join_together, pattern, text_of
from tests.emulator import Call
from tests.support.figures import report_figures

USERS = 20
PER_USER = 3
CODES = ["ht26-g1-Kx7p", "ht26-g2-Qm4d"]
RETRIES = RetryingRequest().server_error_retries
SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")


def acknowledged(person: Person, after: int) -> set[int]:
    """Point counts of the "saved" replies that reached a person."""
    found = set()
    for call in person.replies(after):
        match = SAVED.search(text_of(call))
        if match:
            found.add(int(match["count"]))
    return found


def attempts(calls: list[Call], chat_id: int) -> dict[int, list[Call]]:
    """Every attempt to send each "saved" reply to a chat, by point count, in order."""
    found: dict[int, list[Call]] = defaultdict(list)
    for call in calls:
        if call.method == "sendMessage" and call.params.get("chat_id") == chat_id:
            match = SAVED.search(str(call.params.get("text", "")))
            if match:
                found[int(match["count"])].append(call)
    return found


def test_faults_and_floods_lose_no_stored_answer(flooded_tingbot: Tingbot, tmp_path: Path) -> None:
    tingbot = flooded_tingbot
    emu = tingbot.emu
    tingbot.start()
    people = [tingbot.person(8000 + i, f"Person{i}") for i in range(USERS)]
    for g, code in enumerate(CODES):
        join_together(people[g::2], code)

    emu.inject(
        "sendMessage",
        ["429", "500", "timeout", "timeout_after"],
        rate=0.2,
        count=16,
        seed=11,
        retry_after=1,
        hold=6.0,
    )
    burst = emu.mark()
    for k in range(1, PER_USER + 1):
        for person in people:
            person.handle.send_text(f"Punkt {k} frå {person.id}")
    # Updates are confirmed once processed: nothing pending means every handler has finished.
    emu.wait_until(lambda: not emu.pending_updates(), 90)

    stored = dict(
        tingbot.query(
            "SELECT p.telegram_id, COUNT(*) FROM answer a "
            "JOIN participant p ON p.id = a.participant_id GROUP BY p.telegram_id"
        )
    )
    assert stored == {p.id: PER_USER for p in people}
    injected = Counter(f.kind for f in emu.faults if f.call_seq > burst and f.kind != "flood")
    floods = sum(1 for f in emu.faults if f.kind == "flood")
    lost = {p.id: set(range(1, PER_USER + 1)) - acknowledged(p, burst) for p in people}
    lost_count = sum(len(v) for v in lost.values())

    emu.clear_faults()
    for person in people:
        if lost[person.id]:
            listing = text_of(person.command("mine", expect="Punkt 1"))
            assert all(f"Punkt {k} frå {person.id}" in listing for k in lost[person.id])

    sends_per_second = emu.max_sends_in_window(1.0)
    group_chats = {c.params.get("chat_id") for c in emu.calls_to("sendMessage", ok=True)}
    group_peak = max(
        (emu.max_sends_to_chat_in_window(int(c), 60.0) for c in group_chats if int(c) < 0),
        default=0,
    )
    figures = {
        "answers_sent": USERS * PER_USER,
        "answers_stored": sum(stored.values()),
        "faults_injected": dict(injected),
        "telegram_flood_429s": floods,
        "acknowledgements_lost": lost_count,
        "duplicates_sent": len(emu.duplicates()),
        "max_sends_per_second": sends_per_second,
        "max_sends_per_group_minute": group_peak,
    }
    report_figures("429/500/timeouts during a burst", figures, tmp_path)
    assert sum(injected.values()) == 16
    for person in people:
        tries = attempts(emu.calls[burst:], person.id)
        for count in lost[person.id]:
            outcome = [c.fault for c in tries[count]]
            assert outcome[-1] == "timeout" or outcome[-RETRIES - 1 :] == ["500"] * (RETRIES + 1), (
                f"acknowledgement {count} to {person.id} lost after {outcome}"
            )
        for calls in tries.values():
            for failed, retry in pairwise(calls):
                if failed.fault in ("429", "flood"):
                    assert retry.t - failed.t >= 1.0, "retried before retry_after"
    assert emu.duplicates() == []
    assert floods == 0 and sends_per_second <= 30 and group_peak <= 20
    assert tingbot.processes[-1].stop() == 0
