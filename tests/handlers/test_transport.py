"""Talking to the Bot API: 5xx retried, timeouts not, and sends spaced within Telegram's limits."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut
from telegram.ext import ExtBot

from bot.transport.ratelimit import SmoothRateLimiter
from bot.transport.retry import RetryingRequest
from bot.transport.sendgate import DEPARTURE_SAFETY, SendGate, Window
from tests.emulator import Emulator
from tests.emulator.fixtures import (  # noqa: F401  (fixtures used by name)
    emu_fixture,
    loopback_only_fixture,
)
from tests.support.sends import busiest_window


@pytest.fixture(autouse=True)
def _offline(loopback_only: None) -> None:
    """Every test here runs with the network limited to loopback."""


def bot_for(emu: Emulator, request: RetryingRequest, limited: bool = False) -> Bot:
    """A bot on the emulator with the given request (and the tuned rate limiter)."""
    return ExtBot(
        emu.token,
        base_url=emu.base_url,
        request=request,
        rate_limiter=SmoothRateLimiter(max_retries=3) if limited else None,
    )


async def no_wait(seconds: float) -> None:
    """Backoff without waiting (the test checks how long it would have waited)."""
    waited.append(seconds)


waited: list[float] = []


async def test_server_errors_are_retried_with_backoff(emu: Emulator) -> None:
    emu.user(7, "Ola").send_text("hei")
    emu.inject("sendMessage", ["500", "500"])
    waited.clear()
    async with bot_for(emu, RetryingRequest(sleep=no_wait)) as bot:
        message = await bot.send_message(7, "Tredje gong")
    assert message.text == "Tredje gong"
    assert [c.status for c in emu.calls_to("sendMessage")] == [500, 500, 200]
    assert waited == [0.5, 1.0]


async def test_a_lasting_server_error_is_raised_after_the_retries(emu: Emulator) -> None:
    emu.user(7, "Ola").send_text("hei")
    emu.inject("sendMessage", ["500"] * 5)
    async with bot_for(emu, RetryingRequest(server_error_retries=2, sleep=no_wait)) as bot:
        with pytest.raises(NetworkError):
            await bot.send_message(7, "Aldri")
    assert len(emu.calls_to("sendMessage")) == 3


async def test_a_timeout_is_not_retried_because_the_message_may_have_arrived(
    emu: Emulator,
) -> None:
    emu.user(7, "Ola").send_text("hei")
    emu.inject("sendMessage", ["timeout_after"], hold=1.0)
    request = RetryingRequest(sleep=no_wait, read_timeout=0.3)
    async with bot_for(emu, request) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(7, "Kanskje")
    await emu.wait_until_async(lambda: len(emu.calls_to("sendMessage")) == 1)
    assert [m.text for m in emu.sent_to(7)] == ["Kanskje"]
    assert emu.duplicates() == []


async def test_sends_never_exceed_30_in_any_second(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = [emu.user(100 + i, f"U{i}") for i in range(40)]
    for u in users:
        u.send_text("hei")
    left: list[float] = []  # when the limiter let each send leave
    depart = SendGate._depart

    async def noted(gate: SendGate, window: Window | None) -> None:
        await depart(gate, window)
        left.append(time.monotonic())

    monkeypatch.setattr(SendGate, "_depart", noted)
    async with bot_for(emu, RetryingRequest(connection_pool_size=64), limited=True) as bot:
        await asyncio.gather(*(bot.send_message(u.id, f"Melding {u.id}") for u in users))
    arrived = sorted(c.t for c in emu.calls_to("sendMessage", ok=True))  # the same clock
    assert len(arrived) == len(left) == 40
    # Never more than 30 leave in any second (the limiter holds them 0.4% further apart) ...
    assert busiest_window(left, 1.0) <= 30
    # ... so the Bot API, counting where they arrive, sees no more either: in any second, but
    # for how much later than the limiter's margin a send got there (a loaded test machine, 4
    # workers on 2 cores, delays some by tens of milliseconds, which no limiter can take back).
    late = max(a - d for d, a in zip(sorted(left), arrived, strict=True))
    assert emu.max_sends_in_window(1.0 - max(0.0, late - (DEPARTURE_SAFETY - 1.0))) <= 30
