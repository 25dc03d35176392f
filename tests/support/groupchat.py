"""Group-chat updates for the harness: messages, replies, commands, membership, polls."""

from __future__ import annotations

import time
from typing import Any

from telegram import Update

from tests.support.botapi import BOT_ID, BOT_USERNAME, user
from tests.support.harness import CODE_1, ORGANISER, Harness

GROUP_CHAT = -1001000000001
OTHER_CHAT = -1001000000002
BASIC_GROUP = -400000001


def group_chat(chat_id: int, title: str = "Bord") -> dict[str, Any]:
    """A group chat object: a basic group, or a supergroup for ids starting with -100."""
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": title}


def bot_message(h: Harness, chat_id: int, message_id: int) -> dict[str, Any]:
    """A message the bot sent, as Telegram quotes it in `reply_to_message`."""
    sent = h.tg.sent.get((chat_id, message_id))
    if sent is None:
        sent = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": group_chat(chat_id),
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "tingbot",
                "username": BOT_USERNAME,
            },
            "text": "?",
        }
    return {k: v for k, v in sent.items() if k != "reply_markup"} | {"chat": group_chat(chat_id)}


def group_message(
    h: Harness,
    user_id: int,
    chat_id: int = GROUP_CHAT,
    reply_to: dict[str, Any] | int | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A member's message in a group chat, optionally replying to a message (or a bot message id)."""
    message = h.message(user_id, chat_id=chat_id, **fields)
    message["chat"] = group_chat(chat_id)
    if isinstance(reply_to, int):
        reply_to = bot_message(h, chat_id, reply_to)
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


async def say(
    h: Harness,
    user_id: int,
    text: str,
    chat_id: int = GROUP_CHAT,
    reply_to: dict[str, Any] | int | None = None,
    **fields: Any,
) -> Update:
    """A member writes in a group chat."""
    return await h.feed(
        {"message": group_message(h, user_id, chat_id, reply_to, text=text, **fields)}
    )


async def group_command(
    h: Harness,
    user_id: int,
    name: str,
    *args: str,
    chat_id: int = GROUP_CHAT,
    reply_to: dict[str, Any] | int | None = None,
) -> Update:
    """A member sends /name in a group chat."""
    text = " ".join([f"/{name}", *args])
    entity = {"type": "bot_command", "offset": 0, "length": len(name) + 1}
    message = group_message(h, user_id, chat_id, reply_to, text=text, entities=[entity])
    return await h.feed({"message": message})


async def link(h: Harness, code: str = CODE_1, chat_id: int = GROUP_CHAT) -> None:
    """The organiser links the chat to the group of `code`."""
    await group_command(h, ORGANISER, "kopla", code, chat_id=chat_id)


def question_messages(h: Harness, chat_id: int = GROUP_CHAT) -> dict[str, int]:
    """Question key → the latest message that posted it in the chat."""
    rows = h.rows(
        "SELECT q.key, c.message_id FROM chat_question c JOIN question q ON q.id = c.question_id "
        "WHERE c.chat_id = ? ORDER BY c.message_id",
        (chat_id,),
    )
    return {key: message_id for key, message_id in rows}


async def take_part(h: Harness, user_id: int, chat_id: int = GROUP_CHAT) -> Update:
    """A member taps the consent button in the chat."""
    return await h.press(user_id, "Ver med i", chat_id=chat_id)


ADMIN_RIGHTS = (
    "manage_chat delete_messages manage_video_chats restrict_members promote_members "
    "change_info invite_users post_stories edit_stories delete_stories"
)
MEMBER_RIGHTS = (
    "send_messages send_audios send_documents send_photos send_videos send_video_notes "
    "send_voice_notes send_polls send_other_messages add_web_page_previews change_info "
    "invite_users pin_messages manage_topics edit_tag react_to_messages"
)


def member_status(status: str, **rights: Any) -> dict[str, Any]:
    """A ChatMember object for the bot with `status` and rights (all given unless overridden)."""
    data: dict[str, Any] = {
        "status": status,
        "user": {"id": BOT_ID, "is_bot": True, "first_name": "tingbot"},
    }
    if status == "administrator":
        data |= {"can_be_edited": False, "is_anonymous": False}
        data |= {f"can_{right}": True for right in ADMIN_RIGHTS.split()}
    if status == "restricted":
        data |= {"is_member": True, "until_date": 0}
        data |= {f"can_{right}": True for right in MEMBER_RIGHTS.split()}
    return data | rights


async def bot_membership(h: Harness, chat_id: int, old: str, new: str) -> Update:
    """The bot's own membership in a chat changed (added, removed)."""
    change = {
        "chat": group_chat(chat_id),
        "from": user(ORGANISER, "Arrangør"),
        "date": int(time.time()),
        "old_chat_member": member_status(old),
        "new_chat_member": member_status(new),
    }
    return await h.feed({"my_chat_member": change})


async def migrate(h: Harness, old: int, new: int) -> None:
    """A basic group becomes a supergroup: the service message in each chat."""
    await h.feed({"message": group_message(h, ORGANISER, old, migrate_to_chat_id=new)})
    await h.feed({"message": group_message(h, ORGANISER, new, migrate_from_chat_id=old)})


async def poll_answer(h: Harness, poll_id: str, user_id: int, options: list[int]) -> Update:
    """A member's choice (or retraction, with no options) in a non-anonymous poll."""
    answer = {
        "poll_id": poll_id,
        "user": user(user_id, f"User{user_id}"),
        "option_ids": options,
        "option_persistent_ids": [str(o) for o in options],
    }
    return await h.feed({"poll_answer": answer})


async def poll_state(h: Harness, poll_id: str, counts: list[int], voters: int) -> Update:
    """A poll's current counts, as Telegram sends them in a Poll update."""
    poll = {
        "id": poll_id,
        "question": "?",
        "options": [
            {"text": f"{i}", "voter_count": n, "persistent_id": str(i)}
            for i, n in enumerate(counts)
        ],
        "total_voter_count": voters,
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": True,
        "allows_revoting": True,
        "members_only": False,
    }
    return await h.feed({"poll": poll})
