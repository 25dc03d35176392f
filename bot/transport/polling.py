"""Long polling that confirms an update to Telegram only after it has been processed.

PTB's Updater confirms what it fetched (the next getUpdates carries a higher offset) before the
handlers have run, so a crash loses every fetched update still waiting to be handled. Here the
offset sent to Telegram is the lowest update still in progress: whatever was not finished when
the process died is delivered again after a restart, and the handlers are idempotent (an answer
is stored once per chat and message). Updates that come back while they are still in progress,
or after they finished above an unfinished one, are not processed twice.

Each update is parsed on its own: one the library cannot read (a field a self-hosted Bot API
server omits, a kind newer than the library) is kept as a dead letter with its raw JSON and
confirmed like any other, so it cannot stop polling. If polling stops for any other reason than
`stop()`, `on_fatal` is called and `failed` is set: the process then exits non-zero and its
supervisor restarts it, rather than living on without serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.context import TingApplication
from bot.transport.bot import TingBot

log = logging.getLogger(__name__)
# The update kinds the bot handles; Telegram sends no others (no payments, business, boosts).
UPDATE_KINDS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "callback_query",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
)
LONG_POLL = 10  # seconds Telegram holds a getUpdates open when nothing is pending
BUSY_INTERVAL = 0.1  # between polls while updates are in progress (each returns at once)
STALL_INTERVAL = 0.5  # poll again this often when only unfinished updates come back
MAX_BACKOFF = 30.0


class ConfirmingPoller:
    """getUpdates in a loop; each update is processed concurrently and confirmed once done."""

    def __init__(
        self,
        app: TingApplication,
        allowed_updates: Sequence[str],
        limit: int = 100,
        on_fatal: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.on_fatal = on_fatal
        self.failed = False
        self.allowed_updates = list(allowed_updates)
        self.limit = limit
        self.in_progress: dict[int, asyncio.Task[None]] = {}
        self.finished: set[int] = set()  # done, but above an unfinished one: not yet confirmable
        self.next_new: int | None = None  # one above the highest update id seen
        self.progress = asyncio.Event()
        # Set once Telegram has answered a poll: the token works and no other instance polls.
        self.polling = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def offset(self) -> int | None:
        """What to confirm: every update below the lowest one still in progress."""
        return min(self.in_progress) if self.in_progress else self.next_new

    async def start(self) -> None:
        """Switch off any webhook and start polling in the background."""
        await self.app.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.create_task(self._run(), name="tingbot-poller")

    async def stop(self, grace: float = 20.0) -> None:
        """Stop polling, let running updates finish, then confirm what is done."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.in_progress:
            await asyncio.wait(list(self.in_progress.values()), timeout=grace)
        if self.offset is not None:
            with contextlib.suppress(TelegramError):
                await self.app.bot.get_updates(offset=self.offset, timeout=0, limit=1)

    async def _run(self) -> None:
        """Poll until stopped; anything else that ends polling is fatal for the process."""
        try:
            await self._poll()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.critical("polling stopped", extra={"error": exc.__class__.__name__}, exc_info=exc)
            self._fail()
        else:
            self._fail()

    def _fail(self) -> None:
        """Mark the poller failed and tell the process."""
        self.failed = True
        if self.on_fatal is not None:
            self.on_fatal()

    async def _poll(self) -> None:
        """Fetch, dispatch, and wait for progress when nothing new came back."""
        bot = self.app.bot
        assert isinstance(bot, TingBot)
        backoff = 0.0
        while True:
            # The first poll returns at once, so that `polling` is set without a long poll's wait.
            waits = self.polling.is_set() and not self.in_progress
            try:
                updates = await bot.get_raw_updates(
                    self.offset, LONG_POLL if waits else 0, self.limit, self.allowed_updates
                )
                backoff = 0.0
            except InvalidToken:
                log.error("Telegram rejected the bot token; polling stops")
                return
            except (NetworkError, Conflict) as exc:
                backoff = min(max(backoff * 1.5, 1.0), MAX_BACKOFF)
                log.warning(
                    "getUpdates failed, retrying",
                    extra={"error": exc.__class__.__name__, "wait": round(backoff, 1)},
                )
                await asyncio.sleep(backoff)
                continue
            fresh = [u for u in updates if self._is_new(_update_id(u))]
            for raw in fresh:
                self._dispatch(raw)
            self.polling.set()
            if self.in_progress:
                await self._await_progress(BUSY_INTERVAL if fresh else STALL_INTERVAL)

    def _is_new(self, update_id: int) -> bool:
        """Not in progress, not finished, not confirmed already."""
        if update_id in self.in_progress or update_id in self.finished:
            return False
        offset = self.offset
        return offset is None or update_id >= offset

    def _dispatch(self, raw: dict[str, Any]) -> None:
        """Process one update as PTB would (the update processor keeps each chat in order)."""
        update_id = _update_id(raw)
        self.next_new = max(self.next_new or 0, update_id + 1)
        try:
            update = Update.de_json(raw, self.app.bot)
            self.app.bot.insert_callback_data(update)
        except Exception as exc:  # whatever the library raises on JSON it cannot read
            coroutine = self._dead_letter(update_id, raw, exc)
        else:
            coroutine = self.app.update_processor.process_update(
                update, self.app.process_update(update)
            )
        task = asyncio.create_task(coroutine, name=f"update-{update_id}")
        self.in_progress[update_id] = task
        task.add_done_callback(lambda _: self._done(update_id))

    async def _dead_letter(self, update_id: int, raw: dict[str, Any], error: Exception) -> None:
        """Keep an unreadable update for the operators; it is confirmed once stored."""
        await keep_dead_letter(self.app, update_id, raw, error)

    def _done(self, update_id: int) -> None:
        """Mark an update finished; forget the finished ones that are now confirmable."""
        self.in_progress.pop(update_id, None)
        self.finished.add(update_id)
        offset = self.offset
        if offset is not None:
            self.finished = {u for u in self.finished if u >= offset}
        self.progress.set()

    async def _await_progress(self, interval: float) -> None:
        """Wait at least `interval`, and then until some update finished (or `interval` again)."""
        self.progress.clear()
        await asyncio.sleep(interval)
        if not self.progress.is_set():
            # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that arrives just
            # as the event is set, and stop() would then wait for a poller that never ends.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(STALL_INTERVAL):
                    await self.progress.wait()


async def keep_dead_letter(
    app: TingApplication, update_id: int, raw: dict[str, Any], error: Exception
) -> None:
    """Log one WARNING (the update's id, not its content) and store the update raw."""
    log.warning(
        "update could not be read; kept as a dead letter",
        extra={"update": update_id, "error": error.__class__.__name__},
    )
    deps = app.bot_data.deps
    await deps.storage.deadletters.keep(update_id, raw, repr(error), deps.clock())


def _update_id(raw: dict[str, Any]) -> int:
    """The id of an update as Telegram sent it (every update has one)."""
    return int(raw["update_id"])
