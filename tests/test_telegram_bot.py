"""TingBot.send_prepared sends what ExtBot.send_message would, without parsing the answer."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import Forbidden
from telegram.ext import BaseRateLimiter, Defaults
from telegram.request import BaseRequest, RequestData

from bot.telegram_bot import Prepared, TingBot

MARKUP = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Neste ▶", callback_data="n:next:3")],
        [InlineKeyboardButton("🏁 Ferdig", callback_data="n:done:3")],
    ]
)


class Recording(BaseRequest):
    """Keeps each call's wire parameters; answers like Telegram, or as a blocked chat."""

    def __init__(self, blocked: bool = False) -> None:
        self.wire: list[tuple[str, dict[str, Any]]] = []
        self.blocked = blocked

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.json_parameters) if request_data else {}
        self.wire.append((name, params))
        if self.blocked:
            body = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return 403, json.dumps(body).encode()
        result = {
            "message_id": 41 + len(self.wire),
            "date": 0,
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "text": params.get("text", ""),
        }
        return 200, json.dumps({"ok": True, "result": result}).encode()


def bot(request: Recording) -> TingBot:
    defaults = Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )
    return TingBot("1:test", request=request, get_updates_request=request, defaults=defaults)


def decoded(params: dict[str, Any]) -> dict[str, Any]:
    """Wire parameters with JSON texts read back, so that spacing does not matter."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        try:
            out[key] = json.loads(value)
        except (TypeError, ValueError):
            out[key] = value
    return out


async def test_the_same_parameters_go_out_as_with_send_message() -> None:
    request = Recording()
    ting = bot(request)
    sent = await ting.send_message(5001, "✅ <b>Lagra</b>", reply_markup=MARKUP)
    message_id = await ting.send_prepared(5001, "✅ <b>Lagra</b>", Prepared.of(MARKUP))
    (first, usual), (second, lean) = request.wire
    assert first == second == "sendMessage"
    assert decoded(lean) == decoded(usual)
    assert decoded(lean)["parse_mode"] == "HTML"
    assert decoded(lean)["link_preview_options"] == {"is_disabled": True}
    assert (sent.message_id, message_id) == (42, 43)


async def test_without_a_keyboard_and_without_defaults() -> None:
    request = Recording()
    ting = TingBot("1:test", request=request, get_updates_request=request)
    await ting.send_prepared(5001, "Hei", None)
    await ting.send_message(5001, "Hei")
    (_, lean), (_, usual) = request.wire
    assert decoded(lean) == decoded(usual) == {"chat_id": 5001, "text": "Hei"}


async def test_telegram_errors_are_raised_as_for_send_message() -> None:
    ting = bot(Recording(blocked=True))
    with pytest.raises(Forbidden):
        await ting.send_prepared(5001, "Hei", Prepared.of(MARKUP))


class CountingLimiter(BaseRateLimiter[int]):
    """A rate limiter that lets everything through and counts what it was asked about."""

    def __init__(self) -> None:
        self.endpoints: list[str] = []

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        self.endpoints.append(endpoint)
        return await callback(*args, **kwargs)


async def test_the_lean_send_goes_through_the_rate_limiter() -> None:
    request, limiter = Recording(), CountingLimiter()
    ting = TingBot("1:test", request=request, get_updates_request=request, rate_limiter=limiter)  # type: ignore[arg-type]
    await ting.send_prepared(5001, "Hei", Prepared.of(MARKUP))
    assert limiter.endpoints == ["sendMessage"]
    assert [name for name, _ in request.wire] == ["sendMessage"]
