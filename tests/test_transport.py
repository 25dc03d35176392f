"""Talking to the Bot API: 5xx retried, timeouts not, and sends spaced within Telegram's limits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from bot.transport import (
    TELEGRAM_GROUP_PER_MINUTE,
    TELEGRAM_PER_SECOND,
    RetryingRequest,
    SpacedRateLimiter,
    telegram_rate_limiter,
)
from tests.emulator import Emulator
from tests.emulator.fixtures import (  # noqa: F401  (fixtures used by name)
    emu_fixture,
    loopback_only_fixture,
)


@pytest.fixture(autouse=True)
def _offline(loopback_only: None) -> None:
    """Every test here runs with the network limited to loopback."""


def bot_for(emu: Emulator, request: RetryingRequest, limited: bool = False) -> Bot:
    """A bot on the emulator with the given request (and the tuned rate limiter)."""
    return ExtBot(
        emu.token,
        base_url=emu.base_url,
        request=request,
        rate_limiter=telegram_rate_limiter() if limited else None,
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


async def test_sends_never_exceed_30_in_any_second(emu: Emulator) -> None:
    users = [emu.user(100 + i, f"U{i}") for i in range(40)]
    for u in users:
        u.send_text("hei")
    async with bot_for(emu, RetryingRequest(connection_pool_size=64), limited=True) as bot:
        await asyncio.gather(*(bot.send_message(u.id, f"Melding {u.id}") for u in users))
    assert len(emu.calls_to("sendMessage", ok=True)) == 40
    assert emu.max_sends_in_window(1.0) <= TELEGRAM_PER_SECOND


class VirtualTime:
    """A clock that only moves when someone sleeps (sends are then recorded at exact times)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        """The current virtual time."""
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the clock instead of waiting."""
        self.now += max(seconds, 0.0)


def peak(times: list[float], window: float) -> int:
    """The most send times inside any half-open window."""
    return max((sum(1 for t in times if start <= t < start + window) for start in times), default=0)


async def test_sends_to_one_group_stay_within_20_a_minute() -> None:
    time = VirtualTime()
    limiter = SpacedRateLimiter(sleep=time.sleep, clock=time)
    sent: list[float] = []

    async def send() -> bool:
        sent.append(time.now)
        return True

    for _ in range(45):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": -100123}, None)
    assert peak(sent, 60.0) <= TELEGRAM_GROUP_PER_MINUTE
    assert peak(sent, 1.0) <= TELEGRAM_PER_SECOND
    assert sent[-1] < 45 * 60 / 18  # as fast as the limit allows, not slower


async def test_a_429_pauses_everyone_and_is_retried_after_retry_after() -> None:
    time = VirtualTime()
    limiter = SpacedRateLimiter(sleep=time.sleep, clock=time)
    calls: list[tuple[str, float]] = []

    def sender(name: str, fail_once: bool) -> Any:
        async def send() -> bool:
            calls.append((name, time.now))
            if fail_once and len([c for c in calls if c[0] == name]) == 1:
                raise RetryAfter(3)
            return True

        return send

    await limiter.process_request(sender("a", True), (), {}, "sendMessage", {"chat_id": 7}, None)
    await limiter.process_request(sender("b", False), (), {}, "sendMessage", {"chat_id": 8}, None)
    assert [n for n, _ in calls] == ["a", "a", "b"]
    assert calls[1][1] - calls[0][1] >= 3.0 and calls[2][1] >= calls[1][1]
    failing = sender("c", True)

    async def always() -> bool:
        await failing()
        raise RetryAfter(1)

    with pytest.raises(RetryAfter):
        await limiter.process_request(always, (), {}, "sendMessage", {"chat_id": 9}, 1)
