"""TingBot.send_prepared sends what ExtBot.send_message would, without parsing the answer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import Forbidden
from telegram.ext import BaseRateLimiter, Defaults

from bot.transport.bot import Prepared, TingBot
from tests.support.botapi import FakeTelegram

MARKUP = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Neste ▶", callback_data="n:next:3")],
        [InlineKeyboardButton("🏁 Ferdig", callback_data="n:done:3")],
    ]
)


def bot(request: FakeTelegram) -> TingBot:
    defaults = Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )
    return TingBot("1:test", request=request, get_updates_request=request, defaults=defaults)


async def test_the_same_parameters_go_out_as_with_send_message() -> None:
    telegram = FakeTelegram()
    ting = bot(telegram)
    sent = await ting.send_message(5001, "✅ <b>Lagra</b>", reply_markup=MARKUP)
    message_id = await ting.send_prepared(5001, "✅ <b>Lagra</b>", Prepared.of(MARKUP))
    usual, lean = telegram.calls  # the parameters as Telegram reads them
    assert usual.method == lean.method == "sendMessage"
    assert lean.params == usual.params
    assert lean.params["parse_mode"] == "HTML"
    assert lean.params["link_preview_options"] == {"is_disabled": True}
    assert lean.params["reply_markup"] == MARKUP.to_dict()
    assert message_id == sent.message_id + 1


async def test_without_a_keyboard_and_without_defaults() -> None:
    telegram = FakeTelegram()
    ting = TingBot("1:test", request=telegram, get_updates_request=telegram)
    await ting.send_prepared(5001, "Hei", None)
    await ting.send_message(5001, "Hei")
    lean, usual = telegram.calls
    assert lean.params == usual.params == {"chat_id": 5001, "text": "Hei"}


async def test_telegram_errors_are_raised_as_for_send_message() -> None:
    telegram = FakeTelegram()
    telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with pytest.raises(Forbidden):
        await bot(telegram).send_prepared(5001, "Hei", Prepared.of(MARKUP))


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
    telegram, limiter = FakeTelegram(), CountingLimiter()
    ting = TingBot("1:test", request=telegram, get_updates_request=telegram, rate_limiter=limiter)  # type: ignore[arg-type]
    await ting.send_prepared(5001, "Hei", Prepared.of(MARKUP))
    assert limiter.endpoints == ["sendMessage"]
    assert [call.method for call in telegram.calls] == ["sendMessage"]


LEAN_SEND = """
import asyncio
from bot.transport.bot import Prepared, TingBot
from tests.support.botapi import FakeTelegram
telegram = FakeTelegram()
ting = TingBot("1:test", request=telegram, get_updates_request=telegram)
asyncio.run(ting.send_prepared(5001, "Hei", None))
asyncio.run(ting.do_api_request("send_message", {"chat_id": 5001, "text": "Hei"}))
"""


def test_only_the_lean_send_is_spared_the_shortcut_warning() -> None:
    # A fresh interpreter with every warning shown: the test run's own filters would hide it.
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", LEAN_SEND], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Please use 'Bot.") == 1  # the second call, not the lean send
    assert "Bot.send_message" in done.stderr
