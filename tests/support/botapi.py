"""An in-process Bot API: a recording `BaseRequest` plus factories for real `Update` objects.

The bot under test talks to it exactly as to Telegram (PTB serialises every call); it records
each call, answers with realistic JSON and can be told to fail chosen calls.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.emulator.http_body import JSON_FIELDS

BOT_ID = 7000000001
BOT_USERNAME = "tingbot_test_bot"


def parameters(request_data: RequestData | None) -> dict[str, Any]:
    """The call's parameters as Telegram reads them: an object field may come as JSON text."""
    params = dict(request_data.parameters) if request_data else {}
    for key in JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            params[key] = json.loads(params[key])
    return params


@dataclass
class Call:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = 0.0
    filenames: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The message text or caption of the call ('' when none)."""
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of every inline button of the call."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [
            (b["text"], b.get("callback_data", b.get("url", "")))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass
class Failure:
    """Answer the next `times` calls of `method` with this error."""

    method: str
    code: int
    description: str
    times: int = 1
    retry_after: int | None = None
    when: Callable[[dict[str, Any]], bool] | None = None
    after: int = 0  # let this many calls of `method` succeed first
    exception: Exception | None = None  # raise it instead of answering (timeouts, network)


class FakeTelegram(BaseRequest):
    """Records every call and answers like the Bot API (see the module docstring)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self.sent: dict[tuple[int, int], dict[str, Any]] = {}
        self.clock = clock
        self.update_ids = itertools.count(1)
        # Called with each call as it arrives, e.g. to look at the database at that moment.
        self.hooks: list[Callable[[Call], None]] = []
        # Answers that replace the usual ones, by method (e.g. getChatMember for fewer rights).
        self.results: dict[str, Any] = {}

    # --- BaseRequest ---------------------------------------------------------------------
    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Record the call and answer it."""
        name = url.rsplit("/", 1)[-1]
        params = parameters(request_data)
        files, filenames = {}, {}
        if request_data and request_data.contains_files:
            for part, value in request_data.multipart_data.items():
                content = value[1] if isinstance(value, tuple) else value
                files[part] = content if isinstance(content, bytes) else content.read()
                if isinstance(value, tuple) and isinstance(value[0], str):
                    filenames[part] = value[0]
        call = Call(name, params, files, self.clock(), filenames)
        self.calls.append(call)
        for hook in self.hooks:
            hook(call)
        for failure in self.failures:
            if failure.method != name or failure.times <= 0:
                continue
            if failure.when is not None and not failure.when(params):
                continue
            if failure.after > 0:
                failure.after -= 1
                break
            failure.times -= 1
            if failure.exception is not None:
                raise failure.exception
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.code,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.code, json.dumps(body).encode()
        result = self.answer(name, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # --- answers ---------------------------------------------------------------------------
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

    # --- inspection --------------------------------------------------------------------------
    def to(self, chat_id: int, method: str | None = None) -> list[Call]:
        """Calls addressed to one chat, optionally of one method."""
        return [
            c
            for c in self.calls
            if str(c.params.get("chat_id")) == str(chat_id)
            and (method is None or c.method == method)
        ]

    def texts(self, chat_id: int) -> list[str]:
        """Texts (and captions) sent or edited in one chat, in order."""
        return [c.text for c in self.to(chat_id) if c.text]

    def last(self, chat_id: int, method: str = "sendMessage") -> Call:
        """The latest call of `method` to a chat."""
        found = self.to(chat_id, method)
        assert found, f"no {method} to {chat_id}; calls: {[c.method for c in self.calls]}"
        return found[-1]

    def fail(
        self,
        method: str,
        code: int = 400,
        description: str = "Bad Request: test",
        times: int = 1,
        retry_after: int | None = None,
        when: Callable[[dict[str, Any]], bool] | None = None,
        after: int = 0,
        exception: Exception | None = None,
    ) -> None:
        """Make `times` calls of `method` (whose params satisfy `when`) fail, after `after` successful ones."""
        self.failures.append(
            Failure(method, code, description, times, retry_after, when, after, exception)
        )


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
