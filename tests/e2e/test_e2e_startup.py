"""Start-up failures and a second instance: one clear line, a documented status, within seconds.

Each case runs `tingbot run` as a process on a database made unusable in one way; none may print
a traceback or stay alive. A second instance on a database already served must refuse to start,
and the first keeps serving; a lock left by SIGKILL does not block the restart.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.process import run_command
from tests.e2e.scenario import Tingbot, pattern
from tests.support.figures import report_figures

OFFER = pattern("Answers are taken until {deadline}.")
EXIT_CONFIG, EXIT_LOCKED, EXIT_DATABASE = 2, 3, 4
WITHIN = 20.0  # seconds; each case ends in about one on an idle machine


def run_once(tingbot: Tingbot) -> tuple[int, str, float]:
    """`tingbot run` on the deployment's config: exit status, stderr, seconds taken."""
    if not tingbot.config:
        tingbot.configure()
    began = time.monotonic()
    done = run_command("run", "--config", str(tingbot.config_path), token=tingbot.emu.token)
    return done.returncode, done.stderr, time.monotonic() - began


def one_clear_line(stderr: str, wanted: str) -> None:
    """The failure is one line that says `wanted`, and no traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("tingbot: ") and wanted in lines[0], stderr


def served_database(tingbot: Tingbot) -> Path:
    """A database the bot has created and closed cleanly (no -wal or -shm left)."""
    bot = tingbot.start()
    assert bot.stop() == 0
    for extra in ("-wal", "-shm"):
        Path(f"{tingbot.database}{extra}").unlink(missing_ok=True)
    return tingbot.database


def not_a_database(tingbot: Tingbot) -> None:
    """Some other file where the database should be."""
    tingbot.database.write_bytes(b"These are the minutes of the council meeting.\n" * 200)


def corrupt_header(tingbot: Tingbot) -> None:
    """The first bytes of the header overwritten."""
    path = served_database(tingbot)
    with path.open("r+b") as file:
        file.write(b"\xff" * 32)


def corrupt_pages(tingbot: Tingbot) -> None:
    """Every page after the first overwritten with garbage (the header is intact)."""
    path = served_database(tingbot)
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xa5" * (size - 4096))


def newer_schema(tingbot: Tingbot) -> None:
    """A database written by a newer tingbot."""
    path = served_database(tingbot)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def read_only_folder(tingbot: Tingbot) -> None:
    """The database's folder may not be written (immutable, which binds root too)."""
    folder = tingbot.dir / "ro"
    folder.mkdir()
    if subprocess.run(["chattr", "+i", str(folder)], check=False).returncode != 0:
        pytest.skip("chattr +i is not available here")
    tingbot.database = folder / "tingbot.sqlite3"
    tingbot.configure()


CASES: dict[str, tuple[Callable[[Tingbot], None], int, str]] = {
    "not-a-database": (not_a_database, EXIT_DATABASE, "is not a tingbot database"),
    "corrupt-header": (corrupt_header, EXIT_DATABASE, "is not a tingbot database"),
    "corrupt-pages": (corrupt_pages, EXIT_DATABASE, "is not a tingbot database or is damaged"),
    "newer-schema": (newer_schema, EXIT_CONFIG, "upgrade tingbot or use a backup"),
    "read-only-folder": (read_only_folder, EXIT_DATABASE, "cannot write"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_start_up_failure_is_one_line_and_a_status(
    tingbot: Tingbot, case: str, tmp_path: Path
) -> None:
    spoil, status, wanted = CASES[case]
    try:
        spoil(tingbot)
        code, stderr, took = run_once(tingbot)
    finally:
        subprocess.run(["chattr", "-i", str(tingbot.dir / "ro")], check=False, capture_output=True)
    report_figures(f"start-up failure {case}", {"exit": code, "seconds": round(took, 2)}, tmp_path)
    assert code == status, stderr
    one_clear_line(stderr, wanted)
    assert took < WITHIN


def test_a_full_disk_is_one_line_and_a_status(tingbot: Tingbot, tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(small)],
        check=False,
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        tingbot.database = small / "tingbot.sqlite3"
        tingbot.configure()
        code, stderr, took = run_once(tingbot)
    finally:
        subprocess.run(["umount", str(small)], check=False)
    report_figures(
        "start-up failure disk-full", {"exit": code, "seconds": round(took, 2)}, tmp_path
    )
    assert code == EXIT_DATABASE, stderr
    one_clear_line(stderr, "is full")
    assert took < WITHIN


def test_a_second_instance_refuses_and_the_first_keeps_serving(
    tingbot: Tingbot, tmp_path: Path
) -> None:
    emu = tingbot.emu
    first = tingbot.start()
    code, stderr, took = run_once(tingbot)
    assert code == EXIT_LOCKED, stderr
    one_clear_line(stderr, "another tingbot")
    assert first.running
    kari = tingbot.person(6201, "Kari")
    mark = emu.mark()
    kari.command("start", "ht26-g1-Kx7p", expect=OFFER)
    emu.wait_until(lambda: not emu.pending_updates())
    assert len(kari.replies(mark)) == 1
    assert "Conflict" not in first.output
    # A crash leaves the lock file behind; the kernel has released the lock itself.
    first.kill()
    assert Path(f"{tingbot.database}.lock").exists()
    again = tingbot.start()
    kari.command("hjelp")
    assert again.stop() == 0
    report_figures(
        "second instance", {"exit": code, "seconds": round(took, 2), "replies": 1}, tmp_path
    )
