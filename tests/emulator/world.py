"""The emulated Telegram state: chats, messages, the update queue, and who may reach whom.

Everything is guarded by one re-entrant lock; ``changed`` is notified whenever an update is
queued or a call is recorded, which is what long polling and ``Emulator.wait_for`` wait on.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ApiError, bad_request, forbidden
from .model import CHANNEL, PRIVATE, SUPERGROUP, Chat, Message, Poll, StoredFile, User

ALL_UPDATE_KINDS = frozenset(
    [
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "callback_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "message_reaction",
        "message_reaction_count",
        "chat_join_request",
        "inline_query",
        "chosen_inline_result",
        # documented kinds the emulator never creates, accepted in allowed_updates as Telegram does
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "guest_message",
        "managed_bot",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "chat_boost",
        "removed_chat_boost",
    ]
)
# Telegram's default: everything except these three (https://core.telegram.org/bots/api#getupdates)
DEFAULT_ALLOWED_UPDATES = ALL_UPDATE_KINDS - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?(?=\s|$)")


@dataclass
class QueuedUpdate:
    """An update Telegram holds until the bot confirms it with a higher ``offset``."""

    update_id: int
    kind: str
    payload: dict[str, Any]
    deliveries: int = 0
    confirmed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Bot API ``Update``."""
        return {"update_id": self.update_id, self.kind: self.payload}


@dataclass
class CallbackQuery:
    """A button press the bot has to answer."""

    id: str
    user: User
    message: Message
    data: str
    answer: dict[str, Any] | None = None


class World:
    """All state of the emulated Telegram, as seen by one bot."""

    def __init__(
        self,
        *,
        token: str,
        bot_username: str,
        bot_name: str,
        privacy_mode: bool,
        clock: Callable[[], float],
        first_update_id: int,
    ):
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.closing = threading.Event()
        self.clock = clock
        self.privacy_mode = privacy_mode
        self.bot = User(int(token.split(":", 1)[0]), bot_name, is_bot=True, username=bot_username)
        self.users: dict[int, User] = {}
        self.started: set[int] = set()
        self.blocked: set[int] = set()
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Message] = {}
        self.queue: list[QueuedUpdate] = []
        self.history: list[QueuedUpdate] = []
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.polls: dict[str, tuple[Poll, Message]] = {}
        self.files: dict[str, StoredFile] = {}
        self._update_ids = itertools.count(first_update_id)
        self._ids = itertools.count(1)
        self._poll_generation = 0
        self.waiting_polls = 0
        self.polls_started = 0
        self.webhook: dict[str, Any] | None = None

    def now(self) -> int:
        """Unix time from the injected clock."""
        return int(self.clock())

    def new_id(self, prefix: str) -> str:
        """A fresh opaque identifier (file ids, poll ids, callback query ids)."""
        return f"{prefix}{next(self._ids):06d}"

    def store_file(
        self, name: str, mime_type: str, data: bytes, prefix: str = "BQAD"
    ) -> StoredFile:
        """Keep a file so that its file_id can be reused and downloaded."""
        stored = StoredFile(self.new_id(prefix), self.new_id("AgAD"), name, mime_type, data)
        self.files[stored.file_id] = stored
        return stored

    def add_message(self, chat: Chat, sender: User | None, by_bot: bool, **fields: Any) -> Message:
        """Create the next message in ``chat`` (ids are per chat, shared by both sides)."""
        chat.last_message_id += 1
        message = Message(chat, chat.last_message_id, self.now(), sender, by_bot, **fields)
        self.messages[(chat.id, message.message_id)] = message
        return message

    def find_message(self, chat_id: int, message_id: int) -> Message | None:
        """A message that exists and was not deleted."""
        message = self.messages.get((chat_id, message_id))
        return None if message is None or message.deleted else message

    def private_chat(self, user: User) -> Chat:
        """The private chat between the bot and ``user`` (created on first use)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = Chat(user.id, PRIVATE, user=user)
        return chat

    def enqueue(self, kind: str, payload: dict[str, Any], *, always: bool = False) -> int | None:
        """Queue an update unless the bot's allowed_updates exclude its kind (or `always`)."""
        if kind not in self.allowed_updates and not always:
            return None
        update = QueuedUpdate(next(self._update_ids), kind, payload)
        self.queue.append(update)
        self.history.append(update)
        self.changed.notify_all()
        return update.update_id

    def bot_sees(self, message: Message) -> bool:
        """Whether Telegram delivers this user message to the bot (membership, privacy mode)."""
        chat = message.chat
        if chat.type == PRIVATE:
            return True
        status = chat.status_of(self.bot.id)
        if status not in ("member", "administrator", "creator"):
            return False
        if not self.privacy_mode or status != "member" or message.service:
            return True
        if message.reply_to is not None and message.reply_to.by_bot:
            return True
        command = COMMAND.match(message.text or message.caption or "")
        if command is None:
            return False
        mention = command.group(1)
        return mention is None or mention[1:].lower() == (self.bot.username or "").lower()

    def known_chat(self, ref: int | str) -> Chat:
        """Resolve a chat id or ``@username``; 400 "chat not found" otherwise."""
        chat: Chat | None = None
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            chat = next(
                (c for c in self.chats.values() if c.username and c.username.lower() == name),
                None,
            )
        elif isinstance(ref, int):
            chat = self.chats.get(ref)
        if chat is None:
            raise bad_request("chat not found")
        if chat.type == PRIVATE and chat.id not in self.started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat

    def bot_chat(self, ref: int | str) -> Chat:
        """A chat the bot may post in, or Telegram's 400/403 saying why not."""
        chat = self.known_chat(ref)
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == PRIVATE:
            if chat.id in self.blocked:
                raise forbidden("bot was blocked by the user")
            return chat
        status = chat.status_of(self.bot.id)
        if chat.type == CHANNEL:
            if status in ("left", "kicked"):
                raise forbidden("bot is not a member of the channel chat")
            if status != "administrator":
                raise bad_request("need administrator rights in the channel chat")
            return chat
        kind = "supergroup chat" if chat.type == SUPERGROUP else "group chat"
        if status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if status == "left":
            raise forbidden(f"bot is not a member of the {kind}")
        return chat

    def take_updates(
        self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm below ``offset``, then wait up to ``timeout`` for updates."""
        if offset is not None and offset < 0:
            for update in self.queue[:offset]:
                update.confirmed = True
            self.queue = self.queue[offset:]
        elif offset:
            for update in self.queue:
                update.confirmed = update.update_id < offset
            self.queue = [u for u in self.queue if not u.confirmed]
        if allowed is not None:
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        self._poll_generation += 1
        self.polls_started += 1
        generation = self._poll_generation
        self.changed.notify_all()  # an older long poll now ends with 409, as on Telegram
        deadline = time.monotonic() + timeout
        self.waiting_polls += 1
        try:
            while True:
                if generation != self._poll_generation:
                    raise ApiError(409, CONFLICT)
                remaining = deadline - time.monotonic()
                if self.queue or remaining <= 0 or self.closing.is_set():
                    break
                self.changed.wait(remaining)
        finally:
            self.waiting_polls -= 1
        batch = self.queue[:limit]
        for update in batch:
            update.deliveries += 1
        return [update.to_dict() for update in batch]
