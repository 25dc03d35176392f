"""Webhook mode under SIGKILL: an update answered 200 is committed; the rest come again.

A courier plays Telegram: it posts every pending update to the bot's webhook, up to 40 at once,
and posts again whatever did not get 200 (as Telegram retries). Twenty participants answer at
once; the bot is killed with SIGKILL mid-burst and restarted on the same database. Every update
that got 200 before the kill must already be stored; after the restart every answer is stored
exactly once, and an answer acknowledged before the kill is not acknowledged again.
"""

from __future__ import annotations

import threading
import urllib.error
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.e2e.scenario import Person, Tingbot, join_together, text_of
from tests.e2e.test_e2e_crash import SAVED
from tests.e2e.test_e2e_webhook import SECRET, URL, free_port, listening, post
from tests.support.figures import report_figures

USERS = 20
PER_USER = 5
KILL_AFTER_ACKS = 30
CODES = ["ht26-g1-Kx7p", "ht26-g2-Qm4d"]


class Courier:
    """Telegram's side of a webhook: post pending updates until each is answered 200."""

    def __init__(self, tingbot: Tingbot, port: int) -> None:
        self.emu = tingbot.emu
        self.port = port
        self.pending: dict[int, dict[str, Any]] = {}
        self.confirmed: list[int] = []
        self.lock = threading.Lock()
        self.running = threading.Event()
        self.pool = ThreadPoolExecutor(max_workers=40)
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> Courier:
        """Deliver in the background until `close`."""
        self.running.set()
        self.thread.start()
        return self

    def close(self) -> None:
        """Stop delivering."""
        self.running.clear()
        self.thread.join(10)
        self.pool.shutdown(wait=True)

    def idle(self) -> bool:
        """Nothing waits to be delivered (in the emulator or here).

        Called under the emulator's lock (by `emu.wait_until`): so the courier never holds its
        own lock while it calls the emulator, or the two would wait for each other.
        """
        with self.lock:
            mine = bool(self.pending)
        return not mine and not self.emu.pending_updates()

    def _loop(self) -> None:
        """Take new updates, post every pending one, again and again."""
        while self.running.is_set():
            taken = self.emu.take_webhook_updates()
            with self.lock:
                for update in taken:
                    self.pending[int(update["update_id"])] = update
                batch = list(self.pending.items())
            if not batch:
                self.running.wait(0.02)  # an idle courier; Telegram also polls its queue
                continue
            for update_id, status in zip(
                [u for u, _ in batch], self.pool.map(self._post, [u for _, u in batch]), strict=True
            ):
                if status == 200:
                    with self.lock:
                        self.pending.pop(update_id, None)
                        self.confirmed.append(update_id)

    def _post(self, update: dict[str, Any]) -> int:
        """One POST; 0 when the bot is not there (killed, or not yet listening)."""
        try:
            return post(self.port, update, SECRET)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return 0


def acks(person: Person, after: int, before: int | None = None) -> int:
    """How many "saved" replies reached a person in a journal range."""
    return sum(
        1
        for c in person.emu.calls[after:before]
        if c.ok
        and c.method == "sendMessage"
        and c.params.get("chat_id") == person.id
        and SAVED.search(text_of(c))
    )


def test_sigkill_in_webhook_mode_loses_no_confirmed_update(
    tingbot: Tingbot, tmp_path: Path
) -> None:
    emu = tingbot.emu
    port = free_port()
    tingbot.configure(webhook={"url": URL, "port": port, "secret_token": SECRET})
    ready = lambda: emu.webhook is not None and listening(port)  # noqa: E731
    tingbot.start(ready=ready)
    courier = Courier(tingbot, port).start()
    try:
        people = [tingbot.person(7500 + i, f"Deltakar{i}") for i in range(USERS)]
        for g, code in enumerate(CODES):
            join_together(people[g::2], code)
        texts: dict[int, tuple[int, str]] = {}
        burst = emu.mark()
        for k in range(1, PER_USER + 1):
            for person in people:
                text = f"Svar {k} frå {person.id}"
                update_id = person.handle.send_text(text)
                assert update_id is not None
                texts[update_id] = (person.id, text)
        emu.wait_until(lambda: sum(acks(p, burst) for p in people) >= KILL_AFTER_ACKS, 30)
        tingbot.processes[-1].kill()
        killed_at = emu.mark()
        with courier.lock:
            confirmed = [u for u in courier.confirmed if u in texts]
        acked = sum(acks(p, burst, killed_at) for p in people)
        stored_at_kill = {
            (t, s)
            for t, s in tingbot.query(
                "SELECT p.telegram_id, a.text FROM answer a "
                "JOIN participant p ON p.id = a.participant_id"
            )
        }
        lost_confirmed = [u for u in confirmed if texts[u] not in stored_at_kill]

        bot = tingbot.start(ready=ready)
        emu.wait_until(courier.idle, 60)
        emu.wait_until(lambda: sum(acks(p, burst) for p in people) >= len(texts), 30)
        assert bot.stop() == 0
    finally:
        courier.close()
    rows = tingbot.query(
        "SELECT p.telegram_id, a.text FROM answer a JOIN participant p ON p.id = a.participant_id"
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for row in rows:
        counts[(row[0], row[1])] += 1
    duplicates = sum(n - 1 for n in counts.values())
    acks_after = sum(acks(p, killed_at) for p in people)
    figures = {
        "sent": len(texts),
        "confirmed_200_before_kill": len(confirmed),
        "acknowledged_before_kill": acked,
        "confirmed_but_not_stored": len(lost_confirmed),
        "stored_after_restart": len(rows),
        "duplicates": duplicates,
        "acknowledged_twice": acked + acks_after - len(texts),
        "lost": len(texts) - len(counts),
    }
    report_figures("SIGKILL mid-burst (webhook)", figures, tmp_path)
    assert lost_confirmed == [], "an update answered 200 must be committed"
    assert duplicates == 0
    assert len(counts) == len(texts)
    assert 0 <= figures["acknowledged_twice"] <= USERS
    assert KILL_AFTER_ACKS <= acked < len(texts)
