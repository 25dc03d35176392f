"""The emulated Telegram objects (users, chats, files, polls, messages) and their Bot API JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PRIVATE, GROUP, SUPERGROUP, CHANNEL = "private", "group", "supergroup", "channel"
MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")
# What plain members of a group may do unless a test says otherwise (Bot API ChatPermissions):
# write, send media and polls, invite; changing the chat, pinning and topics are for admins.
DEFAULT_PERMISSIONS: dict[str, bool] = {
    "can_send_messages": True,
    "can_send_audios": True,
    "can_send_documents": True,
    "can_send_photos": True,
    "can_send_videos": True,
    "can_send_video_notes": True,
    "can_send_voice_notes": True,
    "can_send_polls": True,
    "can_send_other_messages": True,
    "can_add_web_page_previews": True,
    "can_change_info": False,
    "can_invite_users": True,
    "can_pin_messages": False,
    "can_manage_topics": False,
}


@dataclass
class User:
    """A Telegram user or bot account."""

    id: int
    first_name: str
    is_bot: bool = False
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Bot API ``User``."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    """A private chat, group, supergroup or channel, with member statuses (the bot included)."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    user: User | None = None  # the other party of a private chat
    members: dict[int, str] = field(default_factory=dict)
    migrated_to: int | None = None
    last_message_id: int = 0
    permissions: dict[str, bool] = field(default_factory=lambda: dict(DEFAULT_PERMISSIONS))
    pinned: list[int] = field(default_factory=list)  # pinned message ids, newest last

    def to_dict(self) -> dict[str, Any]:
        """Bot API ``Chat``."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data.update(
                {k: v for k, v in self.user.to_dict().items() if k in ("first_name", "last_name")}
            )
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or ""
            if self.username:
                data["username"] = self.username
        return data

    def status_of(self, user_id: int) -> str:
        """The member status of ``user_id`` in this chat (``left`` when unknown)."""
        if self.type == PRIVATE and self.user is not None:
            return "member" if user_id == self.user.id else "left"
        return self.members.get(user_id, "left")

    def member_may(self, user_id: int, right: str) -> bool:
        """Whether ``user_id`` may do ``right`` (a ChatPermissions field) in this group chat.

        Owners and administrators may do everything (the emulator grants admins every right);
        plain members what the chat's permissions allow; others nothing.
        """
        status = self.status_of(user_id)
        if status in ("creator", "administrator"):
            return True
        return status == "member" and self.permissions.get(right, False)


@dataclass
class StoredFile:
    """A document, photo or sticker held by the emulator."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    data: bytes

    def to_dict(self) -> dict[str, Any]:
        """Bot API ``Document``."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.data),
        }

    def photo_sizes(self) -> list[dict[str, Any]]:
        """Bot API ``PhotoSize`` list for this file shown as a photo."""
        sizes = [(90, 51, "s"), (1280, 720, "y")]
        return [
            {
                "file_id": f"{self.file_id}{suffix}",
                "file_unique_id": f"{self.file_unique_id}{suffix}",
                "width": width,
                "height": height,
                "file_size": len(self.data),
            }
            for width, height, suffix in sizes
        ]


@dataclass
class Poll:
    """A poll the bot sent, with each user's current choice."""

    id: str
    question: str
    options: list[str]
    is_anonymous: bool
    type: str
    allows_multiple_answers: bool
    is_closed: bool = False
    votes: dict[int, list[int]] = field(default_factory=dict)

    def persistent_id(self, option: int) -> str:
        """The stable id of one option."""
        return f"{self.id}-{option}"

    def to_dict(self) -> dict[str, Any]:
        """Bot API ``Poll``."""
        counts = [0] * len(self.options)
        for chosen in self.votes.values():
            for option in chosen:
                counts[option] += 1
        return {
            "id": self.id,
            "question": self.question,
            "options": [
                {"text": text, "voter_count": counts[i], "persistent_id": self.persistent_id(i)}
                for i, text in enumerate(self.options)
            ],
            "total_voter_count": sum(1 for chosen in self.votes.values() if chosen),
            "is_closed": self.is_closed,
            "is_anonymous": self.is_anonymous,
            "type": self.type,
            "allows_multiple_answers": self.allows_multiple_answers,
            "allows_revoting": True,
            "members_only": False,
        }


@dataclass(frozen=True)
class Button:
    """One inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class Message:
    """A message in a chat, sent by the bot or by a simulated user; edits update it in place."""

    chat: Chat
    message_id: int
    date: int
    sender: User | None
    by_bot: bool
    text: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    source: str | None = None  # the text or caption exactly as the bot sent it (e.g. HTML)
    parse_mode: str | None = None
    caption: str | None = None
    caption_entities: tuple[dict[str, Any], ...] = ()
    reply_markup: dict[str, Any] | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    sticker: StoredFile | None = None
    poll: Poll | None = None
    reply_to: Message | None = None
    service: dict[str, Any] = field(default_factory=dict)
    edit_date: int | None = None
    deleted: bool = False
    reactions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chat_id(self) -> int:
        """The id of the chat the message is in."""
        return self.chat.id

    @property
    def buttons(self) -> list[Button]:
        """The inline keyboard buttons currently attached, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            Button(b.get("text", ""), b.get("callback_data"), b.get("url"))
            for row in rows
            for b in row
        ]

    def to_dict(self, with_reply: bool = True) -> dict[str, Any]:
        """Bot API ``Message``."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_dict(),
        }
        if self.chat.type == CHANNEL:
            data["sender_chat"] = self.chat.to_dict()
        elif self.sender is not None:
            data["from"] = self.sender.to_dict()
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = list(self.entities)
        if self.caption is not None:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = list(self.caption_entities)
        if self.document is not None:
            data["document"] = self.document.to_dict()
        if self.photo is not None:
            data["photo"] = self.photo.photo_sizes()
        if self.sticker is not None:
            data["sticker"] = _sticker_dict(self.sticker)
        if self.poll is not None:
            data["poll"] = self.poll.to_dict()
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        if self.reply_to is not None and with_reply:
            data["reply_to_message"] = self.reply_to.to_dict(with_reply=False)
        data.update(self.service)
        return data


def _sticker_dict(sticker: StoredFile) -> dict[str, Any]:
    return {
        "file_id": sticker.file_id,
        "file_unique_id": sticker.file_unique_id,
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": sticker.file_name,
    }


def member_dict(user: User, status: str, until_date: int = 0) -> dict[str, Any]:
    """Bot API ``ChatMember`` for ``user`` with ``status``."""
    data: dict[str, Any] = {"status": status, "user": user.to_dict()}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        rights = [
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
            "can_post_messages",
            "can_edit_messages",
            "can_pin_messages",
        ]
        data.update(dict.fromkeys(rights, True))
        data.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
    elif status == "kicked":
        data["until_date"] = until_date
    return data
