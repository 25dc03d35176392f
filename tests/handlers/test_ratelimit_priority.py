"""Replies before bulk sends, one message a second per chat, and paid broadcasts (virtual time).

The limiter runs in a real ExtBot against the recording Bot API of test_ratelimit, on the
virtual-time loop: every send carries an exact timestamp.
"""

import asyncio
from typing import Any

from telegram.ext import ExtBot

from bot.transport.priority import bulk_sends, is_bulk
from bot.transport.ratelimit import PAID_FLAG, SmoothRateLimiter
from tests.handlers.test_ratelimit import SEND, flood, started_bot, times
from tests.support.botapi import FakeTelegram
from tests.support.sends import busiest_window, smallest_gap
from tests.support.virtual_time import VirtualTimeLoop, run_virtual


def limiter(loop: VirtualTimeLoop, **kwargs: Any) -> SmoothRateLimiter:
    return SmoothRateLimiter(clock=loop.time, sleep=asyncio.sleep, **kwargs)


async def broadcast(bot: ExtBot[int], chats: range) -> None:
    with bulk_sends():
        await asyncio.gather(*(bot.send_message(chat_id=c, text="reminder") for c in chats))


def sent_with(request: FakeTelegram, chats: range) -> list[tuple[float, bool]]:
    """(moment, paid flag) of every sendMessage to `chats`."""
    return [
        (c.at, bool(c.params.get(PAID_FLAG)))
        for c in request.calls
        if c.method == SEND and c.params["chat_id"] in chats
    ]


def test_replies_overtake_a_running_broadcast() -> None:
    recipients, askers = range(10_000, 11_000), range(1, 21)

    async def reply_later(bot: ExtBot[int], delay: float, chat: int) -> float:
        await asyncio.sleep(delay)
        start = asyncio.get_running_loop().time()
        await bot.send_message(chat_id=chat, text="✅ Lagra")
        return asyncio.get_running_loop().time() - start

    async def main(loop: VirtualTimeLoop) -> tuple[FakeTelegram, list[float]]:
        bot, request = await started_bot(loop, limiter(loop), round_trip=0.05)
        # Each of 20 people answers every 10 s during the broadcast: 2 replies a second.
        replies = [
            reply_later(bot, 0.5 + a * 0.5 + 10 * k, c)
            for k in range(3)
            for a, c in enumerate(askers)
        ]
        waits, _ = await asyncio.gather(asyncio.gather(*replies), broadcast(bot, recipients))
        return request, list(waits)

    request, waits = run_virtual(main)
    bulk = [t for t, _ in sent_with(request, recipients)]
    assert len(bulk) == 1000 and len(waits) == 60
    # A reply waits at most one spacing of the overall rate (34 ms) plus its 50 ms round trip.
    assert max(waits) <= 0.05 + 1.02 / 30 + 1e-6
    everything = times(request)
    assert busiest_window(everything, 1.0) <= 30
    assert smallest_gap(everything) >= 1 / 30 - 1e-6
    assert 1000 / (max(bulk) - min(bulk)) >= 27.0


def test_a_reply_waiting_for_its_chat_lets_the_broadcast_on() -> None:
    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, limiter(loop))
        three_replies = (bot.send_message(chat_id=5, text=f"r{i}") for i in range(3))
        await asyncio.gather(*three_replies, broadcast(bot, range(100, 160)))
        return request

    request = run_virtual(main)
    to_five = times(request, 5)
    assert len(to_five) == 3 and smallest_gap(to_five) >= 1.0  # one message a second per chat
    bulk = [t for t, _ in sent_with(request, range(100, 160))]
    # Not held up by chat 5's one-second gaps: 63 sends, evenly spaced.
    assert len(bulk) == 60 and max(bulk) < 63 * 1.02 / 30


