"""The database's files made unwritable mid-run (`chattr +i`): the limit, as documented.

SQLite keeps the WAL index in the `-shm` file, mapped into memory (MAP_SHARED). Once the file
is immutable, the kernel refuses the next write fault on a mapped page with SIGBUS: SQLite gets
no error to report, the process dies at once. The bot cannot catch that, but it must not die
silently: the fault handler prints "Fatal Python error: Bus error" and the stack, and the exit
is by signal, so that systemd restarts it (and the restart then fails with a clear line and
status 4 while the folder stays unwritable). The database and the main file are unaffected.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.scenario import Tingbot, pattern
from tests.support.figures import report_figures

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")


def test_an_immutable_wal_index_ends_the_process_with_a_line(
    tingbot: Tingbot, tmp_path: Path
) -> None:
    bot = tingbot.start()
    person = tingbot.person(6601, "Liv")
    person.join("ht26-g1-Kx7p")
    person.say("Fyrste svar", SAVED)
    shm = Path(f"{tingbot.database}-shm")
    if subprocess.run(["chattr", "+i", str(shm)], check=False).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        for k in range(50):
            person.handle.send_text(f"Svar {k} " + "x" * 400)
        assert bot.process is not None
        status = bot.process.wait(30)
    finally:
        subprocess.run(["chattr", "-i", str(shm)], check=False)
    report_figures("immutable -shm mid-run", {"exit": status}, tmp_path)
    assert status == -signal.SIGBUS
    assert "Fatal Python error: Bus error" in bot.output
    stored = tingbot.query("SELECT text FROM answer ORDER BY id")
    assert stored[0] == ("Fyrste svar",)  # what was committed before stays
