"""After /slett nothing of the person is left in the database's files, nor their id in the logs.

Deleted rows are overwritten (secure_delete) and the WAL is checkpointed and truncated at once,
so neither the database file nor its -wal file holds the erased answer, name or join, nor an
update of theirs the bot could not read (a dead letter, kept raw), while the bot still runs. The log lines name users by a keyed pseudonym, never by their Telegram id.
"""

from __future__ import annotations

from pathlib import Path

from bot.i18n.translator import P_
from tests.e2e.scenario import Tingbot, pattern
from tests.support.figures import report_figures

SAVED = pattern("✅ Saved (point {count} for question {number}). Write more, or go on.")
DELETED = pattern(
    P_(
        "Deleted: {count} answer and everything else tingbot stored about you. "
        "To take part again, open your group's link.",
        "Deleted: {count} answers and everything else tingbot stored about you. "
        "To take part again, open your group's link.",
    )
)
TEXT = "Eit hemmeleg svar om Xylofonvegen 17"
UNREADABLE = "Kvitrefjellstien 9"  # the data of a press the library cannot read
NAME = "Ragnvaldhildur"
USER_ID = 7654321


def holds(path: Path, needle: str) -> bool:
    """Whether a file (absent: no) holds `needle` in UTF-8."""
    return path.exists() and needle.encode() in path.read_bytes()


def test_slett_leaves_nothing_in_the_files_or_logs(tingbot: Tingbot, tmp_path: Path) -> None:
    bot = tingbot.start()
    person = tingbot.person(USER_ID, NAME)
    person.join("ht26-g1-Kx7p")
    person.say(TEXT, SAVED)
    emu = tingbot.emu
    poison = {"id": "q", "from": {"id": USER_ID, "is_bot": False, "first_name": NAME}}
    emu.push_update("callback_query", {**poison, "data": UNREADABLE})  # no chat_instance
    emu.wait_until(lambda: tingbot.query("SELECT count(*) FROM dead_letter") == [(1,)], 20)
    database = tingbot.database
    wal = Path(f"{database}-wal")
    assert holds(database, TEXT) or holds(wal, TEXT), "the answer must be stored at first"
    person.command("slett", expect="1")
    person.press("del:yes", expect=DELETED)
    files = {"database": database, "wal": wal}
    secrets = (TEXT, NAME, UNREADABLE)
    left = {name: [n for n in secrets if holds(path, n)] for name, path in files.items()}
    wal_size = wal.stat().st_size if wal.exists() else 0
    assert bot.running
    assert left == {"database": [], "wal": []}
    assert tingbot.query("SELECT count(*) FROM dead_letter") == [(0,)]
    assert str(USER_ID) not in bot.output
    assert "user=u-" in bot.output  # the pseudonym is what the log says instead
    assert bot.stop() == 0
    report_figures(
        "erasure",
        {"wal_bytes_after_slett": wal_size, "texts_left": 0, "dead_letters_left": 0},
        tmp_path,
    )
