"""The command menus, set once the bot polls: a failure is logged and tried again, a refusal once."""

from __future__ import annotations

import logging

import pytest

from bot.handlers.shared.commands import MENU_RETRY_FIRST, set_menus
from tests.support.harness import ORGANISER, Harness

PER_SCOPE = 5  # the default (Nynorsk), nn, nb, en and "no"
SCOPES = 3  # private chats, group chats, the one organiser's chat


class Waits:
    """An injected sleep: records how long set_menus would wait, without waiting."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def menu_calls(h: Harness, since: int) -> list[dict[str, object]]:
    return [c.params for c in h.tg.calls[since:] if c.method == "setMyCommands"]


def private(params: dict[str, object]) -> bool:
    """The private chats' default menu: one call per attempt."""
    return params.get("scope") == {"type": "all_private_chats"} and "language_code" not in params


async def test_a_server_error_is_logged_and_every_menu_is_set_again(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    h.tg.fail("setMyCommands", 500, "Internal Server Error", times=2, when=private)
    before, waits = len(h.tg.calls), Waits()
    await set_menus(h.app, sleep=waits)
    assert waits.seconds == [MENU_RETRY_FIRST, 2 * MENU_RETRY_FIRST]
    retried = [r for r in caplog.records if r.getMessage() == "command menus not set, trying again"]
    assert len(retried) == 2 and all(r.levelno == logging.WARNING for r in retried)
    assert any(r.getMessage() == "command menus set" for r in caplog.records)
    # The last attempt went through in full: every scope in every language.
    last = menu_calls(h, before)[-PER_SCOPE * SCOPES :]
    for scope in (
        {"type": "all_private_chats"},
        {"type": "all_group_chats"},
        {"type": "chat", "chat_id": ORGANISER},
    ):
        languages = {c.get("language_code") for c in last if c["scope"] == scope}
        assert languages == {None, "nn", "nb", "en", "no"}, scope


async def test_a_flood_wait_is_waited_out(h: Harness) -> None:
    h.tg.fail("setMyCommands", 429, "Too Many Requests", retry_after=7, when=private)
    waits = Waits()
    await set_menus(h.app, sleep=waits)
    assert waits.seconds == [7]


async def test_an_organisers_network_failure_is_tried_again(h: Harness) -> None:
    def organisers(params: dict[str, object]) -> bool:
        return params.get("scope") == {"type": "chat", "chat_id": ORGANISER}

    h.tg.fail("setMyCommands", 502, "Bad Gateway", when=organisers)
    before, waits = len(h.tg.calls), Waits()
    await set_menus(h.app, sleep=waits)
    assert waits.seconds == [MENU_RETRY_FIRST]
    own = [c for c in menu_calls(h, before) if organisers(c)]
    assert len(own) == 2 * PER_SCOPE  # the failed round, then the full one


async def test_a_refusal_is_logged_once_and_not_tried_again(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h.tg.fail("setMyCommands", 400, "Bad Request: BOT_COMMAND_INVALID", when=private)
    before, waits = len(h.tg.calls), Waits()
    await set_menus(h.app, sleep=waits)
    assert waits.seconds == []
    (refused,) = [r for r in caplog.records if r.getMessage() == "command menus refused"]
    assert refused.levelno == logging.ERROR
    assert "bot_command_invalid" in str(refused.__dict__["error"]).lower()
    assert len(menu_calls(h, before)) == PER_SCOPE * SCOPES  # one attempt
