"""Tests for the smooth rate limiter, on a virtual clock through a real ExtBot.

The event loop (tests/support/virtual_time.py) keeps its own time: whenever nothing is ready to
run it jumps straight to the next timer, so asyncio.sleep costs no real time and every send
carries an exact timestamp.
"""

import asyncio
import random
import time
from typing import Any, TypeVar

import pytest
from telegram import Message
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.transport.ratelimit import SmoothRateLimiter
from tests.support.botapi import FakeTelegram
from tests.support.sends import busiest_window, smallest_gap
from tests.support.virtual_time import VirtualTimeLoop, run_virtual

T = TypeVar("T")
SEND = "sendMessage"


def flood(request: FakeTelegram, *retry_after: int) -> None:
    """Answer the next sendMessage calls with 429 Too Many Requests, one per `retry_after`."""
    for seconds in retry_after:
        request.fail(SEND, 429, "Too Many Requests", retry_after=seconds)


def times(request: FakeTelegram, chat_id: object = None) -> list[float]:
    """When each sendMessage (to `chat_id`, or to any chat) was made."""
    return [
        c.at for c in request.calls if c.method == SEND and chat_id in (None, c.params["chat_id"])
    ]


async def started_bot(
    loop: VirtualTimeLoop, limiter: BaseRateLimiter[int], round_trip: float = 0.0
) -> tuple[ExtBot[int], FakeTelegram]:
    request = FakeTelegram(loop.time, round_trip)
    bot: ExtBot[int] = ExtBot("1:test", request=request, rate_limiter=limiter)
    await bot.initialize()
    request.calls.clear()
    return bot, request


def limiter(loop: VirtualTimeLoop, **kwargs: Any) -> SmoothRateLimiter:
    return SmoothRateLimiter(clock=loop.time, sleep=asyncio.sleep, **kwargs)


def wall_time_of_sends(count: int) -> float:
    """Real seconds for `count` concurrent sends through the limiter (0.5 s round trip)."""

    async def main(loop: VirtualTimeLoop) -> None:
        bot, _ = await started_bot(loop, limiter(loop), round_trip=0.5)
        await asyncio.gather(*(bot.send_message(chat_id=1000 + i, text="x") for i in range(count)))

    wall = time.perf_counter()
    run_virtual(main)
    return time.perf_counter() - wall


def test_booking_stays_cheap_with_a_long_queue() -> None:
    # Four times the sends in the same run: linear booking costs about 4x, one that grew with
    # the queue (quadratic) 16x; the machine's speed cancels out. The best of three runs of
    # each, so a pause of the machine (the other test worker, a collection) in one run does
    # not count as the limiter's cost.
    small = min(wall_time_of_sends(250) for _ in range(3))
    large = min(wall_time_of_sends(1000) for _ in range(3))
    assert large < 8 * small


def test_thousand_concurrent_sends_are_smooth_and_fast() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[list[Message], FakeTelegram, float]:
        bot, request = await started_bot(loop, limiter(loop), round_trip=0.5)
        start = loop.time()
        sends = (bot.send_message(chat_id=1000 + i, text=f"reminder {i}") for i in range(1000))
        messages = await asyncio.gather(*sends)
        return messages, request, loop.time() - start

    messages, request, elapsed = run_virtual(main)
    sent = times(request)
    assert len(messages) == len(sent) == 1000
    assert busiest_window(sent, 1.0) == 30
    assert smallest_gap(sent) >= 1 / 30 - 1e-6  # spread out, not 30 at once
    # Evenly spaced: 999 gaps of 1/30 s (plus the limiter's 2% margin), plus one 0.5 s round
    # trip for the last answer.
    assert 33.3 <= elapsed <= 34.5


def test_window_check_catches_a_bursting_limiter() -> None:
    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, AIORateLimiter())
        await asyncio.gather(*(bot.send_message(chat_id=10 + i, text="x") for i in range(120)))
        return request

    assert busiest_window(times(run_virtual(main)), 1.0) > 30


