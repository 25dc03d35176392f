"""Fixtures of the end-to-end suite: an emulator on loopback and the bot deployed against it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.scenario import Tingbot
from tests.emulator import Emulator
from tests.emulator.fixtures import loopback_only_fixture  # noqa: F401  (fixture used by name)


def deploy(emu: Emulator, directory: Path) -> Iterator[Tingbot]:
    """A Tingbot on `emu`; processes still running at the end are killed and the emulator checked."""
    bot = Tingbot(emu, directory)
    try:
        yield bot
    finally:
        bot.close()
    emu.assert_healthy()


@pytest.fixture
def tingbot(tmp_path: Path, loopback_only: None) -> Iterator[Tingbot]:
    """The bot deployed against a fresh emulator (not started: call `tingbot.start()`)."""
    with Emulator() as emu:
        yield from deploy(emu, tmp_path)


@pytest.fixture
def flooded_tingbot(tmp_path: Path, loopback_only: None) -> Iterator[Tingbot]:
    """Like `tingbot`, but the emulator answers 429 beyond Telegram's limits, as Telegram does."""
    with Emulator(flood_limits=True) as emu:
        yield from deploy(emu, tmp_path)
