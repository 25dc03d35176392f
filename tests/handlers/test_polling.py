"""Polling that confirms an update only once it is processed (against the emulator over HTTP)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.app import build_application, start_up
from bot.context import Context, TingApplication
from bot.transport.polling import UPDATE_KINDS, ConfirmingPoller
from storage import Storage
from tests.emulator import Emulator
from tests.emulator.fixtures import (  # noqa: F401  (fixtures used by name)
    emu_fixture,
    loopback_only_fixture,
)
from tests.support.harness import example_config


@pytest.fixture(autouse=True)
def _offline(loopback_only: None) -> None:
    """Every test here runs with the network limited to loopback."""


@pytest.fixture
async def running(
    emu: Emulator, tmp_path: Path
) -> AsyncIterator[tuple[TingApplication, asyncio.Event]]:
    """The real application on the emulator; a message "vent" holds its update until released."""
    config = example_config(tmp_path / "db.sqlite3")
    telegram = replace(config.telegram, token=emu.token, api_base_url=emu.base_url)
    config = replace(config, telegram=telegram)
    storage = await Storage.open(config.database)
    app = build_application(config, storage, rate_limiter=False)
    released = asyncio.Event()

    async def gate(update: Update, context: Context) -> None:
        if update.effective_message and update.effective_message.text == "vent":
            await released.wait()

    app.add_handler(MessageHandler(filters.TEXT, gate), group=-100)  # a group of its own
    await app.initialize()
    await start_up(app)
    await app.start()
    yield app, released
    released.set()
    await app.stop()
    await app.shutdown()
    await storage.close()


def replies_to(emu: Emulator, chat_id: int) -> int:
    """How many messages the bot sent to a chat."""
    return len([c for c in emu.calls_to("sendMessage", ok=True) if c.params["chat_id"] == chat_id])


async def test_updates_are_confirmed_only_after_they_are_processed(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, released = running
    poller = ConfirmingPoller(app, UPDATE_KINDS)
    await poller.start()
    held = emu.user(11, "Ann").send_text("vent")
    done = emu.user(12, "Bo").send_text("hei")
    await emu.wait_until_async(lambda: replies_to(emu, 12) == 1)
    polls = emu.polls_started
    await emu.wait_until_async(lambda: emu.polls_started >= polls + 2)
    assert emu.pending_updates() == [held, done]  # Bo's is done, but above Ann's unfinished one
    assert replies_to(emu, 12) == 1  # fetched again, not processed again
    assert emu.deliveries(done) >= 2
    released.set()
    await emu.wait_until_async(lambda: replies_to(emu, 11) == 1)
    await emu.wait_until_async(lambda: emu.pending_updates() == [])
    later = emu.user(13, "Cy").send_text("hei")
    await emu.wait_until_async(lambda: replies_to(emu, 13) == 1)
    await poller.stop()
    assert emu.pending_updates() == []
    assert emu.deliveries(later) == 1


async def test_stop_waits_for_running_updates_and_confirms_them(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, released = running
    poller = ConfirmingPoller(app, UPDATE_KINDS)
    await poller.start()
    emu.user(11, "Ann").send_text("vent")
    await emu.wait_until_async(lambda: bool(poller.in_progress))
    stopping = asyncio.create_task(poller.stop())
    await asyncio.sleep(0)
    assert not stopping.done()
    released.set()
    await stopping
    assert replies_to(emu, 11) == 1
    assert emu.pending_updates() == []


async def test_a_failing_poll_is_retried(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, _ = running
    emu.inject("getUpdates", ["500"])
    poller = ConfirmingPoller(app, UPDATE_KINDS)
    await poller.start()
    emu.user(12, "Bo").send_text("hei")
    await emu.wait_until_async(lambda: replies_to(emu, 12) == 1, timeout=10)
    await poller.stop()
    assert [f.kind for f in emu.faults] == ["500"]


async def test_a_revoked_token_stops_polling_and_says_so(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, _ = running
    fatal = asyncio.Event()
    poller = ConfirmingPoller(app, UPDATE_KINDS, on_fatal=fatal.set)
    await poller.start()
    await emu.wait_until_async(lambda: emu.long_polls_waiting == 1)
    emu.revoke_token("123456789:AAE-a-new-token-after-revoke")
    emu.user(12, "Bo").send_text("hei")  # ends the long poll that was let in before
    await asyncio.wait_for(fatal.wait(), 15)
    assert poller.failed
    await poller.stop()


async def test_the_first_poll_returns_at_once_and_marks_polling(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, _ = running
    poller = ConfirmingPoller(app, UPDATE_KINDS)
    await poller.start()
    assert not poller.polling.is_set()
    await asyncio.wait_for(poller.polling.wait(), 10)
    await emu.wait_until_async(lambda: emu.long_polls_waiting == 1)  # then the usual long poll
    (first,) = emu.calls_to("getUpdates")  # a call is recorded once it is answered
    assert int(first.params.get("timeout", 0)) == 0
    await poller.stop()


async def test_polling_is_marked_only_once_telegram_answers_a_poll(
    emu: Emulator, running: tuple[TingApplication, asyncio.Event]
) -> None:
    app, _ = running
    emu.inject("getUpdates", ["500"])
    poller = ConfirmingPoller(app, UPDATE_KINDS)
    await poller.start()
    # The poller backs off a second after the 500: the failed poll must not have counted.
    await emu.wait_until_async(lambda: len(emu.faults) == 1)
    assert not poller.polling.is_set() and emu.polls_started == 0
    await asyncio.wait_for(poller.polling.wait(), 10)  # the next one, after the backoff
    assert [f.kind for f in emu.faults] == ["500"]
    await poller.stop()
