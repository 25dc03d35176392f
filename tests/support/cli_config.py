"""A config file next to a database that a seeding step filled, for the command-line tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from tests.support.harness import ROOT, TOKEN, Harness, start_harness, stop_harness


async def seeded_config(tmp_path: Path, seed: Callable[[Harness], Awaitable[object]]) -> Path:
    """config.example.toml with a token, whose database (next to it) `seed` filled."""
    h = await start_harness(tmp_path)
    await seed(h)
    await stop_harness(h)
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    text = text.replace('token = ""', f'token = "{TOKEN}"', 1)
    text = text.replace('path = "data/tingbot.sqlite3"', 'path = "tingbot.sqlite3"', 1)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path
