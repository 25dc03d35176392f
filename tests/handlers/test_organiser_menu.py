"""Organiser commands in /hjelp and in a command menu that only organisers see."""

import logging
from typing import Any

import pytest

from bot.handlers.shared.commands import (
    GROUP_COMMANDS,
    ORGANISER_USES,
    PARTICIPANT_COMMANDS,
    register_menus,
)
from bot.handlers.shared.commands import (
    ORGANISER_COMMANDS as ORGANISER_MENU,
)
from tests.support.harness import CODE_1, ORGANISER, Harness

ORGANISER_COMMANDS = {"status", "lenker", "oppsummering"}


def _menus(h: Harness) -> list[tuple[dict[str, Any], set[str]]]:
    return [
        (c.params["scope"], {command["command"] for command in c.params["commands"]})
        for c in h.tg.calls
        if c.method == "setMyCommands"
    ]


async def test_only_the_organisers_chat_menu_has_organiser_commands(h: Harness) -> None:
    menus = _menus(h)
    own = [names for scope, names in menus if scope.get("chat_id") == ORGANISER]
    everyone = [names for scope, names in menus if "chat_id" not in scope]
    assert len(own) == 5 and all(names >= ORGANISER_COMMANDS for names in own)
    assert everyone and not any(ORGANISER_COMMANDS & names for names in everyone)


async def test_a_refused_organiser_menu_is_logged_and_skipped(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h.tg.fail(
        "setMyCommands",
        400,
        "Bad Request: chat not found",
        times=5,
        when=lambda params: params.get("scope", {}).get("chat_id") == 999,
    )
    before = len(h.tg.calls)
    await register_menus(h.app.bot, [999, ORGANISER])
    assert any("999" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    later = [c.params["scope"].get("chat_id") for c in h.tg.calls[before:]]
    assert later.count(ORGANISER) == 5  # the next organiser still gets a menu


async def test_help_lists_organiser_commands_for_organisers_only(h: Harness) -> None:
    await h.command(ORGANISER, "hjelp")
    assert "/oppsummering – Sjå over og rediger samanstillinga" in h.last_text(ORGANISER)
    assert "/status – Framdrift per gruppe og spørsmål" in h.last_text(ORGANISER)
    await h.join(333, CODE_1)
    await h.command(333, "hjelp")
    assert "/oppsummering" not in h.last_text(333)


def test_no_menu_names_a_command_twice(h: Harness) -> None:
    """Telegram rejects a whole menu that holds a command twice."""
    for commands in (PARTICIPANT_COMMANDS + ORGANISER_MENU, GROUP_COMMANDS):
        names = [name for name, _ in commands]
        assert len(names) == len(set(names)), names
    sent = [
        [command["command"] for command in c.params["commands"]]
        for c in h.tg.calls
        if c.method == "setMyCommands"
    ]
    assert sent and all(len(names) == len(set(names)) for names in sent)
    # What organisers do with the participants' commands is told in /hjelp instead.
    assert {name for name, _ in ORGANISER_USES} <= {name for name, _ in PARTICIPANT_COMMANDS}


async def test_help_tells_organisers_how_to_open_the_round(h: Harness) -> None:
    await h.command(ORGANISER, "hjelp")
    text = h.last_text(ORGANISER)
    assert "/runde – Opne eller steng runden på tvers av gruppene: /runde opne" in text
    assert "/motar – Møte: legg til, endre eller avlys" in text
