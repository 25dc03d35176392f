"""Concurrent update processing: each chat in order, a limit on updates in progress."""

from __future__ import annotations

import asyncio

from telegram import Bot, Update

from bot.transport.updates import PerChatOrderedProcessor

BOT = Bot("123456:TEST-token-abcdefghijklmnopqrstuvwxyz")


async def settle() -> None:
    """Let every task that can run, run (no timing involved)."""
    for _ in range(50):
        await asyncio.sleep(0)


def message(update_id: int, chat_id: int) -> Update:
    """A private text message from `chat_id`."""
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private", "first_name": "U"},
                "from": {"id": chat_id, "is_bot": False, "first_name": "U"},
                "text": "svar",
            },
        },
        BOT,
    )


async def test_each_chat_in_order_and_the_limit_holds() -> None:
    processor = PerChatOrderedProcessor(3)
    gate = asyncio.Event()
    started: list[tuple[int, int]] = []
    busiest = 0

    async def handle(update_id: int, chat_id: int) -> None:
        nonlocal busiest
        started.append((chat_id, update_id))
        busiest = max(busiest, processor.current_concurrent_updates)
        await gate.wait()

    updates = [(i, 100 + i % 4) for i in range(12)]
    tasks = [
        asyncio.create_task(processor.process_update(message(i, c), handle(i, c)))
        for i, c in updates
    ]
    await settle()
    assert len(started) == 3  # the limit
    gate.set()
    await asyncio.gather(*tasks)
    assert busiest == 3 and processor.current_concurrent_updates == 0
    for chat in range(100, 104):
        mine = [u for c, u in started if c == chat]
        assert mine == sorted(mine) and len(mine) == 3


async def test_a_busy_chat_does_not_take_the_other_chats_slots() -> None:
    processor = PerChatOrderedProcessor(2)
    release = asyncio.Event()
    done: list[int] = []

    async def slow(update_id: int) -> None:
        await release.wait()
        done.append(update_id)

    async def quick(update_id: int) -> None:
        done.append(update_id)

    # Five messages of one chat arrive first; one of them runs, four wait for their turn.
    waiting = [
        asyncio.create_task(processor.process_update(message(i, 7), slow(i))) for i in range(5)
    ]
    await settle()
    other = asyncio.create_task(processor.process_update(message(9, 8), quick(9)))
    await settle()
    assert other.done() and done == [9]  # the other chat got the second slot at once
    release.set()
    await asyncio.gather(*waiting)
    assert done == [9, 0, 1, 2, 3, 4]
