"""The emulator's faults, send accounting and health checks (a part of `Emulator`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from . import accounting
from .dispatch import SEND_METHODS, Call, Journal
from .faults import FaultRecord, FaultSchedule
from .world import World


class FaultsAndHealth:
    """Injecting faults, counting sends in a window, and failing on unknown methods or errors."""

    _world: World
    _faults: FaultSchedule
    _journal: Journal

    @property
    def calls(self) -> list[Call]:
        """Every call received, in the order they were answered (kept by `Emulator`)."""
        raise NotImplementedError

    # faults -------------------------------------------------------------------------------
    def inject(
        self,
        method: str,
        kinds: Sequence[str],
        *,
        count: int | None = None,
        rate: float | None = None,
        seed: int = 0,
        retry_after: float = 1,
        hold: float = 6.0,
        skip: int = 0,
        chat: int | None = None,
    ) -> None:
        """Fault calls of ``method`` ("*" = all but getUpdates); see faults.py for the kinds.

        After letting ``skip`` calls pass: without ``rate`` the next ``count`` calls (default
        ``len(kinds)``) get the kinds in turn; with ``rate`` each call is faulted with that
        chance (seeded RNG), at most ``count`` times. ``hold`` is how long a timeout holds the
        request before dropping it: make it longer than the client's read timeout. ``chat``
        limits the faults to calls addressed to that chat (by id or @username).
        """
        with self._world.lock:
            self._faults.add(
                method,
                kinds,
                count=count,
                rate=rate,
                seed=seed,
                retry_after=retry_after,
                hold=hold,
                skip=skip,
                chat=chat,
            )

    def clear_faults(self) -> None:
        """Stop injecting faults."""
        with self._world.lock:
            self._faults.clear()

    @property
    def faults(self) -> list[FaultRecord]:
        """Every faulted call (injected, or ``flood`` when flood_limits are on)."""
        with self._world.lock:
            return list(self._journal.faults)

    # accounting ---------------------------------------------------------------------------
    def max_sends_in_window(self, window: float, methods: Collection[str] = SEND_METHODS) -> int:
        """The most messages sent (taking effect) within any ``window`` seconds."""
        return accounting.max_sends(self.calls, window, methods)

    def max_sends_to_chat_in_window(
        self, chat_id: int, window: float, methods: Collection[str] = SEND_METHODS
    ) -> int:
        """The most messages sent to one chat within any ``window`` seconds."""
        return accounting.max_sends(self.calls, window, methods, chat_id)

    def duplicates(self) -> list[tuple[int, str, int]]:
        """(chat_id, content, times) for every content the bot sent more than once to a chat."""
        return accounting.duplicates(self.calls)

    # health -------------------------------------------------------------------------------
    @property
    def unknown_methods(self) -> list[str]:
        """Names of methods the bot called that the emulator does not implement."""
        with self._world.lock:
            return [c.method for c in self._journal.unknown]

    def assert_no_unknown_methods(self) -> None:
        """Fail listing every unknown method called."""
        unknown = self.unknown_methods
        assert not unknown, f"the bot called methods the emulator does not know: {unknown}"

    def assert_healthy(self) -> None:
        """Fail on unknown methods or emulator bugs (tracebacks recorded while answering)."""
        self.assert_no_unknown_methods()
        errors = self._journal.internal_errors
        assert not errors, "emulator errors:\n" + "\n".join(errors)
