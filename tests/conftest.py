"""Shared fixtures: a real Application on a real SQLite file with an in-process Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.figures import FIGURES
from tests.support.harness import Harness, start_harness, stop_harness


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    """A started application for the example consultation, clock on 1 December 2026."""
    harness = await start_harness(tmp_path)
    yield harness
    await stop_harness(harness)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the figures reliability tests measured (tests.support.figures) after the results."""
    if not FIGURES:
        return
    terminalreporter.section("tingbot reliability figures")
    for name, figures in FIGURES.items():
        details = ", ".join(f"{key}={value}" for key, value in figures.items())
        terminalreporter.write_line(f"{name}: {details}")
