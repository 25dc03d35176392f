"""The Bot API emulator a test starts: server, driver entry points, journal queries, faults."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from . import waiting
from .chats import ChatHandle, create_chat
from .checks import FaultsAndHealth
from .client import call_api
from .dispatch import Call, Dispatcher
from .faults import FaultSchedule
from .model import CHANNEL, GROUP, SUPERGROUP, Chat, Message, User
from .server import HttpServer
from .users import UserHandle, create_user
from .world import World

DEFAULT_TOKEN = "123456789:AAE-emulated-token-for-tests"


class Emulator(FaultsAndHealth):
    """A Telegram Bot API on 127.0.0.1 for one bot token; see README.md in this package."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "tingbot_test_bot",
        bot_name: str = "Tingbot",
        privacy_mode: bool = True,
        clock: Callable[[], float] = time.time,
        flood_limits: bool = False,
        first_update_id: int = 100_000,
    ) -> None:
        self.token = token
        self._world = World(
            token=token,
            bot_username=bot_username,
            bot_name=bot_name,
            privacy_mode=privacy_mode,
            clock=clock,
            first_update_id=first_update_id,
        )
        self._faults = FaultSchedule()
        self._dispatcher = Dispatcher(self._world, token, self._faults, flood_limits)
        self._journal = self._dispatcher.journal
        self._server: HttpServer | None = None

    # life cycle ---------------------------------------------------------------------------
    def start(self) -> Emulator:
        """Start serving on an ephemeral loopback port."""
        self._server = HttpServer(self._dispatcher, self._world.closing)
        self._server.start()
        return self

    def close(self) -> None:
        """Stop serving; pending long polls return at once."""
        with self._world.lock:
            self._world.closing.set()
            self._world.changed.notify_all()
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def port(self) -> int:
        """The TCP port the emulator listens on."""
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        return self._server.port

    @property
    def base_url(self) -> str:
        """For ``Bot(base_url=…)``/``ApplicationBuilder().base_url(…)``: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``base_file_url``: file downloads."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot(self) -> User:
        """The bot's own account (id from the token)."""
        return self._world.bot

    # the world ----------------------------------------------------------------------------
    def user(
        self,
        user_id: int,
        first_name: str,
        language_code: str | None = "nn",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> UserHandle:
        """A Telegram user (the same handle state for the same id)."""
        user = User(user_id, first_name, False, last_name, username, language_code)
        return create_user(self._world, user)

    def group_chat(
        self,
        chat_id: int,
        title: str,
        members: Sequence[UserHandle] = (),
        *,
        supergroup: bool = False,
        bot_status: str = "member",
        username: str | None = None,
        permissions: dict[str, bool] | None = None,
    ) -> ChatHandle:
        """A group the bot is already in (``bot_status="left"`` to add it later with add_bot).

        ``permissions`` change what plain members (the bot too, unless it is an admin) may do;
        the rest keep the defaults in ``model.DEFAULT_PERMISSIONS``.
        """
        kind = SUPERGROUP if supergroup else GROUP
        chat = Chat(chat_id, kind, title, username)
        chat.permissions.update(permissions or {})
        return create_chat(self._world, chat, bot_status, members)

    def channel(
        self,
        chat_id: int,
        title: str,
        *,
        username: str | None = None,
        bot_status: str = "administrator",
    ) -> ChatHandle:
        """A channel; the bot may post only as an administrator."""
        return create_chat(self._world, Chat(chat_id, CHANNEL, title, username), bot_status, ())

    # the journal --------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """Every call received, in the order they were answered."""
        with self._world.lock:
            return list(self._journal.calls)

    def mark(self) -> int:
        """A position in ``calls``; pass it as ``after=`` to wait only for later calls."""
        with self._world.lock:
            return len(self._journal.calls)

    def calls_to(self, method: str, *, ok: bool | None = None) -> list[Call]:
        """The calls of one method (``ok=True`` only those that took effect)."""
        return [c for c in self.calls if c.method == method and (ok is None or c.ok == ok)]

    def sent_to(self, chat_id: int, *, include_deleted: bool = False) -> list[Message]:
        """The bot's messages in a chat, oldest first, as they are now (after edits)."""
        with self._world.lock:
            return [
                m
                for (cid, _), m in self._world.messages.items()
                if cid == chat_id and m.by_bot and (include_deleted or not m.deleted)
            ]

    def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = 10.0, *, after: int = 0
    ) -> Call:
        """Block until a call recorded from position ``after`` on matches; AssertionError if not."""
        return waiting.wait_for_call(self._world, self._journal, predicate, timeout, after)

    async def wait_for_async(
        self,
        predicate: Callable[[Call], bool],
        timeout: float = 10.0,  # noqa: ASYNC109  (the wait runs in a thread, not in the loop)
        *,
        after: int = 0,
    ) -> Call:
        """wait_for for async tests (waits in a worker thread, the event loop keeps running)."""
        return await asyncio.to_thread(self.wait_for, predicate, timeout, after=after)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until ``condition()`` holds.

        Re-checked whenever a call or update arrives, and every 20 ms for conditions on state
        outside the emulator (e.g. what the bot's error handler collected).
        """
        waiting.wait_until(self._world, condition, timeout)

    async def wait_until_async(
        self,
        condition: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109  (the wait runs in a thread, not in the loop)
    ) -> None:
        """wait_until for async tests."""
        await asyncio.to_thread(self.wait_until, condition, timeout)

    # updates ------------------------------------------------------------------------------
    def pending_updates(self) -> list[int]:
        """Ids of updates not yet confirmed by the bot (they are delivered again)."""
        with self._world.lock:
            return [u.update_id for u in self._world.queue]

    @property
    def polls_started(self) -> int:
        """How many getUpdates requests have arrived so far (counted on arrival, not reply)."""
        with self._world.lock:
            return self._world.polls_started

    @property
    def long_polls_waiting(self) -> int:
        """How many getUpdates requests are currently waiting for updates."""
        with self._world.lock:
            return self._world.waiting_polls

    def api(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        encoding: str = "json",
        files: dict[str, tuple[str, bytes]] | None = None,
        token: str | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Call the emulator over HTTP as a bot would, without PTB: (status, JSON body)."""
        url = f"{self.base_url}{token or self.token}/{method}"
        return call_api(url, params or {}, encoding=encoding, files=files)

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook set with setWebhook (url, secret_token, allowed_updates…), or None."""
        with self._world.lock:
            return dict(self._world.webhook) if self._world.webhook else None

    def take_webhook_updates(self) -> list[dict[str, Any]]:
        """Hand out every pending update as Telegram would POST it to the webhook (confirmed)."""
        with self._world.lock:
            batch, self._world.queue = self._world.queue, []
            for update in batch:
                update.deliveries += 1
                update.confirmed = True
            return [update.to_dict() for update in batch]

    def deliveries(self, update_id: int) -> int:
        """How many times an update was handed out by getUpdates."""
        with self._world.lock:
            for update in self._world.history:
                if update.update_id == update_id:
                    return update.deliveries
        raise KeyError(f"no update {update_id} was created")

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The bot's answerCallbackQuery for a click, or None while unanswered."""
        with self._world.lock:
            return self._world.callback_queries[query_id].answer

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[Any]:
        """The commands set with setMyCommands for a scope and language."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        with self._world.lock:
            return list(self._world.commands.get((key, language_code), []))

    def revoke_token(self, new_token: str) -> None:
        """Like /revoke at BotFather: the old token gets 401 from now on, `new_token` works."""
        with self._world.lock:
            self._dispatcher.token = new_token
            self.token = new_token