def test_group_limit_holds_without_delaying_private_chats() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[FakeTelegram, float]:
        bot, request = await started_bot(loop, limiter(loop), round_trip=0.05)
        group = [bot.send_message(chat_id=-100123, text=f"g{i}") for i in range(45)]
        channel = [bot.send_message(chat_id="@hallingting", text=f"c{i}") for i in range(25)]
        private = [bot.send_message(chat_id=500 + i, text=f"p{i}") for i in range(60)]
        await asyncio.gather(*group, *channel, *private)
        return request, loop.time()

    request, elapsed = run_virtual(main)
    group, channel = times(request, chat_id=-100123), times(request, chat_id="@hallingting")
    assert (len(group), len(channel)) == (45, 25)
    assert busiest_window(group, 60.0) == 20
    assert busiest_window(channel, 60.0) == 20
    assert busiest_window(times(request), 1.0) <= 30
    assert group[20] - group[0] >= 60.0 and group[40] - group[20] >= 60.0
    private = [
        c.at for c in request.calls if c.method == SEND and c.params["chat_id"] in range(500, 560)
    ]
    assert max(private) < 5.0  # not stuck behind the groups' minute-long waits
    assert smallest_gap(group) >= 1.0 and smallest_gap(channel) >= 1.0  # one a second per chat
    # Two full minutes of the group, then its last five a second apart (plus the 2% margin).
    assert 124.0 <= elapsed < 127.0


def test_retry_after_pauses_all_sends_and_retries() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[list[Message], FakeTelegram]:
        bot, request = await started_bot(loop, limiter(loop))
        flood(request, 3)
        messages = await asyncio.gather(
            *(bot.send_message(chat_id=1 + i, text="x") for i in range(40))
        )
        return messages, request

    messages, request = run_virtual(main)
    sent = times(request)
    assert len(messages) == 40 and len(sent) == 41  # one send was made twice
    flooded_at = sent[0]
    assert [t for t in sent if flooded_at < t < flooded_at + 3.0] == []
    retried = [c.params["chat_id"] for c in request.calls if c.method == SEND].count(1)
    assert retried == 2
    assert busiest_window(sent, 1.0) <= 30


def test_retry_after_gives_up_after_max_retries() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[FakeTelegram, bool, bool]:
        bot, request = await started_bot(loop, limiter(loop, max_retries=2))
        flood(request, 5, 5, 5, 5, 5)
        with pytest.raises(RetryAfter):
            await bot.send_message(chat_id=7, text="x")
        gave_up_after_three = len(request.calls) == 3
        with pytest.raises(RetryAfter):
            await bot.send_message(chat_id=7, text="x", rate_limit_args=1)
        return request, gave_up_after_three, len(request.calls) == 5

    request, three, five = run_virtual(main)
    sent = times(request)
    assert three and five
    assert sent[1] - sent[0] >= 5.0 and sent[2] - sent[1] >= 5.0


def test_non_message_methods_are_not_throttled() -> None:
    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, limiter(loop))
        queued = [bot.send_message(chat_id=1 + i, text="x") for i in range(300)]
        answers = [bot.answer_callback_query(str(i)) for i in range(100)]
        others = [
            bot.get_me(),
            bot.set_my_commands([("start", "Start")]),
            bot.get_chat_member_count(-100123),
        ]
        await asyncio.gather(*queued, *answers, *others)
        return request

    request = run_virtual(main)
    unthrottled = [c.at for c in request.calls if c.method != SEND]
    assert len(unthrottled) == 103 and max(unthrottled) < 0.001
    assert max(times(request)) > 9.0


@pytest.mark.parametrize("seed", range(5))
def test_limits_hold_under_random_mixed_traffic(seed: int) -> None:
    rng = random.Random(seed)
    chats: list[int | str] = [-1001, -1002, "@kanal", *range(1, 40)]

    async def send_later(bot: ExtBot[int], delay: float, chat_id: int | str) -> None:
        await asyncio.sleep(delay)
        await bot.send_message(chat_id=chat_id, text="x")

    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, limiter(loop, max_retries=5), round_trip=0.2)
        flood(request, *(rng.randint(1, 4) for _ in range(3)))
        jobs = [send_later(bot, rng.uniform(0, 90), rng.choice(chats)) for _ in range(400)]
        await asyncio.gather(*jobs)
        return request

    request = run_virtual(main)
    sent = times(request)
    assert len(sent) == 403  # every flooded send was retried once
    assert busiest_window(sent, 1.0) <= 30
    assert smallest_gap(sent) >= 1 / 30 - 1e-6
    for chat_id in chats[:3]:
        assert busiest_window(times(request, chat_id=chat_id), 60.0) <= 20


def test_rejects_nonsensical_limits() -> None:
    with pytest.raises(ValueError, match="positive"):
        SmoothRateLimiter(overall_max_rate=0)
    with pytest.raises(ValueError, match="negative"):
        SmoothRateLimiter(max_retries=-1)