def test_edits_are_not_held_to_one_a_second_per_chat() -> None:
    async def main(loop: VirtualTimeLoop) -> list[float]:
        bot, request = await started_bot(loop, limiter(loop))
        await bot.send_message(chat_id=9, text="x")
        await bot.edit_message_text("y", chat_id=9, message_id=1)
        return [c.at for c in request.calls if c.params.get("chat_id") == 9]

    sent, edited = run_virtual(main)
    assert edited - sent < 0.1


def test_flood_wait_pauses_the_broadcast_and_loses_nothing() -> None:
    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, limiter(loop))
        flood(request, 5, 5, 5, 5)  # more than a reply's retries: bulk sends keep trying
        await broadcast(bot, range(100, 200))
        return request

    request = run_virtual(main)
    sent = times(request)
    chats = [c.params["chat_id"] for c in request.calls if c.method == SEND]
    assert set(chats) == set(range(100, 200)) and len(chats) == 104
    assert chats[:5] == [100] * 5  # the flooded send went again, first
    assert sent[4] - sent[0] >= 4 * 5.0
    assert busiest_window(sent, 1.0) <= 30


def test_bulk_marking_follows_tasks_started_inside_the_block() -> None:
    async def main() -> tuple[bool, bool, bool]:
        async def probe() -> bool:
            return is_bulk()

        outside = await asyncio.create_task(probe())
        with bulk_sends():
            inside = await asyncio.create_task(probe())
        return outside, inside, is_bulk()

    assert asyncio.run(main()) == (False, True, False)


def test_paid_broadcast_sends_the_flag_at_the_higher_rate_and_keeps_replies_free() -> None:
    async def main(loop: VirtualTimeLoop) -> FakeTelegram:
        bot, request = await started_bot(loop, limiter(loop, paid_rate=200))
        replies = (bot.send_message(chat_id=c, text="✅") for c in range(1, 41))
        await asyncio.gather(*replies, broadcast(bot, range(1000, 3000)))
        return request

    request = run_virtual(main)
    bulk = sent_with(request, range(1000, 3000))
    replies = sent_with(request, range(1, 41))
    assert len(bulk) == 2000 and all(paid for _, paid in bulk)
    assert len(replies) == 40 and not any(paid for _, paid in replies)
    assert busiest_window([t for t, _ in replies], 1.0) <= 30
    assert busiest_window(times(request), 1.0) <= 200
    assert 2000 / (max(t for t, _ in bulk) - min(t for t, _ in bulk)) >= 190


def test_a_refused_paid_broadcast_falls_back_to_the_free_rate() -> None:
    for code, text in ((429, "Too Many Requests"), (400, "Bad Request: not enough stars")):

        async def main(loop: VirtualTimeLoop, code: int = code, text: str = text) -> FakeTelegram:
            bot, request = await started_bot(loop, limiter(loop, paid_rate=200))
            # Telegram takes 50 paid sends, then refuses every one that carries the flag.
            retry = 1 if code == 429 else None
            paid = lambda params: bool(params.get(PAID_FLAG))  # noqa: E731
            request.fail(SEND, code, text, 10_000, retry, when=paid, after=50)
            await broadcast(bot, range(1000, 1300))
            return request

        request = run_virtual(main)
        calls = [c for c in request.calls if c.method == SEND]
        paid_at = [i for i, c in enumerate(calls) if c.params.get(PAID_FLAG)]
        refused = set(paid_at[50:])  # every paid call after the first 50 was refused
        delivered = [c.params["chat_id"] for i, c in enumerate(calls) if i not in refused]
        assert sorted(delivered) == list(range(1000, 1300))  # each once: nothing lost
        assert 1 <= len(refused) <= 5  # only the sends already granted as paid
        after = [c.at for c in calls[min(refused) + 1 :] if not c.params.get(PAID_FLAG)]
        assert len(after) >= 245 and busiest_window(after, 1.0) <= 30


def test_paid_rate_is_checked() -> None:
    for wrong in (30, 1001):
        try:
            SmoothRateLimiter(paid_rate=wrong)
        except ValueError as error:
            assert "paid_rate" in str(error)
        else:
            raise AssertionError(f"paid_rate={wrong} was accepted")
