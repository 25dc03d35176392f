"""The test driver: simulated users acting in private chats and groups, as Telegram clients do.

Every action creates the update Telegram would send the bot (or none, when Telegram would not
deliver it: privacy mode, the bot not in the group) and returns its ``update_id`` or None.
Actions Telegram's clients cannot perform raise DriverError.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import DriverError
from .model import CHANNEL, PRIVATE, Chat, Message, User, member_dict
from .world import COMMAND, CallbackQuery, World

if TYPE_CHECKING:
    from .chats import ChatHandle

_ACTIVE = ("creator", "administrator", "member")


@dataclass(frozen=True)
class Click:
    """A button press: its update and the callback query id the bot must answer."""

    update_id: int | None
    query_id: str


def command_entities(text: str) -> tuple[dict[str, Any], ...]:
    """The bot_command entity a Telegram client attaches to a leading /command."""
    match = COMMAND.match(text)
    if match is None:
        return ()
    return ({"type": "bot_command", "offset": 0, "length": len(match.group(0))},)


class UserHandle:
    """A simulated Telegram user."""

    def __init__(self, world: World, user: User) -> None:
        self.world = world
        self.user = user

    @property
    def id(self) -> int:
        """The user's id (also the id of their private chat with the bot)."""
        return self.user.id

    @property
    def messages(self) -> list[Message]:
        """The bot's messages in this user's private chat, oldest first (deleted ones left out)."""
        with self.world.lock:
            return [
                m
                for (chat_id, _), m in self.world.messages.items()
                if chat_id == self.id and m.by_bot and not m.deleted
            ]

    def _chat(self, chat: ChatHandle | int | None) -> Chat:
        chat_id = self.id if chat is None else chat if isinstance(chat, int) else chat.id
        target = self.world.private_chat(self.user) if chat_id == self.id else None
        target = target or self.world.chats.get(chat_id)
        if target is None:
            raise DriverError(f"unknown chat {chat_id}")
        if target.migrated_to is not None:
            raise DriverError(f"chat {chat_id} became supergroup {target.migrated_to}")
        if target.type == PRIVATE:
            if target.id != self.id:
                raise DriverError("a user can only write in their own private chat with the bot")
            if self.id in self.world.blocked:
                raise DriverError(f"user {self.id} blocked the bot; call unblock_bot() first")
            self.world.started.add(self.id)
        elif target.type == CHANNEL or target.status_of(self.id) not in _ACTIVE:
            raise DriverError(f"user {self.id} cannot write in chat {chat_id}")
        return target

    def _deliver(self, message: Message, kind: str = "message") -> int | None:
        if not self.world.bot_sees(message):
            return None
        return self.world.enqueue(kind, message.to_dict())

    def _send(self, chat: ChatHandle | int | None, **fields: Any) -> int | None:
        with self.world.lock:
            message = self.world.add_message(self._chat(chat), self.user, False, **fields)
            return self._deliver(message)

    def send_text(self, text: str, chat: ChatHandle | int | None = None) -> int | None:
        """Send a text message (private chat by default); a leading /command gets its entity."""
        return self._send(chat, text=text, entities=command_entities(text))

    def send_command(
        self,
        command: str,
        args: str = "",
        chat: ChatHandle | int | None = None,
        mention: bool = False,
    ) -> int | None:
        """Send ``/command args``; ``mention`` appends ``@botusername`` as in groups."""
        text = command if command.startswith("/") else f"/{command}"
        if mention:
            text += f"@{self.world.bot.username}"
        return self.send_text(f"{text} {args}" if args else text, chat)

    def send_sticker(self, emoji: str = "👍", chat: ChatHandle | int | None = None) -> int | None:
        """Send a sticker."""
        with self.world.lock:
            sticker = self.world.store_file(emoji, "image/webp", b"RIFF-sticker", "CAAC")
        return self._send(chat, sticker=sticker)

    def send_photo(
        self, caption: str | None = None, chat: ChatHandle | int | None = None
    ) -> int | None:
        """Send a photo, optionally captioned."""
        with self.world.lock:
            photo = self.world.store_file("photo.jpg", "image/jpeg", b"\xff\xd8\xff-photo", "AgAC")
        return self._send(chat, photo=photo, caption=caption)

    def send_document(
        self,
        filename: str,
        data: bytes,
        caption: str | None = None,
        chat: ChatHandle | int | None = None,
    ) -> int | None:
        """Send a file; the bot can fetch it with getFile and the file URL."""
        with self.world.lock:
            document = self.world.store_file(filename, "application/octet-stream", data)
        return self._send(chat, document=document, caption=caption)

    def edit_message(
        self, message_id: int, text: str, chat: ChatHandle | int | None = None
    ) -> int | None:
        """Edit one of this user's own text messages (an ``edited_message`` update)."""
        with self.world.lock:
            target = self._chat(chat)
            message = self.world.find_message(target.id, message_id)
            if message is None or message.sender is not self.user or message.text is None:
                raise DriverError(f"user {self.id} has no text message {message_id} to edit")
            if message.text == text:
                raise DriverError("Telegram clients do not send an edit that changes nothing")
            message.text, message.entities = text, command_entities(text)
            message.edit_date = self.world.now()
            return self._deliver(message, "edited_message")

    def reply_to(self, message: Message, text: str) -> int | None:
        """Reply to a message (e.g. the bot's question in a group chat)."""
        with self.world.lock:
            target = self.world.find_message(message.chat_id, message.message_id)
            if target is None:
                raise DriverError(f"message {message.message_id} no longer exists")
            return self._send(
                message.chat_id, text=text, entities=command_entities(text), reply_to=target
            )

    def click(self, message: Message | int, button: str) -> Click:
        """Press an inline button (by its text or callback_data) on a bot message."""
        with self.world.lock:
            chat_id, message_id = (
                (self.id, message)
                if isinstance(message, int)
                else (message.chat_id, message.message_id)
            )
            current = self.world.find_message(chat_id, message_id)
            if current is None or not current.by_bot:
                raise DriverError(f"no bot message {message_id} in chat {chat_id}")
            if current.chat.type != PRIVATE:
                self._chat(chat_id)  # must be a member to see the message
            elif chat_id != self.id:
                raise DriverError("users only see buttons in their own private chat")
            pressed = [b for b in current.buttons if button in (b.text, b.callback_data)]
            if not pressed:
                shown = [(b.text, b.callback_data) for b in current.buttons]
                raise DriverError(f"no button {button!r} on message {message_id}: {shown}")
            data = pressed[0].callback_data
            if data is None:
                raise DriverError(f"button {button!r} opens a URL; it sends no callback")
            query = CallbackQuery(self.world.new_id("4242"), self.user, current, data)
            self.world.callback_queries[query.id] = query
            update_id = self.world.enqueue(
                "callback_query",
                {
                    "id": query.id,
                    "from": self.user.to_dict(),
                    "message": current.to_dict(),
                    "chat_instance": str(abs(chat_id) * 7919 + 1),
                    "data": data,
                },
            )
            return Click(update_id, query.id)

    def vote_poll(self, message: Message, option_ids: Sequence[int]) -> int | None:
        """Vote (``[]`` retracts); the poll_answer update id for non-anonymous polls."""
        with self.world.lock:
            current = self.world.find_message(message.chat_id, message.message_id)
            poll = current.poll if current else None
            if poll is None or poll.is_closed:
                raise DriverError("no open poll on that message")
            if current is not None and current.chat.type != PRIVATE:
                self._chat(current.chat_id)
            chosen = list(option_ids)
            if len(set(chosen)) != len(chosen) or not all(
                0 <= i < len(poll.options) for i in chosen
            ):
                raise DriverError(f"invalid options {chosen} for {len(poll.options)} options")
            if len(chosen) > 1 and not poll.allows_multiple_answers:
                raise DriverError("this poll allows one answer")
            poll.votes[self.id] = chosen
            answer = None
            if not poll.is_anonymous:
                answer = self.world.enqueue(
                    "poll_answer",
                    {
                        "poll_id": poll.id,
                        "user": self.user.to_dict(),
                        "option_ids": chosen,
                        "option_persistent_ids": [poll.persistent_id(i) for i in chosen],
                    },
                )
            self.world.enqueue("poll", poll.to_dict())
            return answer

    def block_bot(self) -> int | None:
        """Block the bot: later sends to this user fail with 403."""
        return self._set_blocked(True)

    def unblock_bot(self) -> int | None:
        """Unblock the bot."""
        return self._set_blocked(False)

    def _set_blocked(self, blocked: bool) -> int | None:
        with self.world.lock:
            chat = self.world.private_chat(self.user)
            old, new = ("member", "kicked") if blocked else ("kicked", "member")
            if blocked:
                self.world.blocked.add(self.id)
            else:
                self.world.blocked.discard(self.id)
            return my_chat_member(self.world, chat, self.user, old, new)


def create_user(world: World, user: User) -> UserHandle:
    """Register a user (kept as first registered when the id is known) and their private chat."""
    if user.id <= 0:
        raise DriverError("user ids are positive")
    with world.lock:
        known = world.users.setdefault(user.id, user)
        world.private_chat(known)
        return UserHandle(world, known)


def my_chat_member(world: World, chat: Chat, by: User, old: str, new: str) -> int | None:
    """Queue the update telling the bot its own status in ``chat`` changed."""
    return world.enqueue(
        "my_chat_member",
        {
            "chat": chat.to_dict(),
            "from": by.to_dict(),
            "date": world.now(),
            "old_chat_member": member_dict(world.bot, old),
            "new_chat_member": member_dict(world.bot, new),
        },
    )
