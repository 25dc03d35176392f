"""How the in-process Bot API answers a successful call: the `result` Telegram would return.

Shared by the recording request (`tests.support.botapi`) and its local HTTP front
(`tests.support.botapi_http`), so both answer alike.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from typing import Any

BOT_ID = 7000000001
BOT_USERNAME = "tingbot_test_bot"


class BotApiAnswers:
    """The bot's messages by chat, and answers that replace the usual ones."""

    def __init__(self) -> None:
        self.message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self.sent: dict[tuple[int, int], dict[str, Any]] = {}
        # Answers that replace the usual ones, by method (e.g. getChatMember for fewer rights).
        self.results: dict[str, Any] = {}

    def answer(self, name: str, params: dict[str, Any]) -> Any:
        """The `result` of a successful call."""
        if name in self.results:
            return self.results[name]
        if name == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "tingbot",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if name in ("sendMessage", "sendDocument", "sendPhoto", "sendPoll"):
            return self.bot_message(params)
        if name in ("editMessageText", "editMessageReplyMarkup"):
            key = (int(params["chat_id"]), int(params["message_id"]))
            message = dict(self.sent.get(key) or self.bot_message(params))
            if "text" in params:
                message["text"] = params["text"]
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            if key in self.sent:
                self.sent[key] = message
            return message
        if name == "getChat":
            chat_id = params["chat_id"]
            return {
                "id": chat_id if isinstance(chat_id, int) else -1001234567890,
                "type": "channel",
                "title": "Kanal",
                "accent_color_id": 0,
                "max_reaction_count": 11,
            }
        if name == "getChatMember":
            return {
                "status": "administrator",
                "user": {"id": BOT_ID, "is_bot": True, "first_name": "tingbot"},
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": False,
                "can_restrict_members": False,
                "can_promote_members": False,
                "can_change_info": False,
                "can_invite_users": True,
                "can_post_messages": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return True

    def bot_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """A message the bot sent, with the next message id of its chat."""
        chat_id = (
            int(params["chat_id"])
            if str(params.get("chat_id", "")).lstrip("-").isdigit()
            else -1001234567890
        )
        message_id = next(self.message_ids[chat_id])
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat(chat_id),
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "tingbot",
                "username": BOT_USERNAME,
            },
        }
        for key in ("text", "caption", "reply_markup"):
            if key in params:
                message[key] = params[key]
        if "document" in params:
            message["document"] = {
                "file_id": f"doc{message_id}",
                "file_unique_id": f"u{message_id}",
                "file_name": "file",
            }
        if "question" in params:
            message["poll"] = {
                "id": f"poll{chat_id}{message_id}",
                "question": params["question"],
                "options": [
                    {
                        "text": o if isinstance(o, str) else o.get("text", ""),
                        "voter_count": 0,
                        "persistent_id": str(i),
                    }
                    for i, o in enumerate(params.get("options", []))
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": False,
                "type": "regular",
                "allows_multiple_answers": True,
                "allows_revoting": True,
                "members_only": False,
            }
        self.sent[(chat_id, message_id)] = message
        return message


def chat(chat_id: int, title: str = "Gruppe") -> dict[str, Any]:
    """A chat object: private for positive ids, a supergroup or channel otherwise."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    kind = "channel" if str(chat_id).startswith("-100") and title == "Kanal" else "supergroup"
    return {"id": chat_id, "type": kind, "title": title}


def user(user_id: int, first_name: str = "Kari", language: str | None = "nn") -> dict[str, Any]:
    """A Telegram user object."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language:
        data["language_code"] = language
    return data
