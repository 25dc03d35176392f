"""`tingbot backup` while the bot is busy writing answers: the copy is consistent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.e2e.process import run_command
from tests.e2e.scenario import Tingbot, join_together, pattern, text_of
from tests.support.figures import report_figures

USERS = 20
PER_USER = 5
SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")


def test_backup_during_a_burst_is_a_consistent_copy(tingbot: Tingbot, tmp_path: Path) -> None:
    emu = tingbot.emu
    bot = tingbot.start()
    people = [tingbot.person(9000 + i, f"P{i}") for i in range(USERS)]
    join_together(people, "ht26-g5-Zr8t")
    burst = emu.mark()
    for k in range(PER_USER):
        for person in people:
            person.handle.send_text(f"Svar {k} frå {person.id}")

    def acknowledged() -> int:
        return sum(1 for c in emu.calls[burst:] if c.ok and SAVED.search(text_of(c)))

    emu.wait_until(lambda: acknowledged() >= 20)
    before = acknowledged()
    copy = tmp_path / "backup" / "tingbot-copy.sqlite3"
    done = run_command("backup", str(copy), "--config", str(tingbot.config_path), token=emu.token)
    after = acknowledged()
    assert done.returncode == 0, done.stderr
    assert f"backup written to {copy}" in done.stdout

    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        in_copy = conn.execute("SELECT COUNT(*) FROM answer").fetchone()[0]
        participants = conn.execute("SELECT COUNT(*) FROM participant").fetchone()[0]
    finally:
        conn.close()

    emu.wait_until(lambda: not emu.pending_updates(), 60)
    assert bot.stop() == 0
    total = tingbot.query("SELECT COUNT(*) FROM answer")[0][0]
    assert version == tingbot.query("PRAGMA user_version")[0][0]
    assert participants == USERS
    assert before <= in_copy <= total == USERS * PER_USER
    assert after < USERS * PER_USER, "the backup ran while answers were still being written"
    report_figures(
        "backup during a burst",
        {
            "acknowledged_at_start": before,
            "answers_in_copy": in_copy,
            "answers_at_end": total,
            "acknowledged_when_done": after,
        },
        tmp_path,
    )
