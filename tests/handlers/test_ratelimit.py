"""Tests for the smooth rate limiter, on a virtual clock through a real ExtBot.

The event loop (tests/support/virtual_time.py) keeps its own time: whenever nothing is ready to
run it jumps straight to the next timer, so asyncio.sleep costs no real time and every send
carries an exact timestamp.
"""

import asyncio
import json
import random
import time
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise
from typing import Any, TypeVar

import pytest
from telegram import Message
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot
from telegram.request import BaseRequest, RequestData

from bot.transport.ratelimit import SmoothRateLimiter
from tests.support.virtual_time import VirtualTimeLoop, run_virtual

T = TypeVar("T")
SEND = "sendMessage"


class RecordingRequest(BaseRequest):
    """Answers Bot API calls in-process and records (time sent, endpoint, parameters)."""

    def __init__(self, clock: Callable[[], float], round_trip: float = 0.0) -> None:
        self.clock = clock
        self.round_trip = round_trip
        self.calls: list[tuple[float, str, dict[str, Any]]] = []
        self.floods: list[int] = []  # retry_after to answer to the next sendMessage calls

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *_: Any, **__: Any
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append((self.clock(), endpoint, params))
        flood = self.floods.pop(0) if endpoint == SEND and self.floods else None
        await asyncio.sleep(self.round_trip)
        if flood is not None:
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests"}
            return 429, json.dumps({**body, "parameters": {"retry_after": flood}}).encode()
        return 200, json.dumps({"ok": True, "result": _result(endpoint, params)}).encode()

    def times(self, endpoint: str = SEND, chat_id: object = None) -> list[float]:
        return [t for t, e, p in self.calls if e == endpoint and chat_id in (None, p["chat_id"])]


def _result(endpoint: str, params: dict[str, Any]) -> object:
    if endpoint == "getMe":
        return {"id": 1, "is_bot": True, "first_name": "tingbot", "username": "tingbot"}
    if endpoint == SEND:
        chat_id = params["chat_id"]
        kind = "private" if isinstance(chat_id, int) and chat_id > 0 else "supergroup"
        chat = {"id": chat_id if isinstance(chat_id, int) else -1, "type": kind}
        return {"message_id": 1, "date": 0, "chat": chat, "text": params["text"]}
    if endpoint == "getChatMemberCount":
        return 3
    return True


async def started_bot(
    loop: VirtualTimeLoop, limiter: BaseRateLimiter[int], round_trip: float = 0.0
) -> tuple[ExtBot[int], RecordingRequest]:
    request = RecordingRequest(loop.time, round_trip)
    bot: ExtBot[int] = ExtBot("1:test", request=request, rate_limiter=limiter)
    await bot.initialize()
    request.calls.clear()
    return bot, request


def busiest_window(times: list[float], width: float) -> int:
    """Most sends in any closed window [t, t + width]."""
    ordered = sorted(times)
    return max((bisect_right(ordered, t + width) - i for i, t in enumerate(ordered)), default=0)


def smallest_gap(times: list[float]) -> float:
    ordered = sorted(times)
    return min(b - a for a, b in pairwise(ordered))


def limiter(loop: VirtualTimeLoop, **kwargs: Any) -> SmoothRateLimiter:
    return SmoothRateLimiter(clock=loop.time, sleep=asyncio.sleep, **kwargs)


def test_thousand_concurrent_sends_are_smooth_and_fast() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[list[Message], RecordingRequest, float]:
        bot, request = await started_bot(loop, limiter(loop), round_trip=0.5)
        start = loop.time()
        sends = (bot.send_message(chat_id=1000 + i, text=f"reminder {i}") for i in range(1000))
        messages = await asyncio.gather(*sends)
        return messages, request, loop.time() - start

    wall = time.perf_counter()
    messages, request, elapsed = run_virtual(main)
    wall = time.perf_counter() - wall
    sent = request.times()
    assert len(messages) == len(sent) == 1000
    assert busiest_window(sent, 1.0) == 30
    assert smallest_gap(sent) >= 1 / 30 - 1e-6  # spread out, not 30 at once
    # Evenly spaced: 999 gaps of 1/30 s (plus the limiter's 2% margin), plus one 0.5 s round
    # trip for the last answer.
    assert 33.3 <= elapsed <= 34.5
    assert wall < 5.0  # booking stays cheap with a long queue


def test_window_check_catches_a_bursting_limiter() -> None:
    async def main(loop: VirtualTimeLoop) -> RecordingRequest:
        bot, request = await started_bot(loop, AIORateLimiter())
        await asyncio.gather(*(bot.send_message(chat_id=10 + i, text="x") for i in range(120)))
        return request

    assert busiest_window(run_virtual(main).times(), 1.0) > 30


