"""Start-up failures as one clear line and an exit status, never a traceback.

Every status is documented in docs/operations.md (and the systemd unit does not restart on the
ones a restart cannot mend).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage import SchemaTooNewError, Storage
from storage.lock import DatabaseLockedError, InstanceLock

EXIT_RUNTIME = 1  # Telegram unreachable or the token rejected at start; polling stopped
EXIT_CONFIG = 2  # a broken config file, or a database of a newer tingbot
EXIT_LOCKED = 3  # another tingbot runs on the same database
EXIT_DATABASE = 4  # the database cannot be used: not one, damaged, read-only, disk full

RESTORE = "restore a backup (docs/operations.md, Backups) or move the file away to start afresh"


class StartupError(Exception):
    """Why the bot cannot start: the line to print and the exit status."""

    def __init__(self, line: str, status: int) -> None:
        super().__init__(line)
        self.line = line
        self.status = status


def lock_database(database: Path) -> InstanceLock:
    """The instance lock of `database`, held; StartupError if another process holds it."""
    lock = InstanceLock(database)
    try:
        lock.acquire()
    except DatabaseLockedError as exc:
        raise StartupError(f"tingbot: {exc}", EXIT_LOCKED) from None
    except OSError as exc:
        raise StartupError(_unwritable(lock.path, exc), EXIT_DATABASE) from None
    return lock


async def open_storage(database: Path, durability: str = "normal") -> Storage:
    """Open and migrate the database; StartupError with a clear line if it cannot be used."""
    try:
        return await Storage.open(database, durability)
    except SchemaTooNewError as exc:
        raise StartupError(f"tingbot: {exc}", EXIT_CONFIG) from None
    except sqlite3.Error as exc:
        raise StartupError(describe(database, exc), EXIT_DATABASE) from None
    except OSError as exc:
        raise StartupError(_unwritable(database, exc), EXIT_DATABASE) from None


def describe(database: Path, error: sqlite3.Error) -> str:
    """What an SQLite error on opening `database` means for the operator, in one line."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "malformed" in str(error):
        return f"tingbot: {database} is not a tingbot database or is damaged ({error}): {RESTORE}"
    if name == "SQLITE_FULL":
        return f"tingbot: the disk holding {database} is full ({error}): free space, then start"
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return (
            f"tingbot: cannot write {database} or its folder ({error}): the bot's user needs "
            "to write both (the database, its -wal and -shm files)"
        )
    return f"tingbot: cannot open the database {database} ({name or 'error'}: {error}): {RESTORE}"


def _unwritable(path: Path, error: OSError) -> str:
    """An operating-system error on the database's folder or lock, in one line."""
    return f"tingbot: cannot write {path} ({error.strerror or error}): check the folder's owner"
