"""One running bot per database: an exclusive lock on a file beside it.

The lock is `flock` on `<database>.lock`: the kernel releases it when the process ends, however
it ends, so a lock left by a crash (SIGKILL, power loss) never blocks a restart. The file holds
the holder's process id, for the message a second instance prints; its existence means nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class DatabaseLockedError(RuntimeError):
    """Another process runs the bot on this database."""


class InstanceLock:
    """The lock of one database, held from `acquire` until `release` (or the process ends)."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock now, or raise DatabaseLockedError naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise DatabaseLockedError(
                f"another tingbot (process {holder}) is running on this database; "
                f"stop it first (lock: {self.path})"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None
