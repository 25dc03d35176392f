"""Group chats and channels in the driver: members, the bot joining and leaving, migration."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import DriverError
from .model import CHANNEL, GROUP, MEMBER_STATUSES, SUPERGROUP, Chat, Message, User, member_dict
from .users import UserHandle, my_chat_member
from .world import World


def create_chat(
    world: World, chat: Chat, bot_status: str, members: Sequence[UserHandle]
) -> ChatHandle:
    """Register a group or channel with the bot's status and its first members."""
    if chat.id >= 0:
        raise DriverError("group and channel ids are negative")
    if bot_status not in MEMBER_STATUSES[1:]:
        raise DriverError(f"the bot's status is one of {MEMBER_STATUSES[1:]}")
    with world.lock:
        if chat.id in world.chats:
            raise DriverError(f"chat {chat.id} exists already")
        chat.members[world.bot.id] = bot_status
        for member in members:
            chat.members[member.id] = "member"
        world.chats[chat.id] = chat
        return ChatHandle(world, chat)


class ChatHandle:
    """A simulated group, supergroup or channel."""

    def __init__(self, world: World, chat: Chat) -> None:
        self.world = world
        self.chat = chat

    @property
    def id(self) -> int:
        """The chat id (negative, as on Telegram)."""
        return self.chat.id

    @property
    def messages(self) -> list[Message]:
        """The bot's messages in this chat, oldest first (deleted ones left out)."""
        with self.world.lock:
            return [
                m
                for (chat_id, _), m in self.world.messages.items()
                if chat_id == self.id and m.by_bot and not m.deleted
            ]

    @property
    def pinned(self) -> list[int]:
        """Ids of the pinned messages, the most recently pinned last."""
        with self.world.lock:
            return list(self.chat.pinned)

    def set_permissions(self, **permissions: bool) -> None:
        """An admin changes what plain members may do (``can_pin_messages=True`` …)."""
        if self.chat.type == CHANNEL:
            raise DriverError("channels have no member permissions")
        with self.world.lock:
            self.chat.permissions.update(permissions)

    def _service(self, by: User, **fields: object) -> int | None:
        message = self.world.add_message(self.chat, by, False, service=dict(fields))
        if not self.world.bot_sees(message):
            return None
        return self.world.enqueue("message", message.to_dict())

    def add_member(
        self, user: UserHandle, status: str = "member", by: UserHandle | None = None
    ) -> int | None:
        """A user joins (or is added); the bot sees the service message if it is in the chat."""
        if status not in MEMBER_STATUSES[:3]:
            raise DriverError(f"a member's status is one of {MEMBER_STATUSES[:3]}")
        with self.world.lock:
            old = self.chat.status_of(user.id)
            self.chat.members[user.id] = status
            self._chat_member(user.user, (by or user).user, old, status)
            if self.chat.type == CHANNEL:
                return None
            return self._service((by or user).user, new_chat_members=[user.user.to_dict()])

    def remove_member(self, user: UserHandle, kicked: bool = False) -> int | None:
        """A user leaves (or is removed)."""
        with self.world.lock:
            old = self.chat.status_of(user.id)
            new = "kicked" if kicked else "left"
            self.chat.members[user.id] = new
            self._chat_member(user.user, user.user, old, new)
            if self.chat.type == CHANNEL:
                return None
            return self._service(user.user, left_chat_member=user.user.to_dict())

    def _chat_member(self, user: User, by: User, old: str, new: str) -> None:
        # chat_member updates need the bot to be an administrator (and to ask for them)
        if self.chat.status_of(self.world.bot.id) == "administrator":
            self.world.enqueue(
                "chat_member",
                {
                    "chat": self.chat.to_dict(),
                    "from": by.to_dict(),
                    "date": self.world.now(),
                    "old_chat_member": member_dict(user, old),
                    "new_chat_member": member_dict(user, new),
                },
            )

    def set_bot_status(self, status: str, by: UserHandle) -> int | None:
        """Change the bot's own status (``member``, ``administrator``, ``left``, ``kicked``)."""
        if status not in MEMBER_STATUSES[1:]:
            raise DriverError(f"the bot's status is one of {MEMBER_STATUSES[1:]}")
        with self.world.lock:
            old = self.chat.status_of(self.world.bot.id)
            self.chat.members[self.world.bot.id] = status
            update = my_chat_member(self.world, self.chat, by.user, old, status)
            joined = old in ("left", "kicked") and status in ("member", "administrator")
            if joined and self.chat.type != CHANNEL:
                self._service(by.user, new_chat_members=[self.world.bot.to_dict()])
            return update

    def add_bot(self, by: UserHandle, as_admin: bool = False) -> int | None:
        """A member adds the bot: my_chat_member plus the new_chat_members service message."""
        return self.set_bot_status("administrator" if as_admin else "member", by)

    def remove_bot(self, by: UserHandle, kicked: bool = True) -> int | None:
        """A member removes the bot: my_chat_member; later sends fail with 403."""
        return self.set_bot_status("kicked" if kicked else "left", by)

    def migrate_to_supergroup(
        self, new_chat_id: int | None = None, by: UserHandle | None = None
    ) -> ChatHandle:
        """Upgrade a basic group: service messages in both chats; the old id stops working."""
        if self.chat.type != GROUP:
            raise DriverError("only basic groups migrate to supergroups")
        with self.world.lock:
            new_id = new_chat_id or int(f"-100{abs(self.id)}")
            supergroup = Chat(
                new_id,
                SUPERGROUP,
                title=self.chat.title,
                members=dict(self.chat.members),
                permissions=dict(self.chat.permissions),
            )
            self.world.chats[new_id] = supergroup
            actor = by.user if by else self._some_member()
            self._service(actor, migrate_to_chat_id=new_id)
            self.chat.migrated_to = new_id
            handle = ChatHandle(self.world, supergroup)
            handle._service(actor, migrate_from_chat_id=self.id)
            return handle

    def _some_member(self) -> User:
        for user_id, status in self.chat.members.items():
            if user_id in self.world.users and status in ("creator", "administrator", "member"):
                return self.world.users[user_id]
        raise DriverError("the group has no human member to perform the migration")

    def post(self, text: str) -> int | None:
        """An admin posts in a channel (a channel_post update when the bot is an admin there)."""
        if self.chat.type != CHANNEL:
            raise DriverError("post() is for channels; users send_text() in groups")
        with self.world.lock:
            message = self.world.add_message(self.chat, None, False, text=text)
            if self.chat.status_of(self.world.bot.id) != "administrator":
                return None
            return self.world.enqueue("channel_post", message.to_dict())
