"""The writer's thread: every write of the database, in the order it was asked for.

One thread takes the queued writes in order and runs them as batches: a run of consecutive
plain operations in one transaction on its own sqlite3 connection (no event-loop round trip
between batches, so the next batch starts while the event loop is still busy with the callers
of the last one); a run of coroutine operations, or one exclusive section, handed to the event
loop while the thread waits. Only one write transaction is ever open, and a caller's future is
resolved only after its batch committed (`settle`, called on the caller's event loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue
from typing import Any

log = logging.getLogger(__name__)
Outcome = list[tuple[bool, Any]] | Exception


@dataclass
class Queued:
    """A write waiting for its batch: a plain or coroutine operation, or an exclusive section."""

    kind: str  # "plain", "async" or "exclusive"
    operation: Any
    cache_safe: bool
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop = field(repr=False)
    released: threading.Event | None = None  # exclusive: set when the section has ended


class Sequencer:
    """The thread that runs every write in order (see the module docstring)."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        run_plain: Callable[[sqlite3.Connection, list[Any]], list[tuple[bool, Any]]],
        run_async: Callable[[list[Queued]], Coroutine[Any, Any, None]],
        settle: Callable[[list[Queued], Outcome], None],
        max_batch: int,
    ) -> None:
        self._connect = connect
        self._run_plain = run_plain
        self._run_async = run_async
        self._settle = settle
        self.max_batch = max_batch
        self._queue: SimpleQueue[Queued | None] = SimpleQueue()
        self._waiting: deque[Queued] = deque()
        self._opened: asyncio.Future[None] | None = None
        self._thread = threading.Thread(target=self._main, name="tingbot-db-writer", daemon=True)

    async def start(self) -> None:
        """Start the thread and open its connection (its error, if any, is raised here)."""
        loop = asyncio.get_running_loop()
        self._opened = loop.create_future()
        self._thread.start()
        await self._opened

    def put(self, item: Queued) -> None:
        """Queue a write (from the event loop)."""
        self._queue.put(item)

    async def stop(self) -> None:
        """Run what is queued, close the connection and end the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            await asyncio.to_thread(self._thread.join)

    def _main(self) -> None:
        """The thread: open, then run batches until told to stop."""
        assert self._opened is not None
        opened = self._opened
        try:
            conn = self._connect()
        except Exception as exc:
            opened.get_loop().call_soon_threadsafe(_resolve, opened, None, exc)
            return
        opened.get_loop().call_soon_threadsafe(_resolve, opened, None, None)
        try:
            while (batch := self._next_batch()) is not None:
                self._run(conn, batch)
        finally:
            conn.close()

    def _next_batch(self) -> list[Queued] | None:
        """The next run of writes of one kind (an exclusive section alone); None: stop."""
        stopping = False
        if not self._waiting:
            first = self._queue.get()
            if first is None:
                return None
            self._waiting.append(first)
        while len(self._waiting) < self.max_batch:  # take what else has queued up meanwhile
            try:
                item = self._queue.get_nowait()
            except Empty:
                break
            if item is None:
                stopping = True
                break
            self._waiting.append(item)
        kind = self._waiting[0].kind
        batch = [self._waiting.popleft()]
        while (
            kind != "exclusive"
            and self._waiting
            and self._waiting[0].kind == kind
            and len(batch) < self.max_batch
        ):
            batch.append(self._waiting.popleft())
        if stopping:
            self._queue.put(None)  # stop once everything queued before has run
        return batch

    def _run(self, conn: sqlite3.Connection, batch: list[Queued]) -> None:
        """Run one batch; its callers learn the outcome on their event loop."""
        first = batch[0]
        try:
            if first.kind == "plain":
                outcome: Outcome
                try:
                    outcome = self._run_plain(conn, [queued.operation for queued in batch])
                except Exception as exc:
                    outcome = exc
                first.loop.call_soon_threadsafe(self._settle, batch, outcome)
            elif first.kind == "async":
                asyncio.run_coroutine_threadsafe(self._run_async(batch), first.loop).result()
            else:
                assert first.released is not None
                first.loop.call_soon_threadsafe(_resolve, first.future, None, None)
                first.released.wait()
        except Exception:  # the event loop is gone, or a bug: never leave a caller hanging
            log.exception("a batch of writes could not run")
            with contextlib.suppress(RuntimeError):
                first.loop.call_soon_threadsafe(self._settle, batch, RuntimeError("write failed"))


def _resolve(future: asyncio.Future[Any], value: Any, error: Exception | None) -> None:
    """Resolve `future` unless its waiter already gave up (cancelled)."""
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