def test_group_limit_holds_without_delaying_private_chats() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[RecordingRequest, float]:
        bot, request = await started_bot(loop, limiter(loop), round_trip=0.05)
        group = [bot.send_message(chat_id=-100123, text=f"g{i}") for i in range(45)]
        channel = [bot.send_message(chat_id="@hallingting", text=f"c{i}") for i in range(25)]
        private = [bot.send_message(chat_id=500 + i, text=f"p{i}") for i in range(60)]
        await asyncio.gather(*group, *channel, *private)
        return request, loop.time()

    request, elapsed = run_virtual(main)
    group, channel = request.times(chat_id=-100123), request.times(chat_id="@hallingting")
    assert (len(group), len(channel)) == (45, 25)
    assert busiest_window(group, 60.0) == 20
    assert busiest_window(channel, 60.0) == 20
    assert busiest_window(request.times(), 1.0) <= 30
    assert group[20] - group[0] >= 60.0 and group[40] - group[20] >= 60.0
    private = [t for t, e, p in request.calls if e == SEND and p["chat_id"] in range(500, 560)]
    assert max(private) < 5.0  # not stuck behind the groups' minute-long waits
    assert smallest_gap(group) >= 1.0 and smallest_gap(channel) >= 1.0  # one a second per chat
    # Two full minutes of the group, then its last five a second apart (plus the 2% margin).
    assert 124.0 <= elapsed < 127.0


def test_retry_after_pauses_all_sends_and_retries() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[list[Message], RecordingRequest]:
        bot, request = await started_bot(loop, limiter(loop))
        request.floods = [3]
        messages = await asyncio.gather(
            *(bot.send_message(chat_id=1 + i, text="x") for i in range(40))
        )
        return messages, request

    messages, request = run_virtual(main)
    sent = request.times()
    assert len(messages) == 40 and len(sent) == 41  # one send was made twice
    flooded_at = sent[0]
    assert [t for t in sent if flooded_at < t < flooded_at + 3.0] == []
    retried = [p["chat_id"] for t, e, p in request.calls if e == SEND].count(1)
    assert retried == 2
    assert busiest_window(sent, 1.0) <= 30


def test_retry_after_gives_up_after_max_retries() -> None:
    async def main(loop: VirtualTimeLoop) -> tuple[RecordingRequest, bool, bool]:
        bot, request = await started_bot(loop, limiter(loop, max_retries=2))
        request.floods = [5, 5, 5, 5, 5]
        with pytest.raises(RetryAfter):
            await bot.send_message(chat_id=7, text="x")
        gave_up_after_three = len(request.calls) == 3
        with pytest.raises(RetryAfter):
            await bot.send_message(chat_id=7, text="x", rate_limit_args=1)
        return request, gave_up_after_three, len(request.calls) == 5

    request, three, five = run_virtual(main)
    sent = request.times()
    assert three and five
    assert sent[1] - sent[0] >= 5.0 and sent[2] - sent[1] >= 5.0


def test_non_message_methods_are_not_throttled() -> None:
    async def main(loop: VirtualTimeLoop) -> RecordingRequest:
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
    unthrottled = [t for t, e, _ in request.calls if e != SEND]
    assert len(unthrottled) == 103 and max(unthrottled) < 0.001
    assert max(request.times()) > 9.0


@pytest.mark.parametrize("seed", range(5))
def test_limits_hold_under_random_mixed_traffic(seed: int) -> None:
    rng = random.Random(seed)
    chats: list[int | str] = [-1001, -1002, "@kanal", *range(1, 40)]

    async def send_later(bot: ExtBot[int], delay: float, chat_id: int | str) -> None:
        await asyncio.sleep(delay)
        await bot.send_message(chat_id=chat_id, text="x")

    async def main(loop: VirtualTimeLoop) -> RecordingRequest:
        bot, request = await started_bot(loop, limiter(loop, max_retries=5), round_trip=0.2)
        request.floods = [rng.randint(1, 4) for _ in range(3)]
        jobs = [send_later(bot, rng.uniform(0, 90), rng.choice(chats)) for _ in range(400)]
        await asyncio.gather(*jobs)
        return request

    request = run_virtual(main)
    sent = request.times()
    assert len(sent) == 403  # every flooded send was retried once
    assert busiest_window(sent, 1.0) <= 30
    assert smallest_gap(sent) >= 1 / 30 - 1e-6
    for chat_id in chats[:3]:
        assert busiest_window(request.times(chat_id=chat_id), 60.0) <= 20


def test_rejects_nonsensical_limits() -> None:
    with pytest.raises(ValueError, match="positive"):
        SmoothRateLimiter(overall_max_rate=0)
    with pytest.raises(ValueError, match="negative"):
        SmoothRateLimiter(max_retries=-1)
