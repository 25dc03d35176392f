"""A minimal in-process Bot API for benchmarks: answers at once or after a simulated round trip.

It encodes each request body as PTB's HTTP layer would (so the bot pays its real serialisation
cost), answers `getMe`, `sendMessage` (and the other send methods) and the rest with realistic
JSON, and records when each message was sent, by chat, on the real monotonic clock
(`time.perf_counter`).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 7000000001
BOT_USERNAME = "tingbot_bench_bot"
_ME = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "tingbot",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_FROM = {"id": BOT_ID, "is_bot": True, "first_name": "tingbot", "username": BOT_USERNAME}


class BenchBotApi(BaseRequest):
    """Answers Bot API calls in-process after `rtt` seconds; records each send's moment."""

    def __init__(self, rtt: float = 0.0) -> None:
        self.rtt = rtt
        self.sends: list[tuple[float, int, str]] = []  # (moment, chat id, text)
        # Called with each send as it happens (a load generator counts acknowledgements).
        self.on_send: Callable[[float, int, str], None] | None = None
        self._next_id: dict[int, int] = defaultdict(int)

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
        """Encode the body, note a send, wait one round trip and answer."""
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            request_data.json_payload  # noqa: B018 - the encoding the HTTP layer would do
            params = request_data.parameters
        result: Any = True
        if name.startswith("send") and "chat_id" in params:  # sendMessage, sendDocument, ...
            chat = str(params["chat_id"])
            chat_id = int(chat) if chat.lstrip("-").isdigit() else -1  # "@channel"
            text = str(params.get("text") or params.get("caption") or "")
            moment = time.perf_counter()
            self.sends.append((moment, chat_id, text))
            if self.on_send is not None:
                self.on_send(moment, chat_id, text)
            result = self._message(chat_id, text, params.get("reply_markup"))
        elif name == "getMe":
            result = _ME
        if self.rtt:
            await asyncio.sleep(self.rtt)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _message(self, chat_id: int, text: str, markup: Any) -> dict[str, Any]:
        """The message Telegram would return for a send."""
        self._next_id[chat_id] += 1
        message: dict[str, Any] = {
            "message_id": self._next_id[chat_id],
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Gruppe"},
            "from": _FROM,
            "text": text,
        }
        if markup is not None:  # sent as an object or as JSON text; Telegram echoes an object
            message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        return message
