"""TingBot: PTB's ExtBot with one lean send for the reply that follows every saved answer.

`ExtBot.send_message` turns the keyboard into a dict for every call and parses Telegram's
answer into a `Message` — more CPU than everything else tingbot does for an answer. The
acknowledgement needs neither: its keyboard is prepared once (`Prepared`), and only the new
message's id is read back. The call goes through PTB's public `Bot.do_api_request`, so it
still passes PTB's request layer, the rate limiter and its error mapping (RetryAfter,
Forbidden, ...), exactly like `send_message`.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import Defaults, ExtBot
from telegram.warnings import PTBUserWarning

SEND_MESSAGE = "sendMessage"
# `do_api_request` warns when a method has its own shortcut (send_message); here the shortcut is
# exactly what the lean path avoids, so that one warning is silenced and no other.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An inline keyboard serialised once, as the Bot API receives it (a JSON text)."""

    json: str

    @classmethod
    def of(cls, markup: InlineKeyboardMarkup) -> Prepared:
        """`markup` as the JSON text PTB would send for it."""
        return cls(json.dumps(markup.to_dict(), ensure_ascii=False, separators=(",", ":")))


class TingBot(ExtBot[None]):
    """ExtBot plus `send_prepared` and `get_raw_updates`."""

    _send_options: dict[str, Any] | None = None  # `_options(self.defaults)`, once

    async def get_raw_updates(
        self, offset: int | None, long_poll: int, limit: int, allowed_updates: list[str]
    ) -> list[dict[str, Any]]:
        """getUpdates as Telegram's JSON, one dict per update, not yet parsed.

        `get_updates` parses the whole batch at once: one update the library cannot read
        raises for all of them, and the poller could never confirm past it. The read timeout
        is the request's own plus the long poll's, as `get_updates` computes it.
        """
        data: dict[str, Any] = {
            "timeout": long_poll,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        read_timeout = (self._request[0].read_timeout or 0) + long_poll
        result = await self._post("getUpdates", data, read_timeout=read_timeout)
        assert isinstance(result, list)
        return [u for u in result if isinstance(u, dict)]

    async def send_prepared(self, chat_id: int, text: str, keyboard: Prepared | None) -> int:
        """Send `text` (with the Defaults' parse mode and link preview) and `keyboard`; its id."""
        options = self._send_options
        if options is None:  # hashing Defaults for a cache lookup cost 1.5 µs a send
            options = self._send_options = _options(self.defaults)
        data: dict[str, Any] = {"chat_id": chat_id, "text": text, **options}
        if keyboard is not None:
            data["reply_markup"] = keyboard.json
        # No `return_type`: the answer stays a dict, which is the saving over `send_message`.
        result = await self.do_api_request(SEND_MESSAGE, api_kwargs=data)
        assert isinstance(result, dict)
        return int(result["message_id"])


def _options(defaults: Defaults | None) -> dict[str, Any]:
    """Parse mode and link preview as the Defaults give them to every other send."""
    options: dict[str, Any] = {}
    if defaults is not None:
        if defaults.parse_mode is not None:
            options["parse_mode"] = defaults.parse_mode
        if defaults.link_preview_options is not None:
            options["link_preview_options"] = defaults.link_preview_options.to_json()
    return options
